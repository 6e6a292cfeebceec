import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@mlops-actions/action-kit';
import { awsClientConfig } from '@mlops-actions/aws';
import {
  artifactLocation,
  listModelFiles,
  MlflowClient,
  ModelNotFoundError,
  resolveModel,
  type ManifestFile,
  type ResolvedModel,
  type TrackingSettings,
} from '@mlops-actions/mlflow';
import { fetchInOrder, formatBytes, progressReporter } from './artifact-stream.js';
import { BufferPool } from './buffer-pool.js';
import type { ExportInputs } from './export-inputs.js';
import { exportId, exportMetadata, exportNames, exportTagging, finalFolder, stagingPrefix, type ExportNames } from './export-key.js';
import { streamGzipArchive } from './gzip-export.js';
import type { GzipStats } from './parallel-gzip.js';
import { TaskPool } from './ordered-map.js';
import { uploadFiles } from './prefix-export.js';
import { checkBucket, clearPrefix, copyObject, headMetadata, listFolders, listObjects } from './s3-objects.js';
import { MIN_PART, MultipartWriter, partSizeFor } from './s3-multipart.js';
import { tarSize } from './tar-format.js';

export interface ExportClients {
  readonly mlflow: MlflowClient;
  readonly s3: S3Client;
}

export function createExportClients(inputs: ExportInputs, tracking: TrackingSettings): ExportClients {
  return {
    mlflow: new MlflowClient(tracking, undefined, inputs['parallel-downloads'] + 4),
    s3: new S3Client({ ...awsClientConfig(inputs.region), requestChecksumCalculation: 'WHEN_REQUIRED' }),
  };
}

/** Knobs the action does not expose; the bench and tests tune them. */
export interface ExportTuning {
  readonly rangeBytes?: number;
  readonly gzipBlockBytes?: number;
  readonly gzipConcurrency?: number;
  readonly gzipLevel?: number;
  readonly uploadConcurrency?: number;
  readonly pollIntervalMs?: number;
}

export interface ExportResult {
  readonly modelDataUrl: string;
  readonly model: ResolvedModel;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly compression: 'gzip' | 'none';
  readonly reused: boolean;
  readonly files: number;
  /** Uncompressed bytes of the model files. */
  readonly contentBytes: number;
  readonly seconds: number;
  /** gzip exports made by this run: how the blocks were coded (see parallel-gzip.ts). */
  readonly gzipBlocks?: GzipStats;
}

