import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { alignedEnd, chartPeriod } from './cloudwatch-periods.js';
import type { MetricRef, QuerySpec } from './gate-model.js';

/** One CloudWatch question of a run: a check's target or its baseline. */
export interface CloudWatchRequest {
  readonly key: string;
  readonly spec: Extract<QuerySpec, { source: 'cloudwatch' }>;
  readonly windowSeconds: number;
  readonly delaySeconds: number;
}

/** Where a request's answers come back: the value, its sample counts, the chart series. */
export interface RequestIds {
  readonly key: string;
  readonly value: string;
  readonly samples: readonly string[];
  readonly chart: string;
}

/** One GetMetricData request (and its pages): at most `maxQueries` queries, one window. */
export interface Batch {
  readonly start: number;
  readonly end: number;
  readonly queries: MetricDataQuery[];
  readonly requests: RequestIds[];
}

export const MAX_QUERIES = 500;

function metricStat(id: string, m: MetricRef, period: number, stat: string, returnData: boolean): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: m.namespace, MetricName: m.metric, Dimensions: m.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })) },
      Period: period,
      Stat: stat,
      ...(m.unit ? { Unit: m.unit as NonNullable<MetricDataQuery['MetricStat']>['Unit'] } : {}),
    },
    ReturnData: returnData,
  };
}

/** Renames the metric ids an expression refers to (not quoted text, not function names). */
export function prefixExpression(expression: string, ids: ReadonlySet<string>, prefix: string): string {
  return expression.replace(/'[^']*'|"[^"]*"|\b[a-z][a-zA-Z0-9_]*\b(?!\s*\()/g, (tok) => (ids.has(tok) ? `${prefix}${tok}` : tok));
}

/**
 * The queries of one request: its statistic over the whole window as ONE period, the SampleCount(s) that decide
 * `min-samples`, and the same statistic at a chart period. Metric math repeats its inputs at both periods.
 */
export function requestQueries(r: CloudWatchRequest, prefix: string): { queries: MetricDataQuery[]; ids: RequestIds } {
  const window = r.windowSeconds;
  const chart = chartPeriod(r.windowSeconds, r.delaySeconds);
  const value = `${prefix}v`;
  const chartId = `${prefix}c`;
  if (r.spec.kind === 'metric') {
    const m = r.spec.metric;
    const queries = [metricStat(value, m, window, m.stat, true), metricStat(chartId, m, chart, m.stat, true)];
    const samples = m.stat === 'SampleCount' ? value : `${prefix}n`;
    if (m.stat !== 'SampleCount') queries.push(metricStat(samples, m, window, 'SampleCount', true));
    return { queries, ids: { key: r.key, value, samples: [samples], chart: chartId } };
  }
  const ids = new Set(Object.keys(r.spec.metrics));
  const queries: MetricDataQuery[] = [];
  const samples: string[] = [];
  for (const [id, m] of Object.entries(r.spec.metrics)) {
    queries.push(metricStat(`${prefix}v_${id}`, m, window, m.stat, false), metricStat(`${prefix}c_${id}`, m, chart, m.stat, false));
    queries.push(metricStat(`${prefix}n_${id}`, m, window, 'SampleCount', true));
    samples.push(`${prefix}n_${id}`);
  }
  queries.push({ Id: value, Expression: prefixExpression(r.spec.expression, ids, `${prefix}v_`), ReturnData: true });
  queries.push({ Id: chartId, Expression: prefixExpression(r.spec.expression, ids, `${prefix}c_`), ReturnData: true });
  return { queries, ids: { key: r.key, value, samples, chart: chartId } };
}

/**
 * Packs every request of a run into as few GetMetricData requests as possible: one per distinct window (usually
 * one for the whole run), split only where a window has more than `maxQueries` queries. A request's queries stay
 * together (metric math needs its inputs in the same request). A request too large for any batch is returned apart.
 */
export function planBatches(
  requests: readonly CloudWatchRequest[],
  nowMs: number,
  maxQueries = MAX_QUERIES,
): { batches: Batch[]; tooLarge: string[] } {
  const byWindow = new Map<string, Batch[]>();
  const tooLarge: string[] = [];
  requests.forEach((r, i) => {
    const end = alignedEnd(nowMs, r.windowSeconds, r.delaySeconds);
    const start = end - r.windowSeconds * 1000;
    const { queries, ids } = requestQueries(r, `q${i}`);
    if (queries.length > maxQueries) {
      tooLarge.push(r.key);
      return;
    }
    const key = `${start}/${end}`;
    const batches = byWindow.get(key) ?? [];
    byWindow.set(key, batches);
    let batch = batches.at(-1);
    if (!batch || batch.queries.length + queries.length > maxQueries) {
      batch = { start, end, queries: [], requests: [] };
      batches.push(batch);
    }
    batch.queries.push(...queries);
    batch.requests.push(ids);
  });
  return { batches: [...byWindow.values()].flat(), tooLarge };
}
