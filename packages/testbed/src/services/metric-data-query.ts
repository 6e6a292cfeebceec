import { createHash } from 'node:crypto';
import { AwsError } from '../aws-error.js';
import type { Dimension } from '../world-links.js';
import { evaluateExpression, MetricMathError, type TimeSeries } from './metric-math.js';
import type { MetricStore } from './metric-store.js';
import { aggregate, alignStart, bucketize, computeStat, parseStat, validQueryPeriod } from './metric-statistics.js';

export interface MetricInput {
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: readonly Dimension[];
}

export interface MetricStatInput {
  readonly Metric: MetricInput;
  readonly Period: number;
  readonly Stat: string;
  readonly Unit?: string;
}

export interface MetricDataQueryInput {
  readonly Id: string;
  readonly MetricStat?: MetricStatInput;
  readonly Expression?: string;
  readonly Label?: string;
  readonly ReturnData?: boolean;
  readonly Period?: number;
  readonly AccountId?: string;
}

export interface GetMetricDataInput {
  readonly MetricDataQueries: readonly MetricDataQueryInput[];
  readonly StartTime: Date;
  readonly EndTime: Date;
  readonly NextToken?: string;
  readonly ScanBy?: 'TimestampDescending' | 'TimestampAscending';
  readonly MaxDatapoints?: number;
}

export interface MetricDataResult {
  Id: string;
  Label: string;
  Timestamps: Date[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
  Messages: { Code: string; Value: string }[];
}

export const MAX_QUERIES = 500;
export const DEFAULT_MAX_DATAPOINTS = 100_800;
const validation = (message: string): AwsError => new AwsError('ValidationError', message);

/** Checks queries as CloudWatch does (GetMetricData's `MetricDataQueries`, or an alarm's `Metrics`). */
export function validateQueries(queries: readonly MetricDataQueryInput[], field = 'MetricDataQueries'): void {
  if (queries.length > MAX_QUERIES) throw validation(`The collection ${field} must not have a size greater than ${MAX_QUERIES}.`);
  const ids = new Set<string>();
  queries.forEach((q, i) => {
    const at = `${field}.member.${i + 1}`;
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) {
      throw validation(
        `Invalid metric id '${q.Id}' at ${at}.Id: the id must start with a lowercase letter and contain only letters, numbers and underscores.`,
      );
    }
    if (ids.has(q.Id)) throw validation(`The values for parameter id in ${field} are not unique.`);
    ids.add(q.Id);
    if ((q.MetricStat === undefined) === (q.Expression === undefined)) {
      throw validation(
        q.MetricStat
          ? `The parameters ${at}.MetricStat and ${at}.Expression are mutually exclusive.`
          : `The parameter ${at}.MetricStat is required.\n`,
      );
    }
    if (q.MetricStat) {
      const { Period, Stat, Metric } = q.MetricStat;
      if (!validQueryPeriod(Period))
        throw validation(
          `The value ${Period} for parameter ${at}.MetricStat.Period is invalid: the period must be 1, 5, 10, 20, 30 or a multiple of 60.`,
        );
      if (!parseStat(Stat))
        throw validation(
          `The value ${Stat} for parameter ${at}.MetricStat.Stat is not supported by the local world (use Average, Sum, Minimum, Maximum, SampleCount or pNN).`,
        );
      if (!Metric.Namespace || !Metric.MetricName)
        throw validation(`The parameters ${at}.MetricStat.Metric.Namespace and MetricName are required.`);
    }
    if (q.Expression !== undefined && /^\s*SELECT\b/i.test(q.Expression)) {
      throw new AwsError(
        'NotImplemented',
        `The local world does not implement Metrics Insights queries (${at}.Expression)`,
        501,
        'Receiver',
      );
    }
  });
}

/** Evaluates every query (MetricStat and expressions) over [start, end); errors in expressions are ValidationErrors. */
export function runQueries(
  store: MetricStore,
  queries: readonly MetricDataQueryInput[],
  start: number,
  end: number,
  now: number,
): Map<string, TimeSeries> {
  const byId = new Map(queries.map((q) => [q.Id, q]));
  const done = new Map<string, TimeSeries>();
  const inProgress = new Set<string>();
  const series = (id: string): TimeSeries => {
    const cached = done.get(id);
    if (cached) return cached;
    const q = byId.get(id);
    if (!q) throw new MetricMathError(`Unrecognized metric id '${id}'`);
    if (inProgress.has(id)) throw new MetricMathError(`Circular dependency through metric id '${id}'`);
    inProgress.add(id);
    const result = q.MetricStat ? statSeries(store, q.MetricStat, start, end, now) : evaluateExpression(q.Expression!, ctx);
    inProgress.delete(id);
    done.set(id, result);
    return result;
  };
  const ctx = { series, metricIds: () => queries.filter((q) => q.MetricStat).map((q) => q.Id) };
  for (const q of queries) {
    try {
      series(q.Id);
    } catch (error) {
      if (error instanceof MetricMathError) throw validation(`Error in expression '${q.Id}': ${error.message}`);
      throw error;
    }
  }
  return done;
}

