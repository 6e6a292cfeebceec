import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { Gateway } from '../src/gateway.js';
import { SimClock } from '../src/sim-clock.js';
import { createCloudWatch } from '../src/services/cloudwatch.js';

const run = promisify(execFile);
const gw = new Gateway({ accountId: '123456789012', region: 'us-east-1', accessKeyId: 'AKIDLOCAL' });
const clock = new SimClock();
const cw = createCloudWatch(clock);
gw.register(cw);
gw.alias('GraniteServiceVersion20100801', 'cloudwatch');
let client: CloudWatchClient;

const NS = 'Testbed/Endpoint';
const DIMS = [{ Name: 'EndpointName', Value: 'ep-1' }];
const MINUTE = 60_000;
// Whole minutes in the recent past, so that every period below holds known data.
const T0 = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
const iso = (t: number): string => new Date(t).toISOString();

async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run('/usr/bin/aws', ['cloudwatch', ...args, '--endpoint-url', gw.url, '--output', 'json'], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1', AWS_PAGER: '' },
  });
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}

async function awsError(...args: string[]): Promise<string> {
  try {
    await aws(...args);
  } catch (error) {
    return (error as { stderr: string }).stderr;
  }
  throw new Error(`aws ${args.join(' ')} succeeded`);
}

const metric = (name: string) => ({ Namespace: NS, MetricName: name, Dimensions: DIMS });
const q = (id: string, name: string, stat: string, period = 60): MetricDataQuery => ({
  Id: id,
  MetricStat: { Metric: metric(name), Period: period, Stat: stat },
});

