import { createHash } from 'node:crypto';

/** A short, stable content hash: the same inputs always give the same model and config names. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex').slice(0, 10);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `<endpoint>-<kind>-<hash>`, cut to SageMaker's 63 characters without breaking its name rule. */
export function resourceName(endpoint: string, kind: 'model' | 'config', hash: string): string {
  const suffix = `-${kind === 'model' ? 'm' : 'c'}-${hash}`;
  const base = endpoint.slice(0, 63 - suffix.length).replace(/-+$/, '');
  return `${base}${suffix}`;
}
