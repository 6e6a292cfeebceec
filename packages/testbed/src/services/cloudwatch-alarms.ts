import { AwsError } from '../aws-error.js';
import type { Dimension } from '../world-links.js';
import { runQueries, validateQueries, type MetricDataQueryInput } from './metric-data-query.js';
import type { MetricStore } from './metric-store.js';
import { aggregate, computeStat, parseStat, validAlarmPeriod } from './metric-statistics.js';

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface PutMetricAlarmInput {
  AlarmName: string;
  AlarmDescription?: string;
  ActionsEnabled?: boolean;
  OKActions?: string[];
  AlarmActions?: string[];
  InsufficientDataActions?: string[];
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions?: Dimension[];
  Period?: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold?: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  EvaluateLowSampleCountPercentile?: string;
  Metrics?: MetricDataQueryInput[];
  Tags?: { Key: string; Value: string }[];
  ThresholdMetricId?: string;
}

export interface MetricAlarm extends Omit<PutMetricAlarmInput, 'Tags'> {
  AlarmArn: string;
  AlarmConfigurationUpdatedTimestamp: Date;
  StateValue: AlarmStateValue;
  StateReason: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: Date;
  StateTransitionedTimestamp: Date;
}

export interface DescribeAlarmsInput {
  AlarmNames?: string[];
  AlarmNamePrefix?: string;
  AlarmTypes?: string[];
  StateValue?: AlarmStateValue;
  ActionPrefix?: string;
  MaxRecords?: number;
  NextToken?: string;
  ChildrenOfAlarmName?: string;
  ParentsOfAlarmName?: string;
}

const validation = (message: string): AwsError => new AwsError('ValidationError', message);
const COMPARE: Record<string, [(v: number, t: number) => boolean, string]> = {
  GreaterThanOrEqualToThreshold: [(v, t) => v >= t, 'greater than or equal to'],
  GreaterThanThreshold: [(v, t) => v > t, 'greater than'],
  LessThanThreshold: [(v, t) => v < t, 'less than'],
  LessThanOrEqualToThreshold: [(v, t) => v <= t, 'less than or equal to'],
};
const TREAT = ['breaching', 'notBreaching', 'ignore', 'missing'];

/** Metric alarms: their configuration, their state, and their evaluation over the metric store. */
export class AlarmStore {
  private readonly alarms = new Map<string, MetricAlarm>();

  constructor(
    private readonly metrics: MetricStore,
    private readonly now: () => number,
  ) {}

