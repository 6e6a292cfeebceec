import type { AwsError } from '../aws-error.js';
import type { ServiceModel, Shape } from '../service-model.js';

/** The AWS query protocol (the Debian AWS CLI's CloudWatch, and STS): form-encoded requests, XML responses. */
export function parseQueryParams(model: ServiceModel, shapeName: string | undefined, params: URLSearchParams): Record<string, unknown> {
  if (!shapeName) return {};
  const flat = new Map<string, string>();
  for (const [k, v] of params) if (k !== 'Action' && k !== 'Version') flat.set(k, v);
  return (readShape(model, shapeName, '', flat) as Record<string, unknown> | undefined) ?? {};
}

function hasPrefix(flat: Map<string, string>, prefix: string): boolean {
  for (const k of flat.keys()) if (k === prefix || k.startsWith(`${prefix}.`)) return true;
  return false;
}

function readShape(model: ServiceModel, shapeName: string, prefix: string, flat: Map<string, string>): unknown {
  const shape: Shape | undefined = model.shapes[shapeName];
  if (!shape) return undefined;
  const p = (name: string): string => (prefix === '' ? name : `${prefix}.${name}`);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const key = p(member.locationName ?? name);
        if (!hasPrefix(flat, key)) continue;
        const v = readShape(model, member.shape, key, flat);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      const items: unknown[] = [];
      // An empty list is sent as `Name=` with no members.
      if (flat.get(prefix) === '') return items;
      const base = shape.flattened ? prefix : `${prefix}.${shape.member?.locationName ?? 'member'}`;
      for (let i = 1; hasPrefix(flat, `${base}.${i}`); i++) items.push(readShape(model, shape.member!.shape, `${base}.${i}`, flat));
      return items;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      const base = shape.flattened ? prefix : `${prefix}.entry`;
      for (let i = 1; hasPrefix(flat, `${base}.${i}`); i++) {
        const k = flat.get(`${base}.${i}.key`);
        if (k !== undefined) out[k] = readShape(model, shape.value!.shape, `${base}.${i}.value`, flat);
      }
      return out;
    }
    default:
      return flat.get(prefix);
  }
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function writeShape(model: ServiceModel, shapeName: string, value: unknown): string {
  const shape = model.shapes[shapeName];
  if (!shape || value === undefined || value === null) return '';
  switch (shape.type) {
    case 'structure':
      return Object.entries(shape.members ?? {})
        .filter(([name]) => (value as Record<string, unknown>)[name] !== undefined)
        .map(([name, member]) => {
          const tag = member.locationName ?? name;
          return `<${tag}>${writeShape(model, member.shape, (value as Record<string, unknown>)[name])}</${tag}>`;
        })
        .join('');
    case 'list': {
      const tag = shape.member?.locationName ?? 'member';
      return (value as unknown[]).map((v) => `<${tag}>${writeShape(model, shape.member!.shape, v)}</${tag}>`).join('');
    }
    case 'map':
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${writeShape(model, shape.value!.shape, v)}</value></entry>`)
        .join('');
    case 'timestamp':
      return value instanceof Date ? value.toISOString() : escapeXml(typeof value === 'string' ? value : JSON.stringify(value));
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : escapeXml(typeof value === 'string' ? value : JSON.stringify(value));
    default:
      return escapeXml(typeof value === 'string' ? value : JSON.stringify(value));
  }
}

export function queryResponse(model: ServiceModel, operation: string, output: unknown, requestId: string): string {
  const op = model.operations[operation]!;
  const ns = model.metadata.xmlNamespace ?? '';
  const result = op.output ? `<${operation}Result>${writeShape(model, op.output.shape, output)}</${operation}Result>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${ns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
}

export function queryError(error: AwsError, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
