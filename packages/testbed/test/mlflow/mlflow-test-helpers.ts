// Shared helpers for the MLflow simulation tests: HTTP calls, fixture parsing, JSON shape comparison.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MlflowServer } from '../../src/mlflow/index.js';

// The recorded truth sits beside the repository (../shared), as on developers' machines and in CI.
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures/mlflow');
export const MODEL_ARTIFACTS = path.join(FIXTURES, 'model-artifacts');

/** Parsed JSON of responses and fixtures; tests index into it freely. */

export type Json = any;

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  json: Json;
}

export async function call(
  server: MlflowServer,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    if (typeof body !== 'string' && !(body instanceof Uint8Array) && !('content-type' in headers)) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
  }
  const res = await fetch(server.url + urlPath, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, bytes, json };
}

export interface RecordedCall {
  id: string;
  name: string;
  method: string;
  path: string;
  contentType?: string;
  body?: string;
  status: number;
  responseContentType: string;
  responseFile: string;
}

/** Parse every `NN-name.request.txt` (the files are the source of truth, not index.json). */
export function recordedCalls(): RecordedCall[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.request.txt'))
    .sort()
    .map((file) => {
      const base = file.slice(0, -'.request.txt'.length);
      const raw = readFileSync(path.join(FIXTURES, file), 'utf8');
      const sep = raw.indexOf('\n\n');
      const head = (sep >= 0 ? raw.slice(0, sep) : raw).trimEnd().split('\n');
      const body = sep >= 0 ? raw.slice(sep + 2).replace(/\n$/, '') : undefined;
      const [method, target] = head[0]!.split(' ');
      const ctLine = head.slice(1).find((l) => /^content-type:/i.test(l));
      const headers = readFileSync(path.join(FIXTURES, `${base}.response.headers.txt`), 'utf8').split('\n');
      const status = Number(headers[0]!.split(' ')[1]);
      const responseContentType =
        headers
          .find((l) => /^content-type:/i.test(l))
          ?.split(':')[1]
          ?.trim() ?? '';
      const responseFile = readdirSync(FIXTURES).find((f) => f.startsWith(`${base}.response.`) && !f.endsWith('headers.txt'))!;
      return {
        id: base.slice(0, 2),
        name: base,
        method: method!,
        path: target!,
        contentType: ctLine?.split(':')[1]?.trim(),
        body: body === '' ? undefined : body,
        status,
        responseContentType,
        responseFile,
      };
    });
}

export function readFixture(file: string): Buffer {
  return readFileSync(path.join(FIXTURES, file));
}

export function readFixtureJson(file: string): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

/** Differences in keys and value types, recursively (arrays compared element by element). */
export function shapeDiff(expected: unknown, actual: unknown, at = '$'): string[] {
  if (typeOf(expected) !== typeOf(actual)) return [`${at}: expected ${typeOf(expected)}, got ${typeOf(actual)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [`${at}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((item, i) => shapeDiff(item, actual[i], `${at}[${i}]`));
  }
  if (typeOf(expected) === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const ek = Object.keys(e).sort().join(',');
    const ak = Object.keys(a).sort().join(',');
    if (ek !== ak) return [`${at}: expected keys [${ek}], got [${ak}]`];
    return Object.keys(e).flatMap((k) => shapeDiff(e[k], a[k], `${at}.${k}`));
  }
  return [];
}

const VOLATILE_KEYS = /^(creation_timestamp|last_updated_timestamp|creation_time|last_update_time|start_time|end_time|timestamp)$/;
const VOLATILE_TAGS = new Set(['mlflow.log-model.history']);

/** Replace values that legitimately differ (timestamps, log-model history) by placeholders. */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) {
      if (VOLATILE_KEYS.test(k) && typeof v === 'number') out[k] = '<time>';
      else if (k === 'value' && typeof rec.key === 'string' && VOLATILE_TAGS.has(rec.key)) out[k] = '<volatile>';
      else out[k] = normalize(v);
    }
    return out;
  }
  return value;
}