/** MLflow model URI -> immutable model data in S3 (see export-key.ts for the naming and idempotency design). */
export async function exportModel(
  inputs: ExportInputs,
  clients: ExportClients,
  logger: Logger,
  tuning: ExportTuning = {},
): Promise<ExportResult> {
  const started = Date.now();
  const { mlflow, s3 } = clients;
  const uri = inputs['model-uri'];
  const { bucket, key: prefixKey } = inputs['s3-prefix'];
  const prefixUrl = `s3://${bucket}/${prefixKey}`;
  const compression = inputs.compression;

  const model = await logger.group(`Resolve ${uri.kind === 'run' ? `runs:/${uri.runId}/${uri.path}` : `models:/${uri.name}`}`, async () => {
    const resolved = await resolveModel(mlflow, uri, {
      waitTimeoutMs: inputs['wait-timeout-seconds'] * 1000,
      pollIntervalMs: tuning.pollIntervalMs,
      logger,
    });
    logger.info(
      `${resolved.uri} -> ${resolved.name ? `${resolved.name} v${resolved.version} (stage ${resolved.stage ?? '—'}, aliases ${resolved.aliases.join(', ') || '—'}), ` : ''}run ${resolved.runId}, artifacts at ${resolved.downloadUri}`,
    );
    return resolved;
  });

  const runPath = uri.kind === 'run' ? uri.path : undefined;
  const location = artifactLocation(model.downloadUri, uri.kind === 'run' ? { runId: uri.runId, runPath: uri.path } : undefined);
  const files = await listModelFiles(mlflow, location);
  checkModelFiles(model, files);
  const contentBytes = files.reduce((s, f) => s + f.size, 0);
  logger.info(`${files.length} files, ${formatBytes(contentBytes)}`);

  await checkBucket(s3, bucket, prefixUrl);
  const names = exportNames(prefixKey, model, runPath);
  const id = exportId(model, files, compression);
  const done = (r: Omit<ExportResult, 'model' | 'compression' | 'files' | 'contentBytes' | 'seconds'>): ExportResult => ({
    ...r,
    model,
    compression,
    files: files.length,
    contentBytes,
    seconds: (Date.now() - started) / 1000,
  });

  const previous = await findExport(s3, bucket, names, id, compression, files);
  if (previous) {
    logger.info(`Already exported as ${previous.url} (same model version and files): nothing to upload`);
    return done({ modelDataUrl: previous.url, sha256: previous.sha256, sizeBytes: previous.size, reused: true });
  }

  const cleared = await clearPrefix(s3, bucket, stagingPrefix(names));
  if (cleared > 0) logger.info(`Removed ${cleared} leftovers of an earlier, interrupted export of this version`);
  const staging = `${stagingPrefix(names)}${randomUUID()}/`;
  // gzip: ranges only feed the tar, so small ones keep memory low; none: each range is an S3 part (>= 5 MiB).
  const rangeBytes =
    tuning.rangeBytes ?? (compression === 'gzip' ? 2 * 1024 * 1024 : partSizeFor(Math.max(...files.map((f) => f.size), 0), MIN_PART));
  const uploadConcurrency = tuning.uploadConcurrency ?? 2;
  const report = progressReporter(contentBytes, (line) => logger.info(line));
  const parallel = inputs['parallel-downloads'];
  // Ranges land in reused buffers. Holders: downloads in flight, the one being handed over, and for none the
  // uploads in flight (a range is a part); gzip copies each range into its blocks before pulling the next.
  const buffers = new BufferPool(rangeBytes, parallel + 1 + (compression === 'none' ? uploadConcurrency : 0));
  const ranges = (): ReturnType<typeof fetchInOrder> => fetchInOrder(mlflow, location, files, parallel, rangeBytes, report, buffers);
  const metadata = exportMetadata(model, id);

  try {
    return await logger.group(`Export ${compression === 'gzip' ? 'model.tar.gz' : 'files'} to ${prefixUrl}`, async () => {
      if (compression === 'gzip') {
        const stagingKey = `${staging}model.tar.gz`;
        const writer = new MultipartWriter(
          s3,
          { bucket, key: stagingKey, contentType: 'application/gzip', metadata },
          partSizeFor(tarSize(files.map((f) => ({ ...f, mtime: 0 })))),
          new TaskPool(uploadConcurrency),
        );
        const stats: GzipStats = { lz77Blocks: 0, huffmanBlocks: 0 };
        const out = await streamGzipArchive(ranges(), Math.floor(model.createdAt / 1000), writer, {
          blockSize: tuning.gzipBlockBytes,
          concurrency: tuning.gzipConcurrency,
          level: tuning.gzipLevel ?? inputs['compression-level'],
          stats,
        }).catch(async (error: unknown) => {
          await writer.abort().catch(() => undefined);
          throw error;
        });
        const streamed = Date.now();
        logger.info(
          `streamed ${formatBytes(out.bytes)} (${((100 * out.bytes) / Math.max(1, contentBytes)).toFixed(1)}% of the files) in ${((streamed - started) / 1000).toFixed(1)} s since start; ` +
            `${stats.huffmanBlocks} blocks Huffman-coded only, ${stats.lz77Blocks} with LZ77 at level ${tuning.gzipLevel ?? inputs['compression-level']}`,
        );
        const key = `${finalFolder(names, out.sha256)}model.tar.gz`;
        await copyObject(s3, bucket, { key: stagingKey, size: out.bytes }, key, {
          contentType: 'application/gzip',
          metadata: exportMetadata(model, id, out.sha256),
          tagging: exportTagging(model, out.sha256),
        });
        logger.info(`copied to the final key in ${((Date.now() - streamed) / 1000).toFixed(1)} s`);
        await clearPrefix(s3, bucket, staging);
        logger.info(`s3://${bucket}/${key}: ${formatBytes(out.bytes)}, sha256 ${out.sha256}`);
        return done({ modelDataUrl: `s3://${bucket}/${key}`, sha256: out.sha256, sizeBytes: out.bytes, reused: false, gzipBlocks: stats });
      }
      const out = await uploadFiles(s3, ranges(), { bucket, folder: staging, metadata, concurrency: uploadConcurrency });
      const streamed = Date.now();
      logger.info(`streamed ${files.length} files in ${((streamed - started) / 1000).toFixed(1)} s since start`);
      const folder = finalFolder(names, out.sha256);
      const pool = new TaskPool(8);
      // MLmodel last: its metadata marks the folder complete for the next run's reuse check.
      for (const f of [...files.slice(1), files[0]!]) {
        const copy = (): Promise<void> =>
          copyObject(s3, bucket, { key: staging + f.path, size: f.size }, folder + f.path, {
            contentType: 'application/octet-stream',
            metadata: exportMetadata(model, id, out.sha256),
            tagging: exportTagging(model, out.sha256),
          });
        if (f.path === 'MLmodel') await pool.drain().then(copy);
        else await pool.add(copy);
      }
      await pool.drain();
      logger.info(`copied to the final folder in ${((Date.now() - streamed) / 1000).toFixed(1)} s`);
      await clearPrefix(s3, bucket, staging);
      logger.info(`s3://${bucket}/${folder}: ${files.length} files, manifest sha256 ${out.sha256}`);
      return done({ modelDataUrl: `s3://${bucket}/${folder}`, sha256: out.sha256, sizeBytes: out.bytes, reused: false });
    });
  } catch (error) {
    // Parts were aborted by their writers; this also removes staged objects, so a failed run leaves nothing behind.
    await clearPrefix(s3, bucket, staging).catch(() => undefined);
    throw error;
  }
}

