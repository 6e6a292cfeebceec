import type { AwsError } from '../aws-error.js';

/** AWS JSON 1.0 / 1.1: `X-Amz-Target: <prefix>.<Operation>`, JSON bodies, timestamps as epoch seconds. */
export function parseTarget(target: string | undefined): { prefix: string; operation: string } | undefined {
  if (!target) return undefined;
  const dot = target.lastIndexOf('.');
  return dot <= 0 ? undefined : { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

/** JSON with Dates as epoch seconds and Buffers as base64, as JSON protocols encode them. */
export function serializeJson(output: unknown): string {
  return JSON.stringify(datesToEpoch(output ?? {}));
}

function datesToEpoch(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(datesToEpoch);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = datesToEpoch(v);
    return out;
  }
  return value;
}

export interface JsonErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An error as JSON protocols send it. `queryCompatible` services (CloudWatch on JSON 1.0) add the
 * `x-amzn-query-error` header that SDKs use to recover the query-protocol error code.
 */
export function jsonError(error: AwsError, queryCompatible: boolean): JsonErrorResponse {
  const headers: Record<string, string> = { 'x-amzn-errortype': error.code };
  if (queryCompatible) headers['x-amzn-query-error'] = `${error.code};${error.fault}`;
  return { status: error.status, headers, body: JSON.stringify({ __type: error.code, message: error.message, Message: error.message }) };
}
