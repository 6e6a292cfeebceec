// Fault injection: failing requests, added latency, downloads cut mid-stream.

export interface MlflowFaults {
  /** The next `count` requests answer `status` (default 503) with an MLflow-style JSON error. */
  failNext(count: number, status?: number): void;
  setLatencyMs(ms: number): void;
  /** The next artifact download is destroyed after `bytes` bytes (`undefined` clears it). */
  cutDownloadAfterBytes(bytes: number | undefined): void;
  reset(): void;
}

export class MlflowFaultState implements MlflowFaults {
  private failures: number[] = [];
  latencyMs = 0;
  private cutAfter: number | undefined;

  failNext(count: number, status = 503): void {
    for (let i = 0; i < count; i++) this.failures.push(status);
  }

  setLatencyMs(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  cutDownloadAfterBytes(bytes: number | undefined): void {
    this.cutAfter = bytes;
  }

  reset(): void {
    this.failures = [];
    this.latencyMs = 0;
    this.cutAfter = undefined;
  }

  /** Status to fail the current request with, consuming one queued failure. */
  takeFailure(): number | undefined {
    return this.failures.shift();
  }

  /** Byte limit for the current download, consumed once taken. */
  takeDownloadCut(): number | undefined {
    const cut = this.cutAfter;
    this.cutAfter = undefined;
    return cut;
  }
}
