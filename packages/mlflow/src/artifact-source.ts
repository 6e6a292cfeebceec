import { MlflowApiError, isRetryableNetworkError } from './mlflow-api-error.js';
import type { MlflowClient } from './mlflow-client.js';
import { backoffMs, sleep } from './mlflow-http.js';

/** One file of a model directory: its path relative to the model root (posix) and its size. */
export interface ManifestFile {
  readonly path: string;
  readonly size: number;
}

/** Where a model's artifacts are, in terms of what this MLflow server can serve. */
export interface ArtifactLocation {
  /** Path below the `mlflow-artifacts` proxy root. */
  readonly proxyPath: string;
  /** When set, list through `artifacts/list` of this run (at `runPath`) rather than through the proxy. */
  readonly runId?: string;
  readonly runPath?: string;
}

/**
 * Maps a download URI to the artifact proxy. `mlflow-artifacts:/x` and `mlflow-artifacts://host:port/x` are served
 * by the tracking server itself (`mlflow server --serve-artifacts`, the default since MLflow 2.0); other schemes
 * (s3://, gs://, dbfs:/, a local path) would need direct storage access, which this client does not do.
 */
export function artifactLocation(downloadUri: string, run?: { runId: string; runPath: string }): ArtifactLocation {
  const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(downloadUri);
  if (!m)
    throw new Error(
      `the artifacts are at ${downloadUri}, which this MLflow server does not proxy: ` +
        `only mlflow-artifacts:/ locations (mlflow server --serve-artifacts) can be downloaded through MLflow`,
    );
  const proxyPath = m[1]!.replace(/\/+$/, '');
  return run ? { proxyPath, runId: run.runId, runPath: run.runPath } : { proxyPath };
}

/**
 * Every file below the location, recursively (directories listed `concurrency` at a time), sorted with
 * `MLmodel` first and then by path, so archives are deterministic and start with what readers look for.
 */
export async function listModelFiles(client: MlflowClient, location: ArtifactLocation, concurrency = 8): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  const pending: string[] = [''];
  const listDir = async (rel: string): Promise<void> => {
    const entries =
      location.runId !== undefined
        ? (await client.listRunArtifacts(location.runId, join(location.runPath ?? '', rel))).map((e) => ({
            ...e,
            // artifacts/list answers run-relative paths: make them relative to the model root.
            path: e.path.slice((location.runPath ? `${location.runPath}/` : '').length),
          }))
        : (await client.listProxyArtifacts(join(location.proxyPath, rel))).map((e) => ({
            ...e,
            path: join(rel, e.path.split('/').pop()!),
          }));
    for (const entry of entries) {
      if (entry.is_dir) pending.push(entry.path);
      else files.push({ path: entry.path, size: Number(entry.file_size ?? 0) });
    }
  };
  while (pending.length > 0) await Promise.all(pending.splice(0, concurrency).map(listDir));
  return files.sort((a, b) => (a.path === 'MLmodel' ? -1 : b.path === 'MLmodel' ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function join(a: string, b: string): string {
  return [a, b].filter((s) => s !== '').join('/');
}

function encodePath(p: string): string {
  return p
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent)
    .join('/');
}

/**
 * Bytes [start, end) of one artifact through the proxy, into one buffer. A connection that drops mid-body is
 * resumed with a Range request from the last byte received (retried with backoff), so a reset costs one range,
 * never the whole export. A server that ignores Range (200 instead of 206) still yields the right bytes.
 * With `into`, the bytes land in that (reused) buffer instead of a new one.
 */
export async function downloadArtifactRange(
  client: MlflowClient,
  location: ArtifactLocation,
  file: ManifestFile,
  start = 0,
  end = file.size,
  into?: Buffer,
): Promise<Buffer> {
  if (end <= start) return Buffer.alloc(0);
  const out = into ? into.subarray(0, end - start) : Buffer.allocUnsafe(end - start);
  if (out.length < end - start) throw new RangeError(`a ${into?.length ?? 0}-byte buffer cannot hold bytes ${start}-${end}`);
  let got = 0;
  const path = `api/2.0/mlflow-artifacts/artifacts/${encodePath(join(location.proxyPath, file.path))}`;
  const what = `download of ${file.path}`;
  const policy = client.http.policy;
  for (let retry = 0; got < out.length; retry++) {
    const from = start + got;
    const ranged = from > 0 || end < file.size;
    try {
      const res = await client.http.request({ path, what, headers: ranged ? { range: `bytes=${from}-${end - 1}` } : {} });
      // 200 to a ranged request: the whole file is coming; skip what precedes the range.
      let skip = ranged && res.statusCode === 200 ? from : 0;
      for await (const chunk of res as AsyncIterable<Buffer>) {
        let piece = chunk;
        if (skip > 0) {
          const n = Math.min(skip, piece.length);
          skip -= n;
          piece = piece.subarray(n);
        }
        const room = out.length - got;
        if (piece.length > room) piece = piece.subarray(0, room);
        piece.copy(out, got);
        got += piece.length;
        if (got === out.length) break;
      }
      if (got < out.length) throw Object.assign(new Error(`connection closed after ${got} of ${out.length} bytes`), { code: 'ECONNRESET' });
    } catch (error) {
      const retryable = isRetryableNetworkError(error) || (error instanceof Error && /aborted|closed/i.test(error.message));
      if (error instanceof MlflowApiError || !retryable || retry >= policy.maxRetries) {
        if (error instanceof MlflowApiError) throw error;
        throw new Error(
          `MLflow ${what} failed at byte ${start + got} of ${file.size}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await sleep(backoffMs(policy, retry + 1));
    }
  }
  return out;
}