function checkModelFiles(model: ResolvedModel, files: readonly ManifestFile[]): void {
  if (files.length === 0)
    throw new ModelNotFoundError(`${model.uri}: no artifacts at ${model.downloadUri} (the path does not exist or is empty)`);
  if (files[0]!.path !== 'MLmodel') {
    const found = files.slice(0, 8).map((f) => f.path);
    throw new ModelNotFoundError(
      `${model.uri}: ${model.downloadUri} has no MLmodel file at its root, so it is not an MLflow model directory (found: ${found.join(', ')}${files.length > 8 ? ', …' : ''})`,
    );
  }
}

/** A finished export of this same identity, found by its metadata (no download needed to decide). */
async function findExport(
  s3: S3Client,
  bucket: string,
  names: ExportNames,
  id: string,
  compression: 'gzip' | 'none',
  files: readonly ManifestFile[],
): Promise<{ url: string; sha256: string; size: number } | undefined> {
  for (const folder of await listFolders(s3, bucket, `${names.modelFolder}${names.versionLabel}-`)) {
    const head = await headMetadata(s3, bucket, folder + (compression === 'gzip' ? 'model.tar.gz' : 'MLmodel'));
    if (head?.metadata['export-id'] !== id || !head.metadata.sha256) continue;
    if (compression === 'gzip') return { url: `s3://${bucket}/${folder}model.tar.gz`, sha256: head.metadata.sha256, size: head.size };
    const present = new Map((await listObjects(s3, bucket, folder)).map((o) => [o.key.slice(folder.length), o.size]));
    if (files.every((f) => present.get(f.path) === f.size))
      return { url: `s3://${bucket}/${folder}`, sha256: head.metadata.sha256, size: files.reduce((s, f) => s + f.size, 0) };
  }
  return undefined;
}