function statSeries(store: MetricStore, stat: MetricStatInput, start: number, end: number, now: number): TimeSeries {
  const spec = parseStat(stat.Stat)!;
  const from = alignStart(start, stat.Period, now);
  const metric = { namespace: stat.Metric.Namespace!, metricName: stat.Metric.MetricName!, dimensions: stat.Metric.Dimensions ?? [] };
  const out: TimeSeries = new Map();
  for (const bucket of bucketize(store.samples(metric, from, end, stat.Unit), from, stat.Period)) {
    const v = computeStat(aggregate(bucket.samples), spec);
    if (v !== undefined) out.set(bucket.t, v);
  }
  return out;
}

function requestHash(input: GetMetricDataInput): string {
  const { MetricDataQueries, StartTime, EndTime, ScanBy } = input;
  const text = JSON.stringify([MetricDataQueries, StartTime.getTime(), EndTime.getTime(), ScanBy ?? 'TimestampDescending']);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function readToken(token: string, hash: string): number {
  try {
    const { h, o } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { h?: unknown; o?: unknown };
    if (h === hash && typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw new AwsError('InvalidNextToken', 'The service returned an invalid NextToken: it does not belong to this request.');
}

/**
 * GetMetricData: the datapoints of every returned query, newest first unless `TimestampAscending`, paged by
 * `MaxDatapoints` over all queries in order with an opaque `NextToken`. `forcePartial` (a test's admin switch)
 * marks every result `PartialData` and, when more than one datapoint remains, answers only half of them.
 */
export function getMetricData(
  store: MetricStore,
  input: GetMetricDataInput,
  now: number,
  forcePartial = false,
): { MetricDataResults: MetricDataResult[]; NextToken?: string; Messages: { Code: string; Value: string }[] } {
  const start = input.StartTime.getTime();
  const end = input.EndTime.getTime();
  if (start > end) throw validation('The parameter EndTime must be greater than StartTime.');
  if (start === end) throw validation('The parameter StartTime must not equal parameter EndTime.');
  validateQueries(input.MetricDataQueries);
  if (input.MaxDatapoints !== undefined && input.MaxDatapoints < 1) throw validation('The parameter MaxDatapoints must be greater than 0.');
  const hash = requestHash(input);
  const offset = input.NextToken ? readToken(input.NextToken, hash) : 0;
  const series = runQueries(store, input.MetricDataQueries, start, end, now);
  const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
  const returned = input.MetricDataQueries.filter((q) => q.ReturnData !== false);
  const points = returned.map((q) => {
    const entries = [...(series.get(q.Id) ?? new Map<number, number>())].filter(([t]) => t < end);
    return entries.sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]));
  });
  const total = points.reduce((n, p) => n + p.length, 0);
  let max = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  if (forcePartial && total - offset > 1) max = Math.min(max, Math.ceil((total - offset) / 2));
  const pageEnd = offset + max;
  let base = 0;
  const results = returned.map((q, i): MetricDataResult => {
    const own = points[i]!;
    const slice = own.slice(Math.max(0, offset - base), Math.max(0, pageEnd - base));
    const more = base + own.length > pageEnd;
    base += own.length;
    return {
      Id: q.Id,
      Label: q.Label ?? q.MetricStat?.Metric.MetricName ?? q.Id,
      Timestamps: slice.map(([t]) => new Date(t)),
      Values: slice.map(([, v]) => v),
      StatusCode: more || forcePartial ? 'PartialData' : 'Complete',
      Messages: [],
    };
  });
  const out: ReturnType<typeof getMetricData> = { MetricDataResults: results, Messages: [] };
  if (pageEnd < total) out.NextToken = Buffer.from(JSON.stringify({ h: hash, o: pageEnd })).toString('base64url');
  return out;
}
