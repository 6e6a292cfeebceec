import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { World } from '@mlops-actions/testbed';
import { runBundle, type BundleRun } from './run-bundle.js';

export const MINUTE = 60_000;

const credentials = (world: World) => ({ accessKeyId: world.env.AWS_ACCESS_KEY_ID!, secretAccessKey: world.env.AWS_SECRET_ACCESS_KEY! });

export const cloudWatch = (world: World): CloudWatchClient =>
  new CloudWatchClient({
    region: world.env.AWS_REGION!,
    endpoint: world.env.AWS_ENDPOINT_URL_CLOUDWATCH!,
    credentials: credentials(world),
  });

export interface ModelMetrics {
  prAuc?: number;
  f1?: number;
  /** How many 10-minute heartbeats in the last 24 h (144 is healthy). */
  heartbeats?: number;
  psi?: number;
}

/** The model's own metrics (Bikeshare/Model), through PutMetricData, spread over the last 24 h before the delay. */
export async function putModelMetrics(world: World, endpoint: string, city: string, m: ModelMetrics = {}): Promise<void> {
  const now = Date.now();
  const dims = [
    { Name: 'EndpointName', Value: endpoint },
    { Name: 'City', Value: city },
  ];
  const at = (minutesAgo: number): Date => new Date(now - (3 + minutesAgo) * MINUTE);
  const data: MetricDatum[] = [];
  for (let h = 0; h < 24; h++) {
    data.push({ MetricName: 'PR-AUC-24h', Dimensions: dims, Value: m.prAuc ?? 0.78, Timestamp: at(h * 60) });
    data.push({ MetricName: 'F1-24h', Dimensions: dims, Value: m.f1 ?? 0.62, Timestamp: at(h * 60) });
    data.push({ MetricName: 'PSI', Dimensions: dims, Value: h === 5 ? (m.psi ?? 0.08) : 0.05, Timestamp: at(h * 60) });
  }
  for (let k = 0; k < (m.heartbeats ?? 144); k++)
    data.push({ MetricName: 'PredictionHeartbeat', Dimensions: dims, Value: 1, Unit: 'Count', Timestamp: at(k * 10) });
  const client = cloudWatch(world);
  for (let i = 0; i < data.length; i += 500)
    await client.send(new PutMetricDataCommand({ Namespace: 'Bikeshare/Model', MetricData: data.slice(i, i + 500) }));
  client.destroy();
}

/**
 * SageMaker's own metrics for `count` invocations spread over the last 20 hours, written straight into the world's
 * CloudWatch (PutMetricData refuses AWS/ namespaces, as CloudWatch does). `latencyMs(i)` is the i-th latency.
 */
export function putInvocations(
  world: World,
  endpoint: string,
  variant: string,
  count: number,
  latencyMs: (i: number) => number,
  errors = 0,
): void {
  const now = Date.now();
  const dims = [
    { Name: 'EndpointName', Value: endpoint },
    { Name: 'VariantName', Value: variant },
  ];
  for (let i = 0; i < count; i++) {
    const t = new Date(now - 5 * MINUTE - Math.floor((i * 20 * 60 * MINUTE) / count));
    world.cloudwatch.put('AWS/SageMaker', 'Invocations', dims, 1, 'None', t);
    world.cloudwatch.put('AWS/SageMaker', 'Invocation5XXErrors', dims, i < errors ? 1 : 0, 'None', t);
    world.cloudwatch.put('AWS/SageMaker', 'ModelLatency', dims, latencyMs(i) * 1000, 'Microseconds', t);
  }
}

export async function admin(world: World, route: string, body: unknown, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${world.adminUrl}/${route}`, { method, body: method === 'GET' ? undefined : JSON.stringify(body) });
  return res.json();
}

/** GetMetricData requests the world answered since the last call (the log is cleared each time). */
export async function takeGetMetricData(world: World): Promise<{ status: number }[]> {
  const log = (await admin(world, 'requests', undefined, 'GET')) as { service: string; operation: string; status: number }[];
  await admin(world, 'requests', {}, 'DELETE');
  return log.filter((r) => r.service === 'cloudwatch' && r.operation === 'GetMetricData');
}

export interface GateRun extends BundleRun {
  readonly report: any;
}

/** Runs the committed check-gate bundle in a fresh workspace holding `files`, against the world. */
export async function runCheckGate(
  world: World,
  inputs: Record<string, string>,
  files: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<GateRun> {
  const dir = mkdtempSync(join(tmpdir(), 'gate-ws-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const run = await runBundle('actions/check-gate', inputs, { ...world.env, GITHUB_WORKSPACE: dir, ...env }, { cwd: dir });
    const path = run.outputs.report;
    return { ...run, report: path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A waivers file with one waiver. */
export const waiverFile = (check: string, endpoint: string, expires: string, extra = ''): string =>
  `waivers:\n  - check: ${check}\n    endpoint: ${endpoint}\n    reason: Drift from the new station network, reviewed in PR 42\n    approver: '@ml-lead'\n    expires: '${expires}'\n${extra}`;

export const isoDate = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
