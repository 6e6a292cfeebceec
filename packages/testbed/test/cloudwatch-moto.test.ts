import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  type MetricAlarm,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { Gateway } from '../src/gateway.js';
import { startMoto, type MotoServer } from '../src/moto.js';
import { SimClock } from '../src/sim-clock.js';
import { createCloudWatch } from '../src/services/cloudwatch.js';

/** Differential test: the same calls against moto_server and the world must agree where both implement them. */
const gw = new Gateway({ accountId: '123456789012', region: 'us-east-1', accessKeyId: 'AKIDLOCAL' });
const clock = new SimClock();
const cw = createCloudWatch(clock);
gw.register(cw);
gw.alias('GraniteServiceVersion20100801', 'cloudwatch');

let moto: MotoServer | undefined;
const MINUTE = 60_000;
const T0 = Math.floor(Date.now() / MINUTE) * MINUTE - 20 * MINUTE;

const client = (endpoint: string): CloudWatchClient =>
  new CloudWatchClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' } });

beforeAll(async () => {
  await gw.listen();
  moto = await startMoto();
}, 20_000);

afterAll(async () => {
  await moto?.stop();
  cw.stop();
  await gw.close();
});

const NS = 'Diff/Test';
const DIMS = [{ Name: 'Host', Value: 'h1' }];

async function scenario(endpoint: string): Promise<{ values: Record<string, number[]>; alarms: MetricAlarm[] }> {
  const c = client(endpoint);
  try {
    await c.send(
      new PutMetricDataCommand({
        Namespace: NS,
        MetricData: [
          { MetricName: 'Latency', Dimensions: DIMS, Timestamp: new Date(T0 + 1000), Value: 10, Unit: 'Milliseconds' },
          { MetricName: 'Latency', Dimensions: DIMS, Timestamp: new Date(T0 + 2000), Value: 30, Unit: 'Milliseconds' },
          {
            MetricName: 'Latency',
            Dimensions: DIMS,
            Timestamp: new Date(T0 + MINUTE + 1000),
            Values: [1, 2, 3],
            Counts: [2, 1, 1],
            Unit: 'Milliseconds',
          },
          {
            MetricName: 'Latency',
            Dimensions: DIMS,
            Timestamp: new Date(T0 + 3 * MINUTE),
            StatisticValues: { SampleCount: 4, Sum: 20, Minimum: 2, Maximum: 8 },
            Unit: 'Milliseconds',
          },
          { MetricName: 'Count', Dimensions: DIMS, Timestamp: new Date(T0 + 2 * MINUTE), Value: 7 },
        ],
      }),
    );
    const queries: MetricDataQuery[] = ['Sum', 'Average', 'SampleCount'].map((stat) => ({
      Id: stat.toLowerCase(),
      MetricStat: { Metric: { Namespace: NS, MetricName: 'Latency', Dimensions: DIMS }, Period: 60, Stat: stat },
    }));
    queries.push({
      Id: 'count',
      MetricStat: { Metric: { Namespace: NS, MetricName: 'Count', Dimensions: DIMS }, Period: 300, Stat: 'Sum' },
    });
    const data = await c.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 5 * MINUTE),
        ScanBy: 'TimestampAscending',
      }),
    );
    const values = Object.fromEntries(
      data.MetricDataResults!.map((r) => [r.Id!, [...r.Values!, ...r.Timestamps!.map((t) => t.getTime() - T0)]]),
    );
    await c.send(
      new PutMetricAlarmCommand({
        AlarmName: 'diff-latency',
        AlarmDescription: 'p99 too slow',
        Namespace: NS,
        MetricName: 'Latency',
        Dimensions: DIMS,
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        Threshold: 12.5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        Unit: 'Milliseconds',
        AlarmActions: ['arn:aws:sns:us-east-1:123456789012:alerts'],
      }),
    );
    const alarms = (await c.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'diff-' }))).MetricAlarms!;
    return { values, alarms };
  } finally {
    c.destroy();
  }
}

test('moto and the world agree on PutMetricData/GetMetricData/PutMetricAlarm/DescribeAlarms', async () => {
  const [world, reference] = [await scenario(gw.url), await scenario(moto!.url)];
  expect(world.values).toEqual(reference.values);
  // The values themselves, so that agreeing on nothing cannot pass.
  expect(world.values.sum).toEqual([40, 7, 20, 0, MINUTE, 3 * MINUTE]);
  expect(world.values.count).toEqual([7, 0]);
  const fields = [
    'AlarmName',
    'AlarmArn',
    'AlarmDescription',
    'Namespace',
    'MetricName',
    'Dimensions',
    'Statistic',
    'Period',
    'EvaluationPeriods',
  ] as const;
  const more = [
    'DatapointsToAlarm',
    'Threshold',
    'ComparisonOperator',
    'TreatMissingData',
    'Unit',
    'AlarmActions',
    'ActionsEnabled',
  ] as const;
  const pick = (a: MetricAlarm): Record<string, unknown> => Object.fromEntries([...fields, ...more].map((k) => [k, a[k]]));
  expect(world.alarms.map(pick)).toEqual(reference.alarms.map(pick));
  expect(world.alarms).toHaveLength(1);
  // The data is 20 minutes old: the last 3 periods are missing, which notBreaching counts as good.
  expect(world.alarms[0]!.StateValue).toBe('OK');
});
