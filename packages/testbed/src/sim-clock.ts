/** Simulated time: every delay of the world goes through here, stretched or shrunk by `timeScale`. */
export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(public timeScale = 1) {}

  /** Runs `work` after `ms` simulated milliseconds; returns a cancel function. Timers never keep the process alive. */
  schedule(ms: number, work: () => void): () => void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        work();
      },
      Math.max(0, ms * this.timeScale),
    );
    timer.unref();
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve));
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
