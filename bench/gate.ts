// check-gate's CloudWatch cost: 10 checks over 24 h of 1-minute data, the gate's batched one-period queries
// against a naive evaluation that makes one GetMetricData call per check at a 60 s period and reduces client-side.
// Run: npx tsx bench/gate.ts
import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { loadGate } from '@mlops-actions/gate';
import { cloudWatchClient, runGate } from '@mlops-actions/gate/run';
import { startWorld, type World } from '@mlops-actions/testbed';

const MINUTE = 60_000;
const RUNS = 5;
const silent = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: <T>(_t: string, w: () => Promise<T>) => w(),
};

function seed(world: World, now: number): void {
  const dims = [{ Name: 'EndpointName', Value: 'bench' }];
  const smDims = [...dims, { Name: 'VariantName', Value: 'AllTraffic' }];
  for (let m = 3; m < 3 + 24 * 60; m++) {
    const t = new Date(now - m * MINUTE);
    for (let k = 0; k < 9; k++) world.cloudwatch.put('Bench/Model', `metric-${k}`, dims, 0.8 + 0.01 * Math.sin(m + k), 'None', t);
    // 10 invocations a minute; one slow minute an hour, so a true daily p95 and a mean of per-minute p95s differ.
    for (let i = 0; i < 10; i++)
      world.cloudwatch.put('AWS/SageMaker', 'ModelLatency', smDims, (m % 60 === 0 ? 400 : 60 + i) * 1000, 'Microseconds', t);
  }
}

const GATE = `window: 24h
checks:
${Array.from({ length: 9 }, (_, k) => `  - { id: m${k}, source: cloudwatch, namespace: Bench/Model, metric: metric-${k}, dimensions: { EndpointName: bench }, stat: Average, op: '>=', fail: 0.7 }`).join('\n')}
  - { id: latency, source: cloudwatch, namespace: AWS/SageMaker, metric: ModelLatency, dimensions: { EndpointName: bench, VariantName: AllTraffic }, stat: p95, metric-unit: us, unit: ms, op: '<=', fail: 200 }
`;

async function gateOnce(client: CloudWatchClient, now: number): Promise<{ ms: number; calls: number; latency: number }> {
  const gate = loadGate(GATE, 'bench', { vars: {} });
  const t0 = performance.now();
  const report = await runGate({ gate, waivers: [], scope: {}, failOnWarn: false, now }, { cloudwatch: client }, silent);
  const ms = performance.now() - t0;
  if (report.verdict !== 'pass') throw new Error(`bench gate did not pass: ${JSON.stringify(report.checks.map((c) => c.reason))}`);
  return { ms, calls: report.calls.getMetricData, latency: report.checks.find((c) => c.id === 'latency')!.value! };
}

/** One call per check at a 60 s period, reduced locally: the mean of per-minute statistics. */
async function naiveOnce(client: CloudWatchClient, now: number): Promise<{ ms: number; calls: number; latency: number }> {
  const end = Math.floor((now - 2 * MINUTE) / MINUTE) * MINUTE;
  const metrics = [
    ...Array.from({ length: 9 }, (_, k) => ({
      ns: 'Bench/Model',
      name: `metric-${k}`,
      dims: [{ Name: 'EndpointName', Value: 'bench' }],
      stat: 'Average',
    })),
    {
      ns: 'AWS/SageMaker',
      name: 'ModelLatency',
      dims: [
        { Name: 'EndpointName', Value: 'bench' },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ],
      stat: 'p95',
    },
  ];
  const t0 = performance.now();
  let calls = 0;
  let latency = 0;
  for (const m of metrics) {
    let token: string | undefined;
    const values: number[] = [];
    do {
      const page = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: [
            { Id: 'm', MetricStat: { Metric: { Namespace: m.ns, MetricName: m.name, Dimensions: m.dims }, Period: 60, Stat: m.stat } },
          ],
          StartTime: new Date(end - 86_400_000),
          EndTime: new Date(end),
          NextToken: token,
        }),
      );
      calls++;
      values.push(...(page.MetricDataResults?.[0]?.Values ?? []));
      token = page.NextToken;
    } while (token);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (m.name === 'ModelLatency') latency = mean / 1000;
  }
  return { ms: performance.now() - t0, calls, latency };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const world = await startWorld({ s3: false, registry: false, mlflow: false });
try {
  for (const [k, v] of Object.entries(world.env)) process.env[k] = v;
  const now = Date.now();
  seed(world, now);
  const client = cloudWatchClient(world.env.AWS_REGION);
  await gateOnce(client, now); // warm both paths (SDK loading, first connection)
  await naiveOnce(client, now);
  const gate: Awaited<ReturnType<typeof gateOnce>>[] = [];
  const naive: Awaited<ReturnType<typeof naiveOnce>>[] = [];
  for (let i = 0; i < RUNS; i++) {
    gate.push(await gateOnce(client, now));
    naive.push(await naiveOnce(client, now));
  }
  const g = { ms: median(gate.map((r) => r.ms)), calls: gate[0]!.calls, latency: gate[0]!.latency };
  const n = { ms: median(naive.map((r) => r.ms)), calls: naive[0]!.calls, latency: naive[0]!.latency };
  console.log(`10 checks, 24 h of 1-minute data (${24 * 60 * 9 + 24 * 60 * 10} datapoints), median of ${RUNS} runs`);
  console.log(`gate : ${g.calls} GetMetricData call(s), ${g.ms.toFixed(0)} ms, daily p95 latency ${g.latency.toFixed(1)} ms`);
  console.log(`naive: ${n.calls} GetMetricData call(s), ${n.ms.toFixed(0)} ms, mean of per-minute p95s ${n.latency.toFixed(1)} ms`);
  console.log(
    `ratio: calls ${(n.calls / g.calls).toFixed(1)}x fewer, wall time ${(n.ms / g.ms).toFixed(2)}x faster (gate ${g.ms < 2000 ? 'under' : 'OVER'} the 2 s budget)`,
  );
  client.destroy();
} finally {
  await world.stop();
}
