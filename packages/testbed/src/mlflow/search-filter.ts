// The small subset of MLflow's search filter / order_by / page_token grammar the registry needs.
import { invalidParam } from './mlflow-errors.js';

export interface FilterClause {
  key: string;
  op: '=' | '!=' | 'LIKE' | 'ILIKE' | 'IN';
  values: string[];
}

const CLAUSE = /^\s*(`[^`]+`|[\w.]+)\s*(=|!=|<>|(?:NOT\s+)?I?LIKE|IN)\s*(.+?)\s*$/i;

function unquote(token: string, filter: string): string {
  const m = /^(['"])(.*)\1$/s.exec(token.trim());
  if (!m) throw invalidParam(`Invalid filter '${filter}'. Could not parse value ${token.trim()}.`);
  return m[2]!;
}

/** Split on AND outside quotes. */
function splitAnd(filter: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (/^\sAND\s/i.test(filter.slice(i, i + 5))) {
      parts.push(filter.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(filter.slice(start));
  return parts;
}

export function parseFilter(filter: string | undefined, allowedKeys: readonly string[]): FilterClause[] {
  if (!filter?.trim()) return [];
  return splitAnd(filter).map((part) => {
    const m = CLAUSE.exec(part);
    if (!m) throw invalidParam(`Invalid filter '${filter}'`);
    const key = m[1]!.replace(/`/g, '');
    const rawOp = m[2]!.toUpperCase().replace(/\s+/g, ' ');
    if (!allowedKeys.includes(key) && !key.startsWith('tags.') && !key.startsWith('tag.')) {
      throw invalidParam(`Invalid attribute key '${key}' specified. Valid keys are '${JSON.stringify(allowedKeys)}'`);
    }
    if (rawOp === 'IN') {
      const list = /^\((.*)\)$/s.exec(m[3]!.trim());
      if (!list) throw invalidParam(`Invalid filter '${filter}'`);
      const values = list[1]!.split(',').map((v) => unquote(v, filter));
      return { key, op: 'IN', values };
    }
    if (rawOp.startsWith('NOT')) throw invalidParam(`Invalid comparator '${rawOp}' not one of '=', '!=', 'LIKE', 'ILIKE', 'IN'`);
    const op = rawOp === '<>' ? '!=' : (rawOp as FilterClause['op']);
    return { key, op, values: [unquote(m[3]!, filter)] };
  });
}

function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

export function matchesClause(actual: string | undefined, clause: FilterClause): boolean {
  if (actual === undefined) return false;
  const value = clause.values[0] ?? '';
  switch (clause.op) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case 'LIKE':
      return likeToRegExp(value, false).test(actual);
    case 'ILIKE':
      return likeToRegExp(value, true).test(actual);
    case 'IN':
      return clause.values.includes(actual);
  }
}

export interface OrderKey {
  key: string;
  asc: boolean;
}

export function parseOrderBy(orderBy: string[], allowedKeys: readonly string[]): OrderKey[] {
  return orderBy.map((entry) => {
    const m = /^\s*(`[^`]+`|[\w.]+)(?:\s+(ASC|DESC))?\s*$/i.exec(entry);
    const key = m?.[1]?.replace(/`/g, '');
    if (!m || !key || !allowedKeys.includes(key)) throw invalidParam(`Invalid order_by clause '${entry}'.`);
    return { key, asc: (m[2] ?? 'ASC').toUpperCase() === 'ASC' };
  });
}

export function compareBy<T>(keys: OrderKey[], get: (item: T, key: string) => string | number): (a: T, b: T) => number {
  return (a, b) => {
    for (const { key, asc } of keys) {
      const x = get(a, key);
      const y = get(b, key);
      if (x < y) return asc ? -1 : 1;
      if (x > y) return asc ? 1 : -1;
    }
    return 0;
  };
}

/** Page tokens are base64 JSON `{"offset": N}` as in MLflow. */
export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through
  }
  throw invalidParam('Invalid page token, could not base64-decode');
}

export function paginate<T>(items: T[], offset: number, maxResults: number): { page: T[]; nextPageToken?: string } {
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  if (next >= items.length) return { page };
  return { page, nextPageToken: Buffer.from(JSON.stringify({ offset: next })).toString('base64') };
}
