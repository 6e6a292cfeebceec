import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { startWorld, type World } from '@mlops-actions/testbed';
import { REPO_ROOT } from './support/repo.js';
import {
  admin,
  isoDate,
  MINUTE,
  putInvocations,
  putModelMetrics,
  runCheckGate,
  takeGetMetricData,
  waiverFile,
} from './support/gate-world.js';

/** check-gate's bundle against the world's CloudWatch: the reference admission gate and each way it can fail. */
const ADMISSION = readFileSync(join(REPO_ROOT, 'workflows-examples/gates/admission.yml'), 'utf8');
const files = { 'gates/admission.yml': ADMISSION };
const inputs = (endpoint: string, more: Record<string, string> = {}) => ({
  gate: 'gates/admission.yml',
  'endpoint-name': endpoint,
  vars: 'city=nyc',
  ...more,
});

/** A healthy endpoint's day: model metrics and 120 invocations at 80 ms. */
async function healthy(world: World, endpoint: string, metrics = {}, latency: (i: number) => number = () => 80, errors = 0): Promise<void> {
  await putModelMetrics(world, endpoint, 'nyc', metrics);
  putInvocations(world, endpoint, 'AllTraffic', 120, latency, errors);
}

describe('check-gate against the local CloudWatch', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ timeScale: 0.05, s3: false, registry: false, mlflow: false });
  });
  afterAll(() => world?.stop());
  afterEach(async () => {
    await admin(world, 'faults', { service: 'cloudwatch', reset: true });
    await admin(world, 'cloudwatch/partialData', { count: 0 });
  });

  it('passes the reference gate on data from the SageMaker runtime and PutMetricData, in one GetMetricData call, ms against µs', async () => {
    const env = world.env;
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
    const sm = new SageMakerClient({ region: env.AWS_REGION!, endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER!, credentials });
    const rt = new SageMakerRuntimeClient({ region: env.AWS_REGION!, endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME!, credentials });
    const role = 'arn:aws:iam::012345678901:role/sm-exec';
    await sm.send(
      new CreateModelCommand({
        ModelName: 'bike-m',
        ExecutionRoleArn: role,
        PrimaryContainer: { Image: '1.dkr.ecr.us-east-1.amazonaws.com/b:1' },
      }),
    );
    await sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'bike-c',
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'bike-m', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' }],
      }),
    );
    await sm.send(new CreateEndpointCommand({ EndpointName: 'bikeshare-staging', EndpointConfigName: 'bike-c' }));
    for (
      let i = 0;
      (await sm.send(new DescribeEndpointCommand({ EndpointName: 'bikeshare-staging' }))).EndpointStatus !== 'InService';
      i++
    ) {
      if (i > 200) throw new Error('endpoint never InService');
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin(world, 'sagemaker-runtime/response', { endpoint: 'bikeshare-staging', latencyMs: 120 });
    // The runtime publishes at CloudWatch's "now": put it 10 minutes back so the data falls before the 2-minute delay.
    await admin(world, 'cloudwatch/clock', { offsetMs: -10 * MINUTE });
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          rt.send(new InvokeEndpointCommand({ EndpointName: 'bikeshare-staging', Body: '{"x":1}', ContentType: 'application/json' })),
        ),
      );
    }
    await admin(world, 'cloudwatch/clock', { offsetMs: 0 });
    await putModelMetrics(world, 'bikeshare-staging', 'nyc');
    await takeGetMetricData(world);

    const run = await runCheckGate(world, inputs('bikeshare-staging'), files);
    expect(run.stderr).not.toContain('check-gate');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', verdict: 'pass', 'failed-checks': '', 'warned-checks': '', 'waived-checks': '' });
    const byId = Object.fromEntries(run.report.checks.map((c: any) => [c.id, c]));
    expect(Object.values(byId).map((c: any) => c.status)).toEqual(Array(6).fill('pass'));
    expect(byId['latency-p95']).toMatchObject({ value: 120, unit: 'Milliseconds', samples: 120 });
    expect(byId['heartbeat']).toMatchObject({ value: 144, samples: 144 });
    expect(byId['latency-p95'].window.seconds).toBe(86_400);
    expect(run.report.calls).toMatchObject({ getMetricData: 1, pages: 0 });
    expect(await takeGetMetricData(world)).toHaveLength(1);
    expect(run.summary.indexOf('PASS')).toBeLessThan(run.summary.indexOf('| Check |'));
    sm.destroy();
    rt.destroy();
  });

  it.each([
    ['pr-auc', { prAuc: 0.65 }, undefined, 0],
    ['f1', { f1: 0.5 }, undefined, 0],
    // 8 of 120 invocations at 900 ms: the day's p95 is 900 ms although the average (133 ms) would pass.
    ['latency-p95', {}, (i: number) => (i % 15 === 0 ? 900 : 80), 0],
    ['errors-5xx', {}, undefined, 1],
    ['heartbeat', { heartbeats: 140 }, undefined, 0],
  ] as const)('fails on %s alone', async (id, metrics, latency, errors) => {
    const endpoint = `ep-${id}`;
    await healthy(world, endpoint, metrics, latency, errors);
    const run = await runCheckGate(world, inputs(endpoint), files);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', verdict: 'fail', 'failed-checks': id });
    expect(run.report.checks.filter((c: any) => c.status !== 'pass').map((c: any) => [c.id, c.status])).toEqual([[id, 'fail']]);
    expect(run.stdout).toContain(`::error::${id}: fail`);
    expect(run.summary).toContain('```mermaid');
  });

  it('warns on PSI above 0.20 (passing, annotated), fails it with fail-on-warn, and waives it with a waiver', async () => {
    await healthy(world, 'ep-psi', { psi: 0.27 });
    const warned = await runCheckGate(world, inputs('ep-psi'), files);
    expect(warned.code).toBe(0);
    expect(warned.outputs).toMatchObject({ passed: 'true', verdict: 'warn', 'warned-checks': 'psi' });
    expect(warned.stdout).toContain('::warning::psi: warn');

    const strict = await runCheckGate(world, inputs('ep-psi', { 'fail-on-warn': 'true' }), files);
    expect(strict.code).toBe(1);
    expect(strict.outputs).toMatchObject({ passed: 'false', verdict: 'fail', 'warned-checks': 'psi' });

    const waivers = { '.github/gate-waivers.yml': waiverFile('psi', 'ep-psi', isoDate(10)) };
    const waived = await runCheckGate(world, inputs('ep-psi', { 'fail-on-warn': 'true' }), { ...files, ...waivers });
    expect(waived.code).toBe(0);
    expect(waived.outputs).toMatchObject({ passed: 'true', verdict: 'pass', 'waived-checks': 'psi' });
    expect(waived.report.waivers).toEqual([expect.objectContaining({ check: 'psi', approver: '@ml-lead', state: 'used' })]);
    expect(waived.summary).toContain('### Waivers');
  });

  it('reports an expired waiver and does not apply it; a waiver in force turns a fail into waived', async () => {
    await healthy(world, 'ep-waive', { prAuc: 0.6 });
    const expired = await runCheckGate(world, inputs('ep-waive'), {
      ...files,
      '.github/gate-waivers.yml': waiverFile('pr-auc', 'ep-waive', isoDate(-2)),
    });
    expect(expired.code).toBe(1);
    expect(expired.outputs['failed-checks']).toBe('pr-auc');
    expect(expired.report.waivers).toEqual([expect.objectContaining({ check: 'pr-auc', state: 'expired' })]);
    expect(expired.stdout).toMatch(/::warning::waiver for pr-auc on ep-waive \(line 2\) expired/);

    const other = waiverFile('pr-auc', 'some-other-endpoint', isoDate(5));
    const outOfScope = await runCheckGate(world, inputs('ep-waive'), { ...files, '.github/gate-waivers.yml': other });
    expect(outOfScope.outputs.verdict).toBe('fail');

    const active = await runCheckGate(world, inputs('ep-waive'), {
      ...files,
      '.github/gate-waivers.yml': waiverFile('pr-auc', 'ep-waive', isoDate(5)),
    });
    expect(active.code).toBe(0);
    expect(active.outputs).toMatchObject({ verdict: 'pass', 'waived-checks': 'pr-auc' });
    expect(active.report.checks.find((c: any) => c.id === 'pr-auc')).toMatchObject({
      status: 'waived',
      waivedBy: { approver: '@ml-lead' },
    });
  });

  it('fails when there is no traffic: every check no_data, never pass', async () => {
    const run = await runCheckGate(world, inputs('ep-silent'), files);
    expect(run.code).toBe(1);
    expect(run.report.checks.map((c: any) => c.status)).toEqual(Array(6).fill('no_data'));
    expect(run.outputs['failed-checks']).toBe('pr-auc,f1,latency-p95,errors-5xx,heartbeat,psi');
    expect(run.report.checks[0].reason).toContain('no datapoints');
  });

  it('follows NextToken through PartialData pages, and fails closed when the data stays partial', async () => {
    await healthy(world, 'ep-partial');
    await admin(world, 'cloudwatch/partialData', { count: 1 });
    await takeGetMetricData(world);
    const paged = await runCheckGate(world, inputs('ep-partial'), files);
    expect(paged.outputs.verdict).toBe('pass');
    expect(paged.report.calls).toMatchObject({ getMetricData: 2, pages: 1, partialDataPages: 1 });
    expect(await takeGetMetricData(world)).toHaveLength(2);

    await admin(world, 'cloudwatch/partialData', { count: 10_000 });
    const partial = await runCheckGate(world, inputs('ep-partial'), files);
    expect(partial.code).toBe(1);
    expect(partial.report.checks.every((c: any) => c.status === 'error')).toBe(true);
    expect(partial.report.checks[0].reason).toContain('PartialData');
  });

  it('backs off through throttling, and fails closed when throttling does not stop', async () => {
    await healthy(world, 'ep-throttle');
    await takeGetMetricData(world);
    await admin(world, 'faults', { service: 'cloudwatch', throttleCount: 3, operation: 'GetMetricData' });
    const run = await runCheckGate(world, inputs('ep-throttle'), files);
    expect(run.outputs.verdict).toBe('pass');
    expect((await takeGetMetricData(world)).map((r) => r.status)).toEqual([400, 400, 400, 200]);

    await admin(world, 'faults', { service: 'cloudwatch', throttleCount: 1000, operation: 'GetMetricData' });
    const stuck = await runCheckGate(world, inputs('ep-throttle'), files, { AWS_MAX_ATTEMPTS: '2' });
    expect(stuck.code).toBe(1);
    expect(stuck.report.checks.every((c: any) => c.status === 'error')).toBe(true);
    expect(stuck.report.checks[0].reason).toContain('Throttling');
  });

  it('batches more than 500 queries into as few calls as possible', async () => {
    await putModelMetrics(world, 'ep-many', 'nyc');
    const checks = Array.from(
      { length: 200 },
      (_, i) =>
        `  - { id: auc-${i}, source: cloudwatch, namespace: Bikeshare/Model, metric: PR-AUC-24h, dimensions: { EndpointName: '\${endpoint}', City: nyc }, stat: Average, op: '>=', fail: 0.7 }`,
    );
    await takeGetMetricData(world);
    const run = await runCheckGate(
      world,
      { gate: 'many.yml', 'endpoint-name': 'ep-many' },
      { 'many.yml': `checks:\n${checks.join('\n')}\n` },
    );
    expect(run.outputs.verdict).toBe('pass');
    expect(run.report.calls).toMatchObject({ queries: 600, getMetricData: 2 });
    expect(await takeGetMetricData(world)).toHaveLength(2);
  });

  it('compares a canary with its baseline variant within a tolerance', async () => {
    putInvocations(world, 'ep-canary', 'baseline', 100, () => 100);
    putInvocations(world, 'ep-canary', 'canary', 100, () => 135);
    const gate = [
      'checks:',
      '  - id: canary-latency',
      '    source: cloudwatch',
      '    namespace: AWS/SageMaker',
      '    metric: ModelLatency',
      "    dimensions: { EndpointName: '${endpoint}', VariantName: '${variant}' }",
      '    stat: p95',
      '    metric-unit: us',
      '    unit: ms',
      "    op: '<='",
      '    compare: baseline',
      '    tolerance: 20%',
      '',
    ].join('\n');
    const base = { gate, 'endpoint-name': 'ep-canary', 'variant-name': 'canary', 'baseline-variant': 'baseline' };
    const worse = await runCheckGate(world, base);
    expect(worse.code).toBe(1);
    expect(worse.report.checks[0]).toMatchObject({ status: 'fail', value: 135, baselineValue: 100, baselineVariant: 'baseline' });
    expect(worse.report.checks[0].reason).toContain('+35%');
    const tolerant = await runCheckGate(world, { ...base, gate: gate.replace('20%', '40%') });
    expect(tolerant.report.checks[0].status).toBe('pass');
  });

  it('gives no verdict on a broken gate: one line naming the file, line and field, before any call', async () => {
    await takeGetMetricData(world);
    const broken = ADMISSION.replace('stat: p95', 'stat: p950').replace('fail: 0.55', 'fial: 0.55');
    const run = await runCheckGate(world, inputs('x'), { 'gates/admission.yml': broken });
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBeUndefined();
    expect(run.stdout).toContain(
      '::error::check-gate: input \'gate\' = "gates/admission.yml": line 36, column 11: checks[2].stat: "p950" must be a statistic',
    );
    expect(run.stdout).toMatch(/line 2\d, column 5: checks\[1\]\.fial: unknown field 'fial'/);
    expect(await takeGetMetricData(world)).toHaveLength(0);
  });
});
