import type { ServiceModel } from '../service-model.js';

/**
 * Turns a parsed request into the same typed value whatever the wire protocol:
 * timestamps become Dates, blobs Buffers, and (for the query protocol, where every value is a string)
 * numbers and booleans their own types. Values of the wrong type are left alone for validation to report.
 */
export function coerceInput(model: ServiceModel, shapeName: string, value: unknown): unknown {
  const shape = model.shapes[shapeName];
  if (!shape || value === undefined || value === null) return value;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const member = shape.members?.[k];
        out[k] = member ? coerceInput(model, member.shape, v) : v;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => coerceInput(model, shape.member!.shape, v)) : value;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = coerceInput(model, shape.value!.shape, v);
      return out;
    }
    case 'timestamp':
      return toDate(value) ?? value;
    case 'blob':
      return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value === 'string') {
    const d = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}
