import { promisify } from 'node:util';
import { constants, crc32, deflateRaw as deflateRawCallback } from 'node:zlib';
import { BufferPool } from './buffer-pool.js';
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
/** Blocks that share one sampled decision (8 MiB with the default block size). */
const BLOCKS_PER_DECISION = 8;
/** LZ77 must beat Huffman alone by this fraction of the sample to be worth its ~3x cost per byte. */
const LZ77_MIN_GAIN = 0.01;

/**
 * Weight-like data (float shards) has almost no repeated strings: LZ77's match search finds nothing and costs
 * ~40 MB/s a core, while Huffman coding alone gets the same size (the gain is in the skewed exponent bytes) at
 * ~100 MB/s. Text, JSON and tokenizers are the opposite. So a block is judged on a sample from its middle:
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
  const concurrency = opts.concurrency ?? 2;
  // Holders of a block: the one being filled, the look-ahead one, and those compressing or waiting their turn.
  const pool = new BufferPool(blockSize, concurrency + 2);
  let crc = 0;
  let length = 0;
  let previousTail: Buffer | undefined;
  // Blocks are paired with their dictionary and whether they are last; one block of look-ahead tells which is last.
  async function* withContext(): AsyncGenerator<Block & { dictionary: Buffer | undefined; last: boolean }> {
    let held: Block | undefined;
    for await (const block of blocks(source, blockSize, pool)) {
      if (held) yield next(held, false);
      held = block;
    }
    yield next(held ?? { bytes: Buffer.alloc(0), release: () => undefined }, true);
  }
  function next(block: Block, last: boolean): Block & { dictionary: Buffer | undefined; last: boolean } {
    const dictionary = previousTail;
    crc = crc32(block.bytes, crc);
    length += block.bytes.length;
    // A copy: the block's buffer is reused once it is compressed, maybe before the next block starts.
    previousTail = block.bytes.length > 0 ? Buffer.from(block.bytes.subarray(Math.max(0, block.bytes.length - WINDOW))) : undefined;
    return { ...block, dictionary, last };
  }
  yield Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  // One decision per group of blocks: neighbours are nearly always the same kind of data (one shard, or a run of
  // small text files), and each sample costs two extra deflate calls.
  let group: { index: number; coding: Promise<'lz77' | 'huffman'> } | undefined;
  yield* orderedMap(withContext(), concurrency, async ({ bytes, release, dictionary, last }, index) => {
    try {
      if (opts.coding !== 'lz77' && (group === undefined || index >= group.index + BLOCKS_PER_DECISION))
        group = { index, coding: chooseCoding(bytes, level) };
      const coding = opts.coding === 'lz77' ? 'lz77' : await group!.coding;
      if (opts.stats) opts.stats[coding === 'lz77' ? 'lz77Blocks' : 'huffmanBlocks']++;
      return await deflateRaw(bytes, {
        level,
        // Room for the whole output at once: one trip back to the main thread per block, not one per 256 KiB.
        chunkSize: bytes.length + (bytes.length >> 3) + 1024,
        ...(coding === 'huffman' ? { strategy: constants.Z_HUFFMAN_ONLY } : dictionary ? { dictionary } : {}),
        finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      });
    } finally {
      release();
    }
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  yield trailer;
}

/** A block of input and how to give its buffer back. */
export interface Block {
  readonly bytes: Buffer;
  readonly release: () => void;
}

/**
 * Re-cuts a byte stream into blocks of exactly `size` bytes (the last one shorter), copied into buffers from `pool`
 * (`size`-sized). Each incoming chunk is copied before the next is pulled, so the source may reuse its buffers.
 */
export async function* blocks(source: AsyncIterable<Buffer>, size: number, pool: BufferPool): AsyncGenerator<Block> {
  let current: Buffer | undefined;
  let filled = 0;
  const take = (buffer: Buffer, bytes: number): Block => ({ bytes: buffer.subarray(0, bytes), release: () => pool.release(buffer) });
  for await (const chunk of source) {
    let rest = chunk;
    while (rest.length > 0) {
      current ??= await pool.acquire();
      const n = rest.copy(current, filled);
      filled += n;
      rest = rest.subarray(n);
      if (filled === size) {
        yield take(current, filled);
        current = undefined;
        filled = 0;
      }
    }
  }
  if (current && filled > 0) yield take(current, filled);
  else if (current) pool.release(current);
}
