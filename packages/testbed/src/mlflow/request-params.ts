// Request parameters the way MLflow reads them: query string for GET, JSON body otherwise.
import type { IncomingMessage } from 'node:http';
import { MlflowError, invalidParam, missingParam } from './mlflow-errors.js';

const MAX_JSON_BODY = 16 * 1024 * 1024;

function pythonTypeName(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'NoneType';
  return typeof value === 'object' ? 'dict' : 'str';
}

function invalidValue(name: string, value: unknown): MlflowError {
  return invalidParam(
    `Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied. Hint: Value was of type '${pythonTypeName(value)}'. ` +
      'See the API docs for more information about request parameters.',
  );
}

export class Params {
  constructor(private readonly data: Record<string, unknown>) {}

  static fromQuery(query: URLSearchParams): Params {
    const data: Record<string, unknown> = {};
    for (const key of new Set(query.keys())) {
      const all = query.getAll(key);
      data[key] = all.length > 1 ? all : all[0];
    }
    return new Params(data);
  }

  raw(name: string): unknown {
    return this.data[name];
  }

  optionalString(name: string): string | undefined {
    const v = this.data[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
    throw invalidValue(name, v);
  }

  requiredString(name: string): string {
    const v = this.optionalString(name);
    if (v === undefined || v === '') throw missingParam(name);
    return v;
  }

  /** Model version numbers arrive as strings; numbers are tolerated. */
  requiredVersion(name = 'version'): string {
    const v = this.data[name];
    if (typeof v === 'number') return String(v);
    return this.requiredString(name);
  }

  stringList(name: string): string[] {
    const v = this.data[name];
    if (v === undefined || v === null) return [];
    const list: unknown[] = Array.isArray(v) ? v : [v];
    return list.map((item) => {
      if (typeof item !== 'string') throw invalidValue(name, v);
      return item;
    });
  }

  optionalInt(name: string): number | undefined {
    const v = this.data[name];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isInteger(n)) throw invalidValue(name, v);
    return n;
  }

  optionalNumber(name: string): number | undefined {
    const v = this.data[name];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (Number.isNaN(n) && v !== 'NaN') throw invalidValue(name, v);
    return n;
  }

  bool(name: string): boolean {
    const v = this.data[name];
    if (v === undefined || v === null) return false;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    throw invalidValue(name, v);
  }

  /** Array of `{key, value}` objects (tags, params). */
  keyValues(name: string): { key: string; value: string }[] {
    const v = this.data[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw invalidValue(name, v);
    return v.map((item: unknown) => {
      const rec = (item ?? {}) as Record<string, unknown>;
      if (typeof rec.key !== 'string' || rec.key === '') throw missingParam('key');
      const value = rec.value === undefined || rec.value === null ? '' : rec.value;
      return { key: rec.key, value: typeof value === 'string' ? value : JSON.stringify(value) };
    });
  }

  objectList(name: string): Record<string, unknown>[] {
    const v = this.data[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw invalidValue(name, v);
    return v.map((item: unknown) => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {}));
  }
}

export async function readBody(req: IncomingMessage, limit = MAX_JSON_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new MlflowError('BAD_REQUEST', 'Request body too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** MLflow's `_validate_content_type` (POST/PUT only). */
export function validateJsonContentType(req: IncomingMessage): void {
  if (req.method !== 'POST' && req.method !== 'PUT') return;
  const header = req.headers['content-type'];
  if (header === undefined) throw invalidParam('Bad Request. Content-Type header is missing.');
  const type = header.split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw invalidParam("Bad Request. Content-Type must be one of ['application/json'].");
}

/**
 * MLflow's `_get_request_message`: GET with a query string reads the query; everything else reads a JSON
 * body (content type checked for POST/PUT). Unparseable JSON counts as an empty body, as Flask's
 * `get_json(silent=True)` does.
 */
export async function readParams(req: IncomingMessage, query: URLSearchParams): Promise<Params> {
  if (req.method === 'GET' && [...query.keys()].length > 0) {
    req.resume();
    return Params.fromQuery(query);
  }
  validateJsonContentType(req);
  const body = await readBody(req);
  if (body.length === 0) return new Params({});
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return new Params({});
  }
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      parsed = undefined;
    }
  }
  if (parsed === null || parsed === undefined) return new Params({});
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MlflowError('BAD_REQUEST', 'Malformed request: the JSON body must be an object.');
  }
  return new Params(parsed as Record<string, unknown>);
}
