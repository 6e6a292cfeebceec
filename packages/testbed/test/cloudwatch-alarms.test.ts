import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { Gateway } from '../src/gateway.js';
import { SimClock } from '../src/sim-clock.js';
import { createCloudWatch } from '../src/services/cloudwatch.js';

const run = promisify(execFile);
const gw = new Gateway({ accountId: '123456789012', region: 'us-east-1', accessKeyId: 'AKIDLOCAL' });
const clock = new SimClock();
const cw = createCloudWatch(clock, { evaluationIntervalMs: 60_000 });
gw.register(cw);
gw.alias('GraniteServiceVersion20100801', 'cloudwatch');
let client: CloudWatchClient;

const NS = 'Testbed/Alarms';
const DIMS = [{ Name: 'EndpointName', Value: 'ep-1' }];
const MINUTE = 60_000;

async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run('/usr/bin/aws', ['cloudwatch', ...args, '--endpoint-url', gw.url, '--output', 'json'], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1', AWS_PAGER: '' },
  });
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}

async function admin(route: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${gw.url}/_world/cloudwatch/${route}`, { method: 'POST', body: JSON.stringify(body) });
  return res.json();
}

const put = (name: string, value: number, at?: number): Promise<unknown> =>
  client.send(
    new PutMetricDataCommand({
      Namespace: NS,
      MetricData: [{ MetricName: name, Dimensions: DIMS, Value: value, Timestamp: at === undefined ? undefined : new Date(at) }],
    }),
  );

const alarm = (name: string, extra: Partial<PutMetricAlarmCommandInput> = {}): Promise<unknown> =>
  client.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: NS,
      MetricName: name,
      Dimensions: DIMS,
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      ...extra,
    }),
  );

const describe1 = async (name: string) => (await client.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms![0]!;

beforeAll(async () => {
  await gw.listen();
  client = new CloudWatchClient({ endpoint: gw.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' } });
  // Put CloudWatch's "now" at hh:mm:30 so that the whole test stays in one minute until it advances it.
  await admin('clock', { offsetMs: 30_000 - (Date.now() % MINUTE) });
});

afterAll(async () => {
  cw.stop();
  clock.stop();
  client.destroy();
  await gw.close();
});

describe('CloudWatch metric alarms', () => {
  test('an alarm goes to ALARM on breaching data and back to OK; missing data makes it INSUFFICIENT_DATA', async () => {
    await alarm('latency-high');
    expect(await describe1('latency-high')).toMatchObject({
      StateValue: 'INSUFFICIENT_DATA',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:latency-high',
      Dimensions: DIMS,
      Threshold: 10,
    });
    await put('latency-high', 42);
    const a = await describe1('latency-high');
    expect(a.StateValue).toBe('ALARM');
    expect(a.StateReason).toMatch(
      /^Threshold Crossed: 1 datapoint \[42\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:00\)\] was greater than the threshold \(10\.0\)\.$/,
    );
    expect(JSON.parse(a.StateReasonData!)).toMatchObject({ recentDatapoints: [42], threshold: 10 });
    expect(cw.alarmState('latency-high')).toBe('ALARM');

    await admin('clock', { advanceMs: MINUTE });
    expect(cw.alarmState('latency-high')).toBe('INSUFFICIENT_DATA');
    await put('latency-high', 3);
    expect(await describe1('latency-high')).toMatchObject({
      StateValue: 'OK',
      StateReason: expect.stringMatching(/^Threshold Crossed: 1 datapoint \[3\.0 \(.*\)\] was not greater than the threshold \(10\.0\)\.$/),
    });
  });

  test('TreatMissingData: notBreaching and breaching fill missing periods, ignore keeps the state', async () => {
    const now = cw.now();
    for (const treat of ['notBreaching', 'breaching', 'ignore', 'missing'])
      await alarm(`missing-${treat}`, { TreatMissingData: treat, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    const states = (): Record<string, string | undefined> =>
      Object.fromEntries(['notBreaching', 'breaching', 'ignore', 'missing'].map((t) => [t, cw.alarmState(`missing-${t}`)]));
    expect(states()).toEqual({ notBreaching: 'OK', breaching: 'ALARM', ignore: 'INSUFFICIENT_DATA', missing: 'INSUFFICIENT_DATA' });
    // One breaching datapoint two minutes ago: 2 of 3 needed.
    for (const t of ['notBreaching', 'breaching', 'ignore', 'missing']) await put(`missing-${t}`, 50, now - 2 * MINUTE);
    expect(states()).toEqual({ notBreaching: 'OK', breaching: 'ALARM', ignore: 'OK', missing: 'OK' });
    for (const t of ['notBreaching', 'breaching', 'ignore', 'missing']) await put(`missing-${t}`, 50, now - MINUTE);
    expect(states()).toEqual({ notBreaching: 'ALARM', breaching: 'ALARM', ignore: 'ALARM', missing: 'ALARM' });
    // Three minutes on, every period is empty again.
    await admin('clock', { advanceMs: 3 * MINUTE });
    expect(states()).toEqual({ notBreaching: 'OK', breaching: 'ALARM', ignore: 'ALARM', missing: 'INSUFFICIENT_DATA' });
    await admin('clock', { advanceMs: -3 * MINUTE });
  });

  test('SetAlarmState holds until the next evaluation changes it (CLI and SDK)', async () => {
    await alarm('manual', { TreatMissingData: 'ignore' });
    await aws(
      'set-alarm-state',
      '--alarm-name',
      'manual',
      '--state-value',
      'ALARM',
      '--state-reason',
      'testing rollback',
      '--state-reason-data',
      '{"x":1}',
    );
    const cli = (await aws('describe-alarms', '--alarm-names', 'manual')) as {
      MetricAlarms: { StateValue: string; StateReason: string; StateReasonData: string }[];
    };
    expect(cli.MetricAlarms[0]).toMatchObject({ StateValue: 'ALARM', StateReason: 'testing rollback', StateReasonData: '{"x":1}' });
    await admin('evaluateAlarms', {});
    expect(cw.alarmState('manual')).toBe('ALARM'); // no data and TreatMissingData=ignore: nothing changes it
    await put('manual', 1);
    expect(cw.alarmState('manual')).toBe('OK');
    await client.send(new SetAlarmStateCommand({ AlarmName: 'manual', StateValue: 'ALARM', StateReason: 'again' }));
    expect(cw.alarmState('manual')).toBe('ALARM');
    await admin('evaluateAlarms', {});
    expect(cw.alarmState('manual')).toBe('OK');
    await expect(client.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
    });
    await expect(
      client.send(new SetAlarmStateCommand({ AlarmName: 'manual', StateValue: 'OK', StateReason: 'x', StateReasonData: '{' })),
    ).rejects.toMatchObject({
      name: 'InvalidFormatFault',
    });
  });

  test('percentile and metric-math alarms; the MetricSink triggers evaluation', async () => {
    await alarm('p90', {
      Statistic: undefined,
      ExtendedStatistic: 'p90',
      Threshold: 100,
      MetricName: 'ModelLatency',
      Namespace: 'AWS/SageMaker',
    });
    for (let v = 1; v <= 100; v++) cw.put('AWS/SageMaker', 'ModelLatency', DIMS, v * 2, 'Microseconds');
    expect(cw.alarmState('p90')).toBe('ALARM'); // p90 = 180
    await client.send(
      new PutMetricAlarmCommand({
        AlarmName: 'error-rate',
        EvaluationPeriods: 1,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Metrics: [
          {
            Id: 'e',
            MetricStat: { Metric: { Namespace: NS, MetricName: 'Errors', Dimensions: DIMS }, Period: 60, Stat: 'Sum' },
            ReturnData: false,
          },
          {
            Id: 'r',
            MetricStat: { Metric: { Namespace: NS, MetricName: 'Requests', Dimensions: DIMS }, Period: 60, Stat: 'Sum' },
            ReturnData: false,
          },
          { Id: 'rate', Expression: 'e/r*100', Label: 'error rate' },
        ],
      }),
    );
    await put('Requests', 100);
    await put('Errors', 2);
    expect(cw.alarmState('error-rate')).toBe('OK');
    await put('Errors', 4);
    expect(cw.alarmState('error-rate')).toBe('ALARM');
  });

  test('DescribeAlarms filters and pages; DeleteAlarms; validation errors', async () => {
    for (const n of ['zz-a', 'zz-b', 'zz-c']) await alarm(n, { TreatMissingData: 'breaching' });
    const byPrefix = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'zz-', MaxRecords: 2 }));
    expect(byPrefix.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['zz-a', 'zz-b']);
    const next = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'zz-', MaxRecords: 2, NextToken: byPrefix.NextToken }));
    expect(next.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['zz-c']);
    expect(next.NextToken).toBeUndefined();
    const inAlarm = (await aws('describe-alarms', '--state-value', 'ALARM', '--alarm-name-prefix', 'zz-')) as {
      MetricAlarms: { AlarmName: string }[];
    };
    expect(inAlarm.MetricAlarms.map((a) => a.AlarmName)).toEqual(['zz-a', 'zz-b', 'zz-c']);
    await aws('delete-alarms', '--alarm-names', 'zz-a', 'zz-b');
    expect((await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'zz-' }))).MetricAlarms!.map((a) => a.AlarmName)).toEqual([
      'zz-c',
    ]);
    await client.send(new DeleteAlarmsCommand({ AlarmNames: ['zz-c', 'never-existed'] }));
    expect(cw.alarmState('zz-c')).toBeUndefined();

    await expect(alarm('bad', { Period: 45 })).rejects.toMatchObject({ name: 'ValidationException', Code: 'ValidationError' });
    await expect(alarm('bad', { EvaluationPeriods: 2, DatapointsToAlarm: 3 })).rejects.toMatchObject({ Code: 'ValidationError' });
    await expect(alarm('bad', { Period: 3600, EvaluationPeriods: 25 })).rejects.toMatchObject({ Code: 'ValidationError' });
    await expect(alarm('bad', { ExtendedStatistic: 'p90' })).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });
    expect(cw.alarmState('bad')).toBeUndefined();
  });
});
