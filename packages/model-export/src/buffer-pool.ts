/**
 * A fixed set of equal buffers, handed out and given back. Streaming a model allocates the same few megabyte-sized
 * buffers over and over; fresh ones are freed only when the GC gets round to them, and glibc keeps the high-water
 * mark of that garbage resident. Reusing a fixed set keeps the process's memory flat whatever the model size, and
 * `acquire` waiting for a free buffer is itself back-pressure.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly waiting: ((buffer: Buffer) => void)[] = [];

  constructor(
    readonly size: number,
    count: number,
  ) {
    for (let i = 0; i < count; i++) this.free.push(Buffer.allocUnsafeSlow(size));
  }

  acquire(): Promise<Buffer> {
    const buffer = this.free.pop();
    if (buffer) return Promise.resolve(buffer);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Gives back a buffer that `acquire` handed out (that buffer itself, not a view of it). */
  release(buffer: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.free.push(buffer);
  }
}
