import { downloadArtifactRange, type ArtifactLocation, type ManifestFile, type MlflowClient } from '@mlops-actions/mlflow';
import type { BufferPool } from './buffer-pool.js';
import { orderedMap } from './ordered-map.js';

/** One ranged download: a file is fetched in `chunk`-sized ranges so a big file downloads over several connections. */
export interface RangeJob {
  readonly file: ManifestFile;
  readonly start: number;
  readonly end: number;
  readonly first: boolean;
  readonly last: boolean;
}

export function* planRanges(files: readonly ManifestFile[], chunk: number): Generator<RangeJob> {
  for (const file of files) {
    if (file.size === 0) {
      yield { file, start: 0, end: 0, first: true, last: true };
      continue;
    }
    for (let start = 0; start < file.size; start += chunk) {
      const end = Math.min(file.size, start + chunk);
      yield { file, start, end, first: start === 0, last: end === file.size };
    }
  }
}

export interface FetchedRange extends RangeJob {
  readonly data: Buffer;
  /** Done with `data`: with a buffer pool, its buffer goes back for reuse (no-op without one). */
  readonly release: () => void;
}

/**
 * The model's bytes in archive order, downloaded `parallel` ranges at a time. Small files download side by side;
 * a big file is split across connections. Memory stays at about `parallel * chunk`. With `buffers` (a pool of
 * `chunk`-sized buffers), each range lands in a pooled buffer that the consumer gives back with `release()`.
 */
export function fetchInOrder(
  client: MlflowClient,
  location: ArtifactLocation,
  files: readonly ManifestFile[],
  parallel: number,
  chunk: number,
  onBytes: (n: number) => void = () => undefined,
  buffers?: BufferPool,
): AsyncGenerator<FetchedRange> {
  return orderedMap(planRanges(files, chunk), parallel, async (job) => {
    const into = buffers && job.end > job.start ? await buffers.acquire() : undefined;
    const data = await downloadArtifactRange(client, location, job.file, job.start, job.end, into);
    onBytes(data.length);
    return { ...job, data, release: into ? () => buffers!.release(into) : () => undefined };
  });
}

/** Logs progress at most every `everyMs`, with throughput so far. */
export function progressReporter(total: number, log: (line: string) => void, everyMs = 10_000): (n: number) => void {
  const started = Date.now();
  let done = 0;
  let lastLog = started;
  return (n) => {
    done += n;
    const now = Date.now();
    if (now - lastLog < everyMs && done < total) return;
    lastLog = now;
    const mbps = done / 1e6 / Math.max(0.001, (now - started) / 1000);
    log(
      `downloaded ${formatBytes(done)} of ${formatBytes(total)} (${Math.round((100 * done) / Math.max(1, total))}%, ${mbps.toFixed(1)} MB/s)`,
    );
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]!}`;
}
