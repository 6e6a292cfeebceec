// Run artifact listing (/api/2.0/mlflow/artifacts/list) and the artifact proxy (/api/2.0/mlflow-artifacts/artifacts).
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { validateArtifactPath } from './artifact-store.js';
import { MlflowError, missingParam } from './mlflow-errors.js';
import { RESPONDED, type Route, type RouteContext } from './route-types.js';
import { getRun } from './tracking-routes.js';

export const PROXY_BASE = '/api/2.0/mlflow-artifacts/artifacts';
/** The artifact root the recorded server reported in its error messages. */
const DISPLAY_ROOT = './mlartifacts';
const TEXT_EXTENSIONS = new Set(
  'txt log err cfg conf cnf cf ini properties prop hosts desc yaml yml json csv tsv md rst MLmodel mlproject'.split(' '),
);
const MIME_TYPES: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  js: 'text/javascript',
  xml: 'application/xml',
};

/** MLflow's `_guess_mime_type`. */
export function guessMimeType(filePath: string): string {
  const name = path.basename(filePath);
  const ext = path.extname(name).replace('.', '') || name;
  if (TEXT_EXTENSIONS.has(ext)) return 'text/plain';
  return MIME_TYPES[ext.toLowerCase()] ?? 'application/octet-stream';
}

function runArtifactDir(artifactUri: string): string {
  return artifactUri.replace(/^mlflow-artifacts:\/*/, '').replace(/\/+$/, '');
}

async function listRunArtifacts(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const runId = p.optionalString('run_id') || p.optionalString('run_uuid');
  if (!runId) throw missingParam('run_id');
  const run = getRun(ctx.store, runId);
  const rel = p.optionalString('path') ? validateArtifactPath(p.optionalString('path')!) : '';
  const dir = [runArtifactDir(run.artifact_uri), rel].filter(Boolean).join('/');
  const entries = (await ctx.store.artifacts.list(dir)) ?? [];
  const body: Record<string, unknown> = { root_uri: run.artifact_uri };
  if (entries.length > 0) {
    body.files = entries.map(({ name, ...rest }) => ({ path: rel ? `${rel}/${name}` : name, ...rest }));
  }
  return body;
}

async function proxyList(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const rel = validateArtifactPath(p.optionalString('path') ?? '');
  const entries = (await ctx.store.artifacts.list(rel)) ?? [];
  if (entries.length === 0) return {};
  return { files: entries.map(({ name, ...rest }) => ({ path: name, ...rest })) };
}

function downloadError(rel: string, reason: string): MlflowError {
  return new MlflowError(
    'INTERNAL_ERROR',
    `The following failures occurred while downloading one or more artifacts from ${DISPLAY_ROOT}:\n` +
      `##### File ${rel} #####\n${reason}: '${DISPLAY_ROOT}/${rel}'`,
  );
}

/** Passes at most `limit` bytes, then calls `onCut`. */
function cutter(limit: number, onCut: () => void): Transform {
  let sent = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      const room = limit - sent;
      if (room <= 0) {
        done();
        return;
      }
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      sent += part.length;
      this.push(part);
      if (sent >= limit) setImmediate(onCut);
      done();
    },
  });
}

async function proxyDownload(ctx: RouteContext): Promise<unknown> {
  const { req, res, store } = ctx;
  req.resume();
  const rel = validateArtifactPath(ctx.subPath);
  const size = await store.artifacts.fileSize(rel);
  if (size === undefined) {
    const isDir = await store.artifacts.isDirectory(rel);
    throw downloadError(rel, isDir ? '[Errno 21] Is a directory' : '[Errno 2] No such file or directory');
  }
  const headers: Record<string, string | number> = {
    'Content-Type': guessMimeType(rel),
    'Content-Disposition': `attachment; filename=${path.basename(rel)}`,
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'bytes',
  };
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = req.headers.range;
  if (range) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    const from = m?.[1] ? Number(m[1]) : undefined;
    const to = m?.[2] ? Number(m[2]) : undefined;
    if (m && from !== undefined) {
      start = from;
      end = to === undefined ? size - 1 : Math.min(to, size - 1);
    } else if (m && to !== undefined) {
      start = Math.max(0, size - to);
    }
    if (!m || (from === undefined && to === undefined) || start > end || start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': 0 });
      res.end();
      return RESPONDED;
    }
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['Content-Length'] = size === 0 ? 0 : end - start + 1;
  res.writeHead(status, headers);
  if (size === 0) {
    res.end();
    return RESPONDED;
  }
  const source = store.artifacts.open(rel, start, end);
  const cut = ctx.faults.takeDownloadCut();
  if (cut === undefined) {
    await pipeline(source, res).catch(() => res.destroy());
    return RESPONDED;
  }
  const limiter = cutter(cut, () => {
    source.destroy();
    res.destroy();
  });
  await pipeline(source, limiter, res).catch(() => res.destroy());
  return RESPONDED;
}

async function proxyUpload(ctx: RouteContext): Promise<unknown> {
  const rel = validateArtifactPath(ctx.subPath);
  if (!rel) throw new MlflowError('INVALID_PARAMETER_VALUE', 'Invalid path');
  await ctx.store.artifacts.write(rel, ctx.req);
  return {};
}

async function proxyDelete(ctx: RouteContext): Promise<unknown> {
  ctx.req.resume();
  const rel = validateArtifactPath(ctx.subPath);
  await ctx.store.artifacts.remove(rel);
  return {};
}

export const artifactRoutes: Route[] = [
  { method: 'GET', path: '/api/2.0/mlflow/artifacts/list', handler: listRunArtifacts },
  { method: 'GET', path: PROXY_BASE, handler: proxyList },
  { method: 'GET', path: PROXY_BASE, prefix: true, handler: proxyDownload },
  { method: 'PUT', path: PROXY_BASE, prefix: true, handler: proxyUpload },
  { method: 'DELETE', path: PROXY_BASE, prefix: true, handler: proxyDelete },
];
