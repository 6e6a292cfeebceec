import { promisify } from 'node:util';
import { constants, crc32, deflateRaw as deflateRawCallback } from 'node:zlib';
import { orderedMap } from './ordered-map.js';

const deflateRaw = promisify(deflateRawCallback);
const WINDOW = 32 * 1024;

export interface ParallelGzipOptions {
  /** Uncompressed bytes per block (default 1 MiB). */
  readonly blockSize?: number;
  /** Blocks compressed at once, on libuv's thread pool (default 2: one per core of a GitHub runner). */
  readonly concurrency?: number;
  readonly level?: number;
}

/**
 * Gzip on several cores, the way pigz does it, still as ONE gzip member (so even streaming readers such as
 * Python's `tarfile` mode 'r|gz', which stop after the first member, read it all): the input is cut into blocks;
 * each is raw-deflated on a thread-pool thread with the previous block's last 32 KiB as its dictionary (so matches
 * reach back across the cut as in a single-threaded stream) and ends with a sync flush (byte-aligned, not final);
 * only the last block is finished. Concatenated in order, the blocks form one valid deflate stream; the gzip header
 * goes in front and the CRC-32 (computed here as blocks pass) and length behind.
 */
export async function* parallelGzip(source: AsyncIterable<Buffer>, opts: ParallelGzipOptions = {}): AsyncGenerator<Buffer> {
  const blockSize = opts.blockSize ?? 1024 * 1024;
  const level = opts.level ?? constants.Z_DEFAULT_COMPRESSION;
  let crc = 0;
  let length = 0;
  let previous: Buffer | undefined;
  // Blocks are paired with their dictionary and whether they are last; one block of look-ahead tells which is last.
  async function* withContext(): AsyncGenerator<{ block: Buffer; dictionary: Buffer | undefined; last: boolean }> {
    let held: Buffer | undefined;
    for await (const block of blocks(source, blockSize)) {
      if (held) yield next(held, false);
      held = block;
    }
    yield next(held ?? Buffer.alloc(0), true);
  }
  function next(block: Buffer, last: boolean): { block: Buffer; dictionary: Buffer | undefined; last: boolean } {
    const dictionary = previous && previous.length > 0 ? previous.subarray(Math.max(0, previous.length - WINDOW)) : undefined;
    crc = crc32(block, crc);
    length += block.length;
    previous = block;
    return { block, dictionary, last };
  }
  yield Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  yield* orderedMap(withContext(), opts.concurrency ?? 2, ({ block, dictionary, last }) =>
    deflateRaw(block, {
      level,
      chunkSize: 256 * 1024,
      ...(dictionary ? { dictionary } : {}),
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
    }),
  );
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  yield trailer;
}

/** Re-cuts a byte stream into blocks of exactly `size` bytes (the last one shorter). */
export async function* blocks(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let filled = 0;
  for await (const chunk of source) {
    let rest = chunk;
    while (rest.length > 0) {
      const take = Math.min(size - filled, rest.length);
      pending.push(rest.subarray(0, take));
      filled += take;
      rest = rest.subarray(take);
      if (filled === size) {
        yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, filled);
        pending = [];
        filled = 0;
      }
    }
  }
  if (filled > 0) yield Buffer.concat(pending, filled);
}
