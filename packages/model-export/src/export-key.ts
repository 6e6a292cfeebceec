import { createHash } from 'node:crypto';
import type { ManifestFile, ResolvedModel } from '@mlops-actions/mlflow';

/**
 * Where an export lives. The final key names the exact bytes: `<prefix><model>/v<version>-<sha256[:16]>/model.tar.gz`
 * (or that folder, for compression none). The digest is of the archive itself (of the per-file sha256 manifest
 * for none), so anyone can check an object against its key, and no two contents ever share a key: a rollback to an
 * older endpoint config keeps serving the older bytes.
 *
 * Why stage, then copy: the digest is only known after the last byte is compressed, and MLflow's listings carry
 * names and sizes but no content hashes, so the digest cannot be known up front without downloading everything
 * twice. The export streams to a staging key and is then copied server-side (no bytes through the runner;
 * multipart copy in parallel for large objects) to its final key. Re-runs do not depend on identical compressor
 * output: each final object carries an `export-id` (model, version, source and the name+size manifest), and a run
 * that finds a final object with its export-id reports it (`reused: true`) without downloading or uploading.
 */
export interface ExportNames {
  /** `<prefix><model>/` (registry) or `<prefix>runs/<run-id>/` (runs:/ URIs). */
  readonly modelFolder: string;
  /** `v7` for registry versions, the sanitized artifact path for runs:/ URIs. */
  readonly versionLabel: string;
}

/** Characters S3 documents as safe in keys; anything else becomes '_' (the digest keeps keys apart). */
export function keySafe(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9!_.*'()-]/g, '_');
  return safe === '' || safe === '.' || safe === '..' ? '_' : safe;
}

export function exportNames(prefixKey: string, model: ResolvedModel, runPath: string | undefined): ExportNames {
  if (model.name !== undefined && model.version !== undefined)
    return { modelFolder: `${prefixKey}${keySafe(model.name)}/`, versionLabel: `v${model.version}` };
  return { modelFolder: `${prefixKey}runs/${keySafe(model.runId)}/`, versionLabel: keySafe(runPath ?? 'model') };
}

export const DIGEST_CHARS = 16;

export function finalFolder(names: ExportNames, sha256: string): string {
  return `${names.modelFolder}${names.versionLabel}-${sha256.slice(0, DIGEST_CHARS)}/`;
}

/** Where a run writes before the digest is known; one folder per attempt, all of a version under one prefix. */
export function stagingPrefix(names: ExportNames): string {
  return `${names.modelFolder}.staging/${names.versionLabel}-`;
}

/** Identity of an export, known before any download: same model version, same files, same layout. */
export function exportId(model: ResolvedModel, files: readonly ManifestFile[], compression: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ format: 'mlops-actions/export/1', compression, source: model.downloadUri, runId: model.runId }));
  for (const f of files) h.update(`\n${f.size} ${f.path}`);
  return h.digest('hex');
}

/** S3 user metadata (sent as x-amz-meta-* headers: printable ASCII only). */
export function exportMetadata(model: ResolvedModel, id: string, sha256?: string): Record<string, string> {
  const ascii = (s: string): string => s.replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c));
  return {
    'mlflow-model-name': ascii(model.name ?? ''),
    'mlflow-model-version': model.version ?? '',
    'mlflow-run-id': model.runId,
    'mlflow-source': ascii(model.downloadUri),
    'export-id': id,
    ...(sha256 ? { sha256 } : {}),
  };
}

/** S3 object tags (values: letters, digits, spaces and + - = . _ : / @, at most 256 characters). */
export function exportTagging(model: ResolvedModel, sha256: string): string {
  const value = (s: string): string => s.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, '_').slice(0, 256);
  const tags: [string, string][] = [
    ['mlflow-model-name', model.name ?? ''],
    ['mlflow-model-version', model.version ?? ''],
    ['mlflow-run-id', model.runId],
    ['mlflow-source', model.downloadUri],
    ['sha256', sha256],
  ];
  return tags.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(value(v))}`).join('&');
}
