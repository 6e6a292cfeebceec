import { AwsError } from '../aws-error.js';
import type { RequestContext, SimulatedService } from '../gateway.js';
import { loadServiceModel } from '../service-model.js';
import type { SimClock } from '../sim-clock.js';
import type { AlarmReader, Dimension, MetricSink } from '../world-links.js';
import { AlarmStore, type AlarmStateValue, type DescribeAlarmsInput, type PutMetricAlarmInput } from './cloudwatch-alarms.js';
import { validatePutMetricData, type PutMetricDataInput } from './cloudwatch-validation.js';
import { getMetricData, type GetMetricDataInput } from './metric-data-query.js';
import { MetricStore, sampleFromSet, sampleFromValue, sampleFromValues, type DimensionFilter, type Sample } from './metric-store.js';
import { aggregate, alignStart, bucketize, computeStat, parseStat, validQueryPeriod, type StatSpec } from './metric-statistics.js';

export interface CloudWatchOptions {
  /** How often (simulated milliseconds) every alarm is evaluated; default 5000. */
  readonly evaluationIntervalMs?: number;
}

export interface SimulatedCloudWatch extends SimulatedService, MetricSink, AlarmReader {
  /** The world's CloudWatch "now" (epoch ms): the real time shifted by the admin `clock` offset. */
  now(): number;
  /** Evaluates every alarm now. */
  evaluateAlarms(): void;
  /** Stops the periodic alarm evaluation. */
  stop(): void;
}

interface GetMetricStatisticsInput {
  Namespace: string;
  MetricName: string;
  Dimensions?: Dimension[];
  StartTime: Date;
  EndTime: Date;
  Period: number;
  Statistics?: string[];
  ExtendedStatistics?: string[];
  Unit?: string;
}

interface ListMetricsInput {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: DimensionFilter[];
  NextToken?: string;
  RecentlyActive?: 'PT3H';
}

const MAX_STATISTICS_DATAPOINTS = 1440;
const LIST_PAGE = 500;

/** Simulated Amazon CloudWatch: metrics (query and JSON 1.0 protocols), GetMetricData paging and math, metric alarms. */
export function createCloudWatch(clock: SimClock, options: CloudWatchOptions = {}): SimulatedCloudWatch {
  const model = loadServiceModel('cloudwatch');
  const store = new MetricStore();
  let offsetMs = 0;
  let forcedPartial = 0;
  const now = (): number => Date.now() + offsetMs;
  const alarms = new AlarmStore(store, now);
  const interval = options.evaluationIntervalMs ?? 5000;
  let cancel: (() => void) | undefined;
  const tick = (): void => {
    alarms.evaluateAll();
    cancel = clock.schedule(interval, tick);
  };
  cancel = clock.schedule(interval, tick);

  const operations = {
    PutMetricData: (input: PutMetricDataInput) => {
      const at = now();
      validatePutMetricData(input, at);
      for (const d of input.MetricData) {
        const t = (d.Timestamp ?? new Date(at)).getTime();
        const unit = d.Unit ?? 'None';
        const sample: Sample | undefined = d.StatisticValues
          ? sampleFromSet(t, unit, d.StatisticValues)
          : d.Values
            ? sampleFromValues(t, unit, d.Values, d.Counts)
            : sampleFromValue(t, unit, d.Value!);
        if (sample) store.add({ namespace: input.Namespace, metricName: d.MetricName, dimensions: d.Dimensions ?? [] }, sample, at);
      }
      for (const name of new Set(input.MetricData.map((d) => d.MetricName))) alarms.evaluateAll(input.Namespace, name);
      return {};
    },
    GetMetricData: (input: GetMetricDataInput) => {
      const force = forcedPartial > 0;
      if (force) forcedPartial -= 1;
      return getMetricData(store, input, now(), force);
    },
    GetMetricStatistics: (input: GetMetricStatisticsInput) => getMetricStatistics(store, input, now()),
    ListMetrics: (input: ListMetricsInput) => listMetrics(store, input, now()),
    PutMetricAlarm: (input: PutMetricAlarmInput, ctx: RequestContext) => {
      alarms.put(input, ctx.region, ctx.accountId);
      return {};
    },
    DescribeAlarms: (input: DescribeAlarmsInput) => alarms.describe(input),
    DeleteAlarms: (input: { AlarmNames: string[] }) => {
      alarms.delete(input.AlarmNames);
      return {};
    },
    SetAlarmState: (input: { AlarmName: string; StateValue: AlarmStateValue; StateReason: string; StateReasonData?: string }) => {
      alarms.setState(input.AlarmName, input.StateValue, input.StateReason, input.StateReasonData);
      return {};
    },
  };

  const admin = {
    /** The next `count` (default 1) GetMetricData answers are PartialData (halved, with a NextToken to the rest). */
    partialData: (body: { count?: number }) => {
      forcedPartial = body.count ?? 1;
      return { pending: forcedPartial };
    },
    /** Shifts CloudWatch's "now": `offsetMs` sets the shift, `advanceMs` adds to it; alarms are then evaluated. */
    clock: (body: { offsetMs?: number; advanceMs?: number }) => {
      if (body.offsetMs !== undefined) offsetMs = body.offsetMs;
      if (body.advanceMs !== undefined) offsetMs += body.advanceMs;
      alarms.evaluateAll();
      return { offsetMs, now: new Date(now()).toISOString() };
    },
    evaluateAlarms: () => {
      alarms.evaluateAll();
      return { ok: true };
    },
    reset: () => {
      store.clear();
      alarms.clear();
      offsetMs = 0;
      forcedPartial = 0;
      return { ok: true };
    },
  };

  return {
    id: 'cloudwatch',
    model,
    operations,
    admin,
    now,
    put(namespace, metricName, dimensions, value, unit, timestamp) {
      const at = now();
      store.add({ namespace, metricName, dimensions }, sampleFromValue((timestamp ?? new Date(at)).getTime(), unit, value), at);
      alarms.evaluateAll(namespace, metricName);
    },
    alarmState: (name) => alarms.state(name),
    evaluateAlarms: () => {
      alarms.evaluateAll();
    },
    stop: () => {
      cancel?.();
      cancel = undefined;
    },
  };
}