beforeAll(async () => {
  await gw.listen();
  client = new CloudWatchClient({ endpoint: gw.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' } });
  // 1..100 ms in minute T0 through the CLI (query protocol): Values/Counts, so percentiles are exact.
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  await aws(
    'put-metric-data',
    '--namespace',
    NS,
    '--metric-data',
    JSON.stringify([
      {
        MetricName: 'ModelLatency',
        Dimensions: DIMS,
        Timestamp: iso(T0 + 5000),
        Values: values,
        Counts: values.map(() => 1),
        Unit: 'Milliseconds',
      },
    ]),
  );
});

afterAll(async () => {
  cw.stop();
  client.destroy();
  await gw.close();
});

describe('CloudWatch metrics through both protocols', () => {
  const stats = ['p95', 'p99.9', 'p50', 'Average', 'SampleCount', 'Sum', 'Minimum', 'Maximum'];
  const expected = [95, 100, 50, 50.5, 100, 5050, 1, 100];
  const queries = stats.map((s, i) => q(`q${i}`, 'ModelLatency', s));

  test('the CLI reads exact percentiles of what it put', async () => {
    const out = (await aws(
      'get-metric-data',
      '--metric-data-queries',
      JSON.stringify(queries),
      '--start-time',
      iso(T0),
      '--end-time',
      iso(T0 + 5 * MINUTE),
    )) as {
      MetricDataResults: MetricDataResult[];
    };
    expect(out.MetricDataResults.map((r) => r.Values)).toEqual(expected.map((v) => [v]));
    expect(out.MetricDataResults[0]).toMatchObject({
      Id: 'q0',
      Label: 'ModelLatency',
      StatusCode: 'Complete',
      Timestamps: [expect.stringMatching(/^\d{4}-/)],
    });
    expect(Date.parse(out.MetricDataResults[0]!.Timestamps![0] as unknown as string)).toBe(T0);
  });

  test('the SDK (JSON 1.0) reads the same data', async () => {
    const out = await client.send(
      new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(T0), EndTime: new Date(T0 + 5 * MINUTE) }),
    );
    expect(out.MetricDataResults!.map((r) => r.Values)).toEqual(expected.map((v) => [v]));
    expect(out.MetricDataResults![0]!.Timestamps![0]!.getTime()).toBe(T0);
  });

  test('statistic sets, Values/Counts and single values; GetMetricStatistics and ListMetrics on both protocols', async () => {
    await client.send(
      new PutMetricDataCommand({
        Namespace: NS,
        MetricData: [
          { MetricName: 'Invocations', Dimensions: DIMS, Timestamp: new Date(T0 + MINUTE), Value: 3, Unit: 'Count' },
          {
            MetricName: 'Invocations',
            Dimensions: DIMS,
            Timestamp: new Date(T0 + MINUTE + 1000),
            StatisticValues: { SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4 },
            Unit: 'Count',
          },
          {
            MetricName: 'Invocations',
            Dimensions: DIMS,
            Timestamp: new Date(T0 + 2 * MINUTE),
            Values: [2, 7],
            Counts: [3, 1],
            Unit: 'Count',
          },
        ],
      }),
    );
    const cli = (await aws(
      ...['get-metric-statistics', '--namespace', NS, '--metric-name', 'Invocations', '--dimensions', 'Name=EndpointName,Value=ep-1'],
      ...['--start-time', iso(T0), '--end-time', iso(T0 + 5 * MINUTE), '--period', '60', '--statistics', 'Sum', 'SampleCount', 'Maximum'],
    )) as { Label: string; Datapoints: { Timestamp: string; Sum: number; SampleCount: number; Maximum: number; Unit: string }[] };
    expect(cli.Label).toBe('Invocations');
    const byTime = cli.Datapoints.sort((a, b) => Date.parse(a.Timestamp) - Date.parse(b.Timestamp));
    expect(byTime).toEqual([
      { Timestamp: expect.any(String), Sum: 13, SampleCount: 5, Maximum: 4, Unit: 'Count' },
      { Timestamp: expect.any(String), Sum: 13, SampleCount: 4, Maximum: 7, Unit: 'Count' },
    ]);
    const sdk = await client.send(
      new GetMetricStatisticsCommand({
        ...metric('Invocations'),
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 5 * MINUTE),
        Period: 60,
        ExtendedStatistics: ['p50', 'p80'],
      }),
    );
    const points = sdk.Datapoints!.sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
    // Minute 1 mixes a statistic set of distinct values: no percentile. Minute 2 is 2,2,2,7.
    expect(points.map((p) => p.ExtendedStatistics)).toEqual([{}, { p50: 2, p80: 7 }]);

    const listed = (await aws('list-metrics', '--namespace', NS)) as { Metrics: unknown[] };
    expect(listed.Metrics).toEqual(
      expect.arrayContaining([
        { Namespace: NS, MetricName: 'Invocations', Dimensions: DIMS },
        { Namespace: NS, MetricName: 'ModelLatency', Dimensions: DIMS },
      ]),
    );
    const filtered = await client.send(
      new ListMetricsCommand({ Namespace: NS, MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName' }] }),
    );
    expect(filtered.Metrics).toEqual([{ Namespace: NS, MetricName: 'Invocations', Dimensions: DIMS }]);
  });

  test('ScanBy orders datapoints; metric math answers m1/m2*100 and SUM(METRICS())', async () => {
    await client.send(
      new PutMetricDataCommand({
        Namespace: NS,
        MetricData: [0, 1, 2].flatMap((k) => [
          { MetricName: 'Errors', Dimensions: DIMS, Timestamp: new Date(T0 + k * MINUTE), Value: k + 1 },
          { MetricName: 'Requests', Dimensions: DIMS, Timestamp: new Date(T0 + k * MINUTE), Value: 10 },
        ]),
      }),
    );
    const base = { StartTime: new Date(T0), EndTime: new Date(T0 + 3 * MINUTE) };
    const queries: MetricDataQuery[] = [
      { ...q('e', 'Errors', 'Sum'), ReturnData: false },
      { ...q('r', 'Requests', 'Sum'), ReturnData: false },
      { Id: 'rate', Expression: 'e/r*100', Label: 'ErrorRate' },
      { Id: 'total', Expression: 'SUM(METRICS())' },
    ];
    const asc = await client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: queries, ScanBy: 'TimestampAscending' }));
    expect(asc.MetricDataResults!.map((r) => [r.Id, r.Label, r.Values])).toEqual([
      ['rate', 'ErrorRate', [10, 20, 30]],
      ['total', 'total', [11, 12, 13]],
    ]);
    const desc = await client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: queries }));
    expect(desc.MetricDataResults![0]!.Values).toEqual([30, 20, 10]);
    expect(desc.MetricDataResults![0]!.Timestamps!.map((t) => t.getTime())).toEqual([T0 + 2 * MINUTE, T0 + MINUTE, T0]);
    await expect(
      client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: [{ Id: 'x', Expression: 'RATE(e)' }, q('e', 'Errors', 'Sum')] })),
    ).rejects.toThrow(/does not implement the metric math function RATE/);
    await expect(
      client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: [{ Id: 'x', Expression: 'e + nope' }, q('e', 'Errors', 'Sum')] })),
    ).rejects.toThrow(/Unrecognized metric id 'nope'/);
  });

  test('more than 500 queries are split by the caller, and each call pages with NextToken', async () => {
    const all = Array.from({ length: 600 }, (_, i) => q(`m${i}`, i % 2 === 0 ? 'Requests' : 'Errors', 'Sum'));
    const base = { StartTime: new Date(T0), EndTime: new Date(T0 + 3 * MINUTE) };
    await expect(client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: all }))).rejects.toMatchObject({
      name: 'ValidationException',
      Code: 'ValidationError',
      message: 'The collection MetricDataQueries must not have a size greater than 500.',
    });
    const values = new Map<string, number[]>();
    let calls = 0;
    for (const batch of [all.slice(0, 500), all.slice(500)]) {
      let token: string | undefined;
      do {
        const page = await client.send(
          new GetMetricDataCommand({
            ...base,
            MetricDataQueries: batch,
            MaxDatapoints: 250,
            NextToken: token,
            ScanBy: 'TimestampAscending',
          }),
        );
        calls += 1;
        for (const r of page.MetricDataResults!) {
          values.set(r.Id!, [...(values.get(r.Id!) ?? []), ...r.Values!]);
          if (page.NextToken === undefined) expect(r.StatusCode).toBe('Complete');
        }
        token = page.NextToken;
      } while (token);
    }
    // 500 queries × 3 datapoints = 1500 → 6 pages; 100 × 3 = 300 → 2 pages.
    expect(calls).toBe(8);
    expect(values.size).toBe(600);
    expect(values.get('m0')).toEqual([10, 10, 10]);
    expect(values.get('m599')).toEqual([1, 2, 3]);
    await expect(
      client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: all.slice(0, 2), NextToken: 'bogus' })),
    ).rejects.toMatchObject({
      name: 'InvalidNextToken',
    });
  });

  test('the admin switch answers PartialData with a NextToken to the rest', async () => {
    const res = await fetch(`${gw.url}/_world/cloudwatch/partialData`, { method: 'POST', body: JSON.stringify({ count: 1 }) });
    expect(res.status).toBe(200);
    const input = {
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 3 * MINUTE),
      MetricDataQueries: [q('e', 'Errors', 'Sum')],
      ScanBy: 'TimestampAscending' as const,
    };
    const first = await client.send(new GetMetricDataCommand(input));
    expect(first.MetricDataResults![0]).toMatchObject({ StatusCode: 'PartialData', Values: [1, 2] });
    expect(first.NextToken).toBeDefined();
    const second = await client.send(new GetMetricDataCommand({ ...input, NextToken: first.NextToken }));
    expect(second.MetricDataResults![0]).toMatchObject({ StatusCode: 'Complete', Values: [3] });
    expect(second.NextToken).toBeUndefined();
  });

  test('validation errors as CloudWatch gives them, on both protocols', async () => {
    const dup = JSON.stringify([q('a', 'Errors', 'Sum'), q('a', 'Errors', 'Sum')]);
    expect(
      await awsError('get-metric-data', '--metric-data-queries', dup, '--start-time', iso(T0), '--end-time', iso(T0 + MINUTE)),
    ).toMatch(/\(ValidationError\).*not unique/);
    expect(
      await awsError(
        ...['get-metric-statistics', '--namespace', NS, '--metric-name', 'Errors', '--start-time', iso(T0), '--end-time', iso(T0 + MINUTE)],
        ...['--period', '61', '--statistics', 'Sum'],
      ),
    ).toMatch(/\(InvalidParameterValue\).*Period must be a multiple of 60/);
    const base = { StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE) };
    await expect(
      client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: [q('a', 'Errors', 'Sum', 45)] })),
    ).rejects.toMatchObject({ name: 'ValidationException', Code: 'ValidationError' });
    await expect(client.send(new GetMetricDataCommand({ ...base, MetricDataQueries: [q('A', 'Errors', 'Sum')] }))).rejects.toMatchObject({
      name: 'ValidationException',
      Code: 'ValidationError',
    });
    await expect(
      client.send(
        new GetMetricDataCommand({ StartTime: base.EndTime, EndTime: base.StartTime, MetricDataQueries: [q('a', 'Errors', 'Sum')] }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      Code: 'ValidationError',
    });
    await expect(
      client.send(new PutMetricDataCommand({ Namespace: NS, MetricData: [{ MetricName: 'X', Values: [1, 2], Counts: [1] }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(
      client.send(new PutMetricDataCommand({ Namespace: 'AWS/SageMaker', MetricData: [{ MetricName: 'X', Value: 1 }] })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await expect(
      client.send(
        new GetMetricStatisticsCommand({
          ...metric('Errors'),
          StartTime: new Date(T0),
          EndTime: new Date(T0 + 2 * 86_400_000),
          Period: 60,
          Statistics: ['Sum'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });
  });

  test('the MetricSink publishes what GetMetricData then reads', async () => {
    const t = Math.floor(cw.now() / MINUTE) * MINUTE;
    for (const v of [5, 15, 25, 35])
      cw.put('AWS/SageMaker', 'ModelLatency', [{ Name: 'EndpointName', Value: 'sink' }], v, 'Microseconds', new Date(t + 1000));
    const out = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(t),
        EndTime: new Date(t + MINUTE),
        MetricDataQueries: [
          {
            Id: 'p',
            MetricStat: {
              Metric: { Namespace: 'AWS/SageMaker', MetricName: 'ModelLatency', Dimensions: [{ Name: 'EndpointName', Value: 'sink' }] },
              Period: 60,
              Stat: 'p75',
              Unit: 'Microseconds',
            },
          },
        ],
      }),
    );
    expect(out.MetricDataResults![0]!.Values).toEqual([25]);
  });
});
