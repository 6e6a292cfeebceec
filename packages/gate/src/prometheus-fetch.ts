import { errorMessage } from '@mlops-actions/action-kit';
import { alignedEnd } from './cloudwatch-periods.js';
import type { Observation, QuerySpec } from './gate-model.js';

export interface PrometheusRequest {
  readonly key: string;
  readonly spec: Extract<QuerySpec, { source: 'prometheus' }>;
  readonly windowSeconds: number;
  readonly delaySeconds: number;
}

export interface PrometheusTarget {
  readonly url: string;
  /** Sent as a bearer token; never logged. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
}

type ApiAnswer = { status: 'success' | 'error'; error?: string; errorType?: string; data?: { resultType: string; result: ApiSeries[] } };
type ApiSeries = { metric: Record<string, string>; values?: [number, string][]; value?: [number, string] };

const ATTEMPTS = 4;

/**
 * Answers a Prometheus check: `query_range` over the window (its points are the samples and the chart), and the
 * value either as a statistic over those points (`stat`) or as an instant `query` at the window's end. A query
 * must return one series: more is an error (aggregate it in PromQL), none is no data.
 */
export async function fetchPrometheus(
  target: PrometheusTarget,
  r: PrometheusRequest,
  nowMs: number,
  counter: { calls: number },
): Promise<Observation> {
  const end = alignedEnd(nowMs, r.windowSeconds, r.delaySeconds) / 1000;
  const start = end - r.windowSeconds;
  try {
    const range = await call(
      target,
      'query_range',
      { query: r.spec.query, start: String(start), end: String(end), step: String(r.spec.stepSeconds) },
      counter,
    );
    const one = single(range, r.spec.query);
    const points = (one?.values ?? []).map(([t, v]) => [t * 1000, Number(v)] as const).filter(([, v]) => Number.isFinite(v));
    let value: number | undefined;
    if (r.spec.stat !== undefined)
      value = statOf(
        points.map(([, v]) => v),
        r.spec.stat,
      );
    else {
      const instant = single(await call(target, 'query', { query: r.spec.query, time: String(end) }, counter), r.spec.query);
      const v = instant?.value ? Number(instant.value[1]) : NaN;
      value = Number.isFinite(v) ? v : undefined;
    }
    return { ...(value !== undefined ? { value } : {}), samples: points.length, series: points };
  } catch (error) {
    return { samples: 0, series: [], error: errorMessage(error) };
  }
}

function single(answer: ApiAnswer, query: string): ApiSeries | undefined {
  const result = answer.data?.result ?? [];
  if (result.length > 1) throw new Error(`Prometheus returned ${result.length} series for ${query}: aggregate it to one (e.g. avg(...))`);
  return result[0];
}

async function call(target: PrometheusTarget, api: string, params: Record<string, string>, counter: { calls: number }): Promise<ApiAnswer> {
  const doFetch = target.fetch ?? fetch;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 2) * (0.5 + Math.random())));
    counter.calls++;
    let res: Response;
    try {
      res = await doFetch(`${target.url}/api/v1/${api}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      last = `Prometheus ${api} could not be reached: ${errorMessage(error)}`;
      continue;
    }
    const text = await res.text();
    // 429 and 5xx are worth another try; a bad query (400, 422) is not.
    if (res.status === 429 || res.status >= 500) {
      last = `Prometheus ${api} answered HTTP ${res.status}`;
      continue;
    }
    let body: ApiAnswer;
    try {
      body = JSON.parse(text) as ApiAnswer;
    } catch {
      throw new Error(`Prometheus ${api} answered HTTP ${res.status} with something that is not its API's JSON`);
    }
    if (body.status !== 'success')
      throw new Error(`Prometheus ${api} failed: ${body.errorType ?? ''} ${body.error ?? `HTTP ${res.status}`}`.trim());
    return body;
  }
  throw new Error(`${last} (after ${ATTEMPTS} attempts)`);
}

/** CloudWatch's statistics over plain values, so one gate reads the same whatever its source (nearest-rank percentiles). */
export function statOf(values: readonly number[], stat: string): number | undefined {
  if (values.length === 0) return undefined;
  const sum = values.reduce((a, b) => a + b, 0);
  switch (stat) {
    case 'Average':
      return sum / values.length;
    case 'Sum':
      return sum;
    case 'SampleCount':
      return values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
  }
  const p = Number(stat.slice(1));
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(Math.ceil((p / 100) * sorted.length - 1e-9), 1) - 1];
}