function getMetricStatistics(
  store: MetricStore,
  input: GetMetricStatisticsInput,
  now: number,
): { Label: string; Datapoints: Record<string, unknown>[] } {
  const start = input.StartTime.getTime();
  const end = input.EndTime.getTime();
  if (start >= end) throw new AwsError('InvalidParameterValue', 'The parameter StartTime must be less than the parameter EndTime.');
  const stats = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if ((stats.length === 0) === (extended.length === 0)) {
    throw new AwsError('InvalidParameterCombination', 'Must specify either Statistics or ExtendedStatistics, but not both.');
  }
  for (const e of extended) {
    if (parseStat(e)?.kind !== 'percentile')
      throw new AwsError('InvalidParameterValue', `The value ${e} for parameter ExtendedStatistics is not supported.`);
  }
  if (!validQueryPeriod(input.Period)) throw new AwsError('InvalidParameterValue', 'The parameter Period must be a multiple of 60.');
  const from = alignStart(start, input.Period, now);
  const requested = Math.ceil((end - from) / (input.Period * 1000));
  if (requested > MAX_STATISTICS_DATAPOINTS) {
    throw new AwsError(
      'InvalidParameterCombination',
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const metric = { namespace: input.Namespace, metricName: input.MetricName, dimensions: input.Dimensions ?? [] };
  const datapoints: Record<string, unknown>[] = [];
  for (const bucket of bucketize(store.samples(metric, from, end, input.Unit), from, input.Period)) {
    // Without a Unit, CloudWatch answers one datapoint per unit published in the period.
    const units = [...new Set(bucket.samples.map((s) => s.unit))];
    for (const unit of units) {
      const agg = aggregate(bucket.samples.filter((s) => s.unit === unit));
      const dp: Record<string, unknown> = { Timestamp: new Date(bucket.t), Unit: unit };
      for (const s of stats) dp[s] = computeStat(agg, { kind: s } as StatSpec);
      if (extended.length > 0) {
        const ext: Record<string, number> = {};
        for (const e of extended) {
          const v = computeStat(agg, parseStat(e)!);
          if (v !== undefined) ext[e] = v;
        }
        dp.ExtendedStatistics = ext;
      }
      datapoints.push(dp);
    }
  }
  return { Label: input.MetricName, Datapoints: datapoints };
}

function listMetrics(store: MetricStore, input: ListMetricsInput, now: number): { Metrics: Record<string, unknown>[]; NextToken?: string } {
  const all = store.list({
    namespace: input.Namespace,
    metricName: input.MetricName,
    dimensions: input.Dimensions,
    activeSince: input.RecentlyActive === 'PT3H' ? now - 3 * 3_600_000 : undefined,
  });
  let from = 0;
  if (input.NextToken !== undefined) {
    const m = /^list:(\d+)$/.exec(Buffer.from(input.NextToken, 'base64url').toString('utf8'));
    if (!m) throw new AwsError('InvalidParameterValue', 'Request parameter NextToken is invalid');
    from = Number(m[1]);
  }
  const page = all.slice(from, from + LIST_PAGE);
  const out: ReturnType<typeof listMetrics> = {
    Metrics: page.map((s) => ({ Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dimensions.map((d) => ({ ...d })) })),
  };
  if (from + LIST_PAGE < all.length) out.NextToken = Buffer.from(`list:${from + LIST_PAGE}`).toString('base64url');
  return out;
}
