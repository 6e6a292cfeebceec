import { createHash } from 'node:crypto';
import type { FetchedRange } from './artifact-stream.js';
import { parallelGzip, type ParallelGzipOptions } from './parallel-gzip.js';
import type { MultipartWriter } from './s3-multipart.js';
import { padding, TAR_END, tarHeader } from './tar-format.js';

/**
 * The tar stream of the model: each file's header, its bytes as they arrive, its padding; then the end blocks.
 * A range's bytes are valid until the consumer pulls the next chunk: then the range is released (pooled buffers).
 */
export async function* tarStream(ranges: AsyncIterable<FetchedRange>, mtimeSeconds: number): AsyncGenerator<Buffer> {
  for await (const range of ranges) {
    if (range.first) yield tarHeader({ path: range.file.path, size: range.file.size, mtime: mtimeSeconds });
    if (range.data.length > 0) yield range.data;
    range.release();
    if (range.last && padding(range.file.size) > 0) yield Buffer.alloc(padding(range.file.size));
  }
  yield TAR_END;
}

/**
 * download -> tar -> gzip members (both cores) -> sha256 -> multipart upload, all at once. Each stage pulls from the
 * one before, so the slowest (usually compression) sets the pace and nothing piles up in memory.
 */
export async function streamGzipArchive(
  ranges: AsyncIterable<FetchedRange>,
  mtimeSeconds: number,
  writer: MultipartWriter,
  gzip: ParallelGzipOptions,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const member of parallelGzip(tarStream(ranges, mtimeSeconds), gzip)) {
    hash.update(member);
    bytes += member.length;
    await writer.write(member);
  }
  await writer.complete();
  return { sha256: hash.digest('hex'), bytes };
}