  put(input: PutMetricAlarmInput, region: string, accountId: string): void {
    validateAlarm(input);
    const now = new Date(this.now());
    const old = this.alarms.get(input.AlarmName);
    const config: Partial<PutMetricAlarmInput> = { ...input };
    delete config.Tags;
    const alarm: MetricAlarm = {
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      Dimensions: input.Metrics ? undefined : [],
      ...(config as Omit<PutMetricAlarmInput, 'Tags'>),
      AlarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${input.AlarmName}`,
      AlarmConfigurationUpdatedTimestamp: now,
      // An update leaves the state as it was; a new alarm starts with no data.
      StateValue: old?.StateValue ?? 'INSUFFICIENT_DATA',
      StateReason: old?.StateReason ?? 'Unchecked: Initial alarm creation',
      StateReasonData: old?.StateReasonData,
      StateUpdatedTimestamp: old?.StateUpdatedTimestamp ?? now,
      StateTransitionedTimestamp: old?.StateTransitionedTimestamp ?? now,
    };
    this.alarms.set(input.AlarmName, alarm);
    this.evaluate(alarm);
  }

  describe(input: DescribeAlarmsInput): { MetricAlarms: MetricAlarm[]; CompositeAlarms?: []; NextToken?: string } {
    if (input.AlarmNames?.length && input.AlarmNamePrefix !== undefined) {
      throw new AwsError('InvalidParameterCombination', 'The parameters AlarmNames and AlarmNamePrefix are mutually exclusive.');
    }
    const wantMetric = !input.AlarmTypes || input.AlarmTypes.includes('MetricAlarm');
    const names = input.AlarmNames?.length ? new Set(input.AlarmNames) : undefined;
    const all = [...this.alarms.values()]
      .filter(() => wantMetric && !input.ChildrenOfAlarmName && !input.ParentsOfAlarmName)
      .filter((a) => !names || names.has(a.AlarmName))
      .filter((a) => input.AlarmNamePrefix === undefined || a.AlarmName.startsWith(input.AlarmNamePrefix))
      .filter((a) => input.StateValue === undefined || a.StateValue === input.StateValue)
      .filter((a) => input.ActionPrefix === undefined || (a.AlarmActions ?? []).some((x) => x.startsWith(input.ActionPrefix!)))
      .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1));
    let from = 0;
    if (input.NextToken !== undefined) {
      const after = Buffer.from(input.NextToken, 'base64url').toString('utf8');
      if (!after.startsWith('alarm:')) throw new AwsError('InvalidNextToken', 'The service returned an invalid NextToken.');
      from = all.findIndex((a) => a.AlarmName > after.slice('alarm:'.length));
      if (from < 0) from = all.length;
    }
    const max = input.MaxRecords ?? 50;
    const page = all.slice(from, from + max).map((a) => ({ ...a }));
    const out: ReturnType<AlarmStore['describe']> = { MetricAlarms: page };
    if (input.AlarmTypes?.includes('CompositeAlarm')) out.CompositeAlarms = [];
    if (from + max < all.length) out.NextToken = Buffer.from(`alarm:${page.at(-1)!.AlarmName}`).toString('base64url');
    return out;
  }

  delete(names: readonly string[]): void {
    for (const n of names) this.alarms.delete(n);
  }

  /** SetAlarmState: the state holds until an evaluation finds another one. */
  setState(name: string, state: AlarmStateValue, reason: string, reasonData?: string): void {
    const alarm = this.alarms.get(name);
    if (!alarm) throw new AwsError('ResourceNotFound', `Alarm ${name} not found`, 404);
    if (reasonData !== undefined) {
      try {
        JSON.parse(reasonData);
      } catch {
        throw new AwsError('InvalidFormat', `StateReasonData is not valid JSON: ${reasonData}`);
      }
    }
    this.transition(alarm, state, reason, reasonData, true);
  }

  state(name: string): AlarmStateValue | undefined {
    return this.alarms.get(name)?.StateValue;
  }

  /** Evaluates every alarm, or those watching one namespace/metric name. */
  evaluateAll(namespace?: string, metricName?: string): void {
    for (const alarm of this.alarms.values()) {
      const watches =
        namespace === undefined ||
        (alarm.Namespace === namespace && alarm.MetricName === metricName) ||
        (alarm.Metrics ?? []).some((m) => m.MetricStat?.Metric.Namespace === namespace && m.MetricStat.Metric.MetricName === metricName);
      if (watches) this.evaluate(alarm);
    }
  }

  clear(): void {
    this.alarms.clear();
  }

  /** The values of the last EvaluationPeriods periods (the last one is the period holding "now"), undefined when missing. */
  private datapoints(alarm: MetricAlarm): { period: number; values: (number | undefined)[]; end: number } {
    const metricsPeriod = alarm.Metrics?.find((m) => m.MetricStat)?.MetricStat?.Period;
    const period = (alarm.Period ?? metricsPeriod ?? 60) * 1000;
    const end = Math.floor(this.now() / period) * period + period;
    const start = end - alarm.EvaluationPeriods * period;
    const values: (number | undefined)[] = [];
    if (alarm.Metrics) {
      const returned = alarm.Metrics.find((m) => m.ReturnData !== false) ?? alarm.Metrics[0]!;
      const aligned = alarm.Metrics.map((m) => (m.MetricStat ? { ...m, MetricStat: { ...m.MetricStat, Period: period / 1000 } } : m));
      const series = runQueries(this.metrics, aligned, start, end, start).get(returned.Id) ?? new Map<number, number>();
      for (let t = start; t < end; t += period) values.push(series.get(t));
    } else {
      const spec = parseStat(alarm.ExtendedStatistic ?? alarm.Statistic ?? 'Average')!;
      const metric = { namespace: alarm.Namespace!, metricName: alarm.MetricName!, dimensions: alarm.Dimensions ?? [] };
      for (let t = start; t < end; t += period)
        values.push(computeStat(aggregate(this.metrics.samples(metric, t, t + period, alarm.Unit)), spec));
    }
    return { period, values, end };
  }

  private evaluate(alarm: MetricAlarm): void {
    const [compare, words] = COMPARE[alarm.ComparisonOperator]!;
    const threshold = alarm.Threshold!;
    const treat = alarm.TreatMissingData ?? 'missing';
    const m = alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods;
    const { period, values, end } = this.datapoints(alarm);
    const present = values.filter((v): v is number => v !== undefined);
    const missing = values.length - present.length;
    let breaching = present.filter((v) => compare(v, threshold)).length;
    if (treat === 'breaching') breaching += missing;
    const counted = treat === 'breaching' || treat === 'notBreaching' ? values.length : present.length;
    let state: AlarmStateValue;
    if (breaching >= m) state = 'ALARM';
    else if (counted === 0) {
      if (treat === 'ignore') return;
      state = 'INSUFFICIENT_DATA';
    } else state = 'OK';
    const first = end - values.length * period;
    const shown = values
      .map((v, i) => [first + i * period, v] as const)
      .filter((e): e is readonly [number, number] => e[1] !== undefined)
      .slice(-Math.max(m, 1))
      .reverse();
    const n = shown.length;
    const list = shown.map(([t, v]) => `${javaDouble(v)} (${shortDate(t)})`).join(', ');
    const reason =
      state === 'INSUFFICIENT_DATA'
        ? `Insufficient Data: ${missing} datapoint${missing === 1 ? ' was' : 's were'} unknown.`
        : `Threshold Crossed: ${n} datapoint${n === 1 ? '' : 's'} [${list}] ${n === 1 ? 'was' : 'were'} ${state === 'ALARM' ? '' : 'not '}${words} the threshold (${javaDouble(threshold)}).`;
    const data = JSON.stringify({
      version: '1.0',
      queryDate: new Date(this.now()).toISOString(),
      startDate: new Date(end - values.length * period).toISOString(),
      period: period / 1000,
      recentDatapoints: present,
      threshold,
      treatMissingData: treat,
    });
    this.transition(alarm, state, reason, data, false);
  }

  private transition(alarm: MetricAlarm, state: AlarmStateValue, reason: string, data: string | undefined, forced: boolean): void {
    if (!forced && alarm.StateValue === state) return;
    const now = new Date(this.now());
    if (alarm.StateValue !== state) alarm.StateTransitionedTimestamp = now;
    alarm.StateValue = state;
    alarm.StateReason = reason;
    alarm.StateReasonData = data;
    alarm.StateUpdatedTimestamp = now;
  }
}

function validateAlarm(input: PutMetricAlarmInput): void {
  if (!COMPARE[input.ComparisonOperator]) {
    throw new AwsError(
      'NotImplemented',
      `The local world does not implement anomaly detection alarms (${input.ComparisonOperator})`,
      501,
      'Receiver',
    );
  }
  if (input.ThresholdMetricId !== undefined)
    throw new AwsError('NotImplemented', 'The local world does not implement ThresholdMetricId', 501, 'Receiver');
  if (input.Threshold === undefined) throw validation('Threshold must be specified for alarms with a static threshold.');
  if (input.TreatMissingData !== undefined && !TREAT.includes(input.TreatMissingData)) {
    throw validation(
      `The value ${input.TreatMissingData} for parameter TreatMissingData is invalid: it must be one of ${TREAT.join(', ')}.`,
    );
  }
  if (input.EvaluationPeriods < 1) throw validation('The parameter EvaluationPeriods must be greater than or equal to 1.');
  if (input.DatapointsToAlarm !== undefined && (input.DatapointsToAlarm < 1 || input.DatapointsToAlarm > input.EvaluationPeriods)) {
    throw validation('DatapointsToAlarm must be greater than 0 and less than or equal to EvaluationPeriods.');
  }
  if (input.Metrics) {
    if (input.MetricName !== undefined || input.Namespace !== undefined || input.Statistic !== undefined || input.Period !== undefined) {
      throw validation('Metrics list cannot be used with MetricName, Namespace, Statistic, ExtendedStatistic, Dimensions, Period or Unit.');
    }
    validateQueries(input.Metrics, 'Metrics');
    if (input.Metrics.filter((m) => m.ReturnData !== false).length !== 1)
      throw validation('Exactly one element of the metrics list should return data.');
    for (const m of input.Metrics) {
      if (m.MetricStat && !validAlarmPeriod(m.MetricStat.Period))
        throw validation(`Period must be 10, 20, 30 or a multiple of 60 (got ${m.MetricStat.Period}).`);
    }
    const period = input.Metrics.find((m) => m.MetricStat)?.MetricStat?.Period ?? 60;
    checkSpan(period, input.EvaluationPeriods);
    return;
  }
  if (!input.MetricName || !input.Namespace) throw validation('MetricName and Namespace must be specified, or a Metrics list.');
  if ((input.Statistic === undefined) === (input.ExtendedStatistic === undefined)) {
    throw new AwsError('InvalidParameterCombination', 'Exactly one of Statistic or ExtendedStatistic must be specified.');
  }
  if (input.ExtendedStatistic !== undefined && parseStat(input.ExtendedStatistic)?.kind !== 'percentile') {
    throw new AwsError('InvalidParameterValue', `The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`);
  }
  if (input.Period === undefined) throw validation('Period must be specified for alarms on a metric.');
  if (!validAlarmPeriod(input.Period)) throw validation(`Period must be 10, 20, 30 or a multiple of 60 (got ${input.Period}).`);
  checkSpan(input.Period, input.EvaluationPeriods);
}

function checkSpan(period: number, evaluationPeriods: number): void {
  if (period * evaluationPeriods > 86_400) {
    throw validation('The evaluation period of the alarm (Period × EvaluationPeriods) cannot exceed 86400 seconds.');
  }
}

/** Numbers as CloudWatch's reasons print them (Java doubles): 42.0, 12.5. */
const javaDouble = (v: number): string => (Number.isInteger(v) ? v.toFixed(1) : String(v));

/** Datapoint times as CloudWatch's reasons print them: dd/MM/yy HH:mm:ss (UTC). */
function shortDate(t: number): string {
  const d = new Date(t);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
