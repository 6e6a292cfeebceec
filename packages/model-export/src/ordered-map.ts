/**
 * Maps `source` through `work` with up to `concurrency` calls in flight and yields results in source order.
 * At most `concurrency` results exist at once (in flight or waiting for their turn), which bounds memory: the
 * consumer's pace (e.g. an upload) throttles how far ahead downloads and compression run.
 */
export async function* orderedMap<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R> {
  const queue: Promise<R>[] = [];
  let index = 0;
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source);
  let done = false;
  try {
    for (;;) {
      while (!done && queue.length < concurrency) {
        const next = await iterator.next();
        if (next.done) done = true;
        else {
          const p = work(next.value, index++);
          // A rejection is observed when its turn comes; until then keep Node from calling it unhandled.
          p.catch(() => undefined);
          queue.push(p);
        }
      }
      const head = queue.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!done) await iterator.return?.();
  }
}

function toAsync<T>(items: Iterable<T>): AsyncIterator<T> {
  const it = items[Symbol.iterator]();
  return { next: () => Promise.resolve(it.next()), return: () => Promise.resolve(it.return?.() ?? { done: true, value: undefined }) };
}

/** Runs tasks with at most `concurrency` at once; the first failure is thrown once the running ones settle. */
export class TaskPool {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(readonly concurrency: number) {}

  /** Waits for a free slot, then starts `task`. Throws an earlier task's failure instead of starting more work. */
  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.concurrency) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
    const p: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
  }
}
