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
  /**
   * 'auto' (default): LZ77 at `level` only for blocks where it pays, Huffman coding alone for the rest (see
   * chooseCoding). 'lz77': every block at `level`, as gzip does.
   */
  readonly coding?: 'auto' | 'lz77';
  /** Filled in as blocks are compressed: how many used each coding. */
  readonly stats?: GzipStats;
}

export interface GzipStats {
  lz77Blocks: number;
  huffmanBlocks: number;
}

/** Bytes tried both ways to choose a block's coding: ~3% of a 1 MiB block's cost. */
const SAMPLE = 32 * 1024;
/** LZ77 must beat Huffman alone by this fraction of the sample to be worth its ~3x cost per byte. */
const LZ77_MIN_GAIN = 0.01;

/**
 * Weight-like data (float shards) has almost no repeated strings: LZ77's match search finds nothing and costs
 * ~40 MB/s a core, while Huffman coding alone gets the same size (the gain is in the skewed exponent bytes) at
 * ~100 MB/s. Text, JSON and tokenizers are the opposite. So each block is judged on a sample from its middle:
 * Huffman alone unless LZ77 at `level` makes the sample at least 1% smaller. Both are ordinary deflate blocks.
 */
export async function chooseCoding(block: Buffer, level: number): Promise<'lz77' | 'huffman'> {
  if (block.length <= SAMPLE) return 'lz77';
  const from = Math.floor((block.length - SAMPLE) / 2);
  const sample = block.subarray(from, from + SAMPLE);
  const [lz77, huffman] = await Promise.all([
    deflateRaw(sample, { level }),
    deflateRaw(sample, { level, strategy: constants.Z_HUFFMAN_ONLY }),
  ]);
  return lz77.length < huffman.length * (1 - LZ77_MIN_GAIN) ? 'lz77' : 'huffman';
}

/**
 * Gzip on several cores, the way pigz does it, still as ONE gzip member (so even streaming readers such as
 * Python's `tarfile` mode 'r|gz', which stop after the first member, read it all): the input is cut into blocks;
 * each is raw-deflated on a thread-pool thread with the previous block's last 32 KiB as its dictionary (so matches
 * reach back across the cut as in a single-threaded stream) and ends with a sync flush (byte-aligned, not final);
 * only the last block is finished. Concatenated in order, the blocks form one valid deflate stream; the gzip header
 * goes in front and the CRC-32 (computed here as blocks pass) and length behind. A block coded with Huffman alone
 * needs no dictionary (it has no back-references), so blocks may switch coding freely.
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
  yield* orderedMap(withContext(), opts.concurrency ?? 2, async ({ block, dictionary, last }) => {
    const coding = opts.coding === 'lz77' ? 'lz77' : await chooseCoding(block, level);
    if (opts.stats) opts.stats[coding === 'lz77' ? 'lz77Blocks' : 'huffmanBlocks']++;
    return deflateRaw(block, {
      level,
      // Room for the whole output at once: one trip back to the main thread per block, not one per 256 KiB.
      chunkSize: block.length + (block.length >> 3) + 1024,
      ...(coding === 'huffman' ? { strategy: constants.Z_HUFFMAN_ONLY } : dictionary ? { dictionary } : {}),
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
    });
  });
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
