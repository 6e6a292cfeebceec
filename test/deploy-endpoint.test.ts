import { startWorld, type World } from '@mlops-actions/testbed';
import { awsCli } from '../packages/testbed/test/support/aws-cli.js';
import { runBundle } from './support/run-bundle.js';

/** deploy-endpoint's bundle, run as GitHub runs it, against the local world; state checked with the AWS CLI. */
describe('deploy-endpoint against the local world', () => {
  let world: World;
  const account = '012345678901';
  const role = `arn:aws:iam::${account}:role/sagemaker-exec`;
  const image = (tag: string) => `${account}.dkr.ecr.us-east-1.amazonaws.com/mlflow-pyfunc:${tag}`;
  const base = (endpoint: string, tag: string, extra: Record<string, string> = {}) => ({
    'endpoint-name': endpoint,
    'image-uri': image(tag),
    'model-data-url': `s3://models-bucket/bikeshare/v1-${tag}/model.tar.gz`,
    'role-arn': role,
    'poll-seconds': '0.2',
    'wait-interval-seconds': '1',
    'timeout-minutes': '1',
    ...extra,
  });
  const deploy = (inputs: Record<string, string>) =>
    runBundle('actions/deploy-endpoint', inputs, {
      ...world.env,
      GITHUB_SHA: 'abc123',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'org/ml',
      GITHUB_RUN_ID: '42',
    });
  const sm = (args: string[]) => awsCli(world.env, world.env.AWS_ENDPOINT_URL_SAGEMAKER!, ['sagemaker', ...args]);
  const admin = (route: string, body: unknown) => fetch(`${world.adminUrl}/${route}`, { method: 'POST', body: JSON.stringify(body) });
  const requests = async () => (await (await fetch(`${world.adminUrl}/requests`)).json()) as { service: string; operation: string }[];
  const clearRequests = () => fetch(`${world.adminUrl}/requests`, { method: 'DELETE' });

  beforeAll(async () => {
    world = await startWorld({ s3: false, registry: false, mlflow: false });
    await admin('sagemaker/delays', { createMs: 400, updateMs: 400, weightsMs: 200, deleteMs: 100 });
  });
  afterAll(() => world.stop());

  it('creates the endpoint, records lineage, and reports what serves', async () => {
    const run = await deploy(base('bikeshare-staging', 'a'));
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['previous-endpoint-config-name']).toBe('');
    const d = (await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-staging'])).json;
    expect(d.EndpointStatus).toBe('InService');
    expect(d.EndpointConfigName).toBe(run.outputs['endpoint-config-name']);
    expect(run.outputs['endpoint-arn']).toBe(d.EndpointArn);
    const config = (await sm(['describe-endpoint-config', '--endpoint-config-name', run.outputs['endpoint-config-name']!])).json;
    const tags = (await sm(['list-tags', '--resource-arn', config.EndpointConfigArn])).json.Tags;
    expect(tags).toEqual(
      expect.arrayContaining([
        { Key: 'mlops:image-uri', Value: image('a') },
        { Key: 'mlops:git-commit', Value: 'abc123' },
        { Key: 'mlops:workflow-run', Value: 'https://github.com/org/ml/actions/runs/42' },
      ]),
    );
    expect(run.summary).toContain('bikeshare-staging — succeeded');
    expect(run.summary).toContain('console.aws.amazon.com/sagemaker');
  });

  it('re-running the same deployment changes nothing', async () => {
    await clearRequests();
    const run = await deploy(base('bikeshare-staging', 'a'));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    const writes = (await requests()).filter((r) => /^(Create|Update|Delete|AddTags)/.test(r.operation));
    expect(writes).toEqual([]);
  });

  it('a dry run prints the plan and the diff and changes nothing', async () => {
    await clearRequests();
    const run = await deploy(base('bikeshare-staging', 'b', { 'dry-run': 'true', strategy: 'canary' }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('planned');
    const plan = JSON.parse(run.outputs.plan!);
    expect(plan.action).toBe('update');
    expect(plan.deploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type).toBe('CANARY');
    expect(run.summary).toContain('Before → after');
    const writes = (await requests()).filter((r) => !/^(Describe|List)/.test(r.operation));
    expect(writes).toEqual([]);
  });

  it('updates with a canary shift, keeping the previous config as the rollback target', async () => {
    const before = (await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-staging'])).json.EndpointConfigName;
    const run = await deploy(base('bikeshare-staging', 'b', { strategy: 'canary', 'canary-percent': '10' }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['previous-endpoint-config-name']).toBe(before);
    expect(run.stdout).toMatch(/Shifting 10% of traffic/);
    const d = (await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-staging'])).json;
    expect(d.EndpointConfigName).toBe(run.outputs['endpoint-config-name']);
    expect(d.LastDeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value).toBe(10);
    const tags = (await sm(['list-tags', '--resource-arn', d.EndpointArn])).json.Tags;
    expect(tags).toContainEqual({ Key: 'mlops:previous-config', Value: before });
  });

  it('fails, with outputs, when SageMaker rolls the update back on an alarm: the old config still serves', async () => {
    const cw = (args: string[]) => awsCli(world.env, world.env.AWS_ENDPOINT_URL_CLOUDWATCH!, ['cloudwatch', ...args]);
    await cw([
      'put-metric-alarm',
      '--alarm-name',
      'staging-errors',
      '--namespace',
      'Bikeshare/Model',
      '--metric-name',
      'Errors',
      '--statistic',
      'Sum',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
      '--threshold',
      '1',
      '--comparison-operator',
      'GreaterThanOrEqualToThreshold',
      // A minute boundary during the test must not turn the alarm back to INSUFFICIENT_DATA.
      '--treat-missing-data',
      'breaching',
    ]);
    await cw(['put-metric-data', '--namespace', 'Bikeshare/Model', '--metric-name', 'Errors', '--value', '3']);
    for (
      let i = 0;
      i < 100 && (await cw(['describe-alarms', '--alarm-names', 'staging-errors'])).json.MetricAlarms[0].StateValue !== 'ALARM';
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const serving = (await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-staging'])).json.EndpointConfigName;
    const run = await deploy(
      base('bikeshare-staging', 'c', { strategy: 'linear', 'linear-step-percent': '50', 'rollback-alarms': 'staging-errors' }),
    );
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.stdout).toContain(`::error::deploy-endpoint: SageMaker rolled the update back; ${serving} still serves`);
    expect((await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-staging'])).json.EndpointConfigName).toBe(serving);
    await cw(['delete-alarms', '--alarm-names', 'staging-errors']);
  });

  it('refuses rollback alarms that do not exist, before changing anything', async () => {
    await clearRequests();
    const run = await deploy(base('bikeshare-staging', 'd', { 'rollback-alarms': 'no-such-alarm' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::deploy-endpoint: input 'rollback-alarms' = "no-such-alarm": must name existing CloudWatch alarms`,
    );
    expect((await requests()).filter((r) => /^(Create|Update)/.test(r.operation))).toEqual([]);
  });

  it('fails when the new containers fail their health check (SageMaker keeps the old config)', async () => {
    await admin('sagemaker/health', { image: image('sick'), healthy: false });
    const run = await deploy(base('bikeshare-staging', 'sick'));
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.stdout).toContain('did not pass the ping health check');
  });

  it('waits for an update already in progress instead of failing, then deploys', async () => {
    // Hold the endpoint's transitions so the first update is certainly in progress when the second deployment starts.
    await admin('sagemaker/hold', { endpoint: 'bikeshare-staging', hold: true });
    const first = deploy(base('bikeshare-staging', 'e'));
    for (
      let i = 0;
      i < 200 && (await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-staging'])).json.EndpointStatus !== 'Updating';
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const second = deploy(base('bikeshare-staging', 'f'));
    await new Promise((r) => setTimeout(r, 1500));
    await admin('sagemaker/hold', { endpoint: 'bikeshare-staging', hold: false });
    const [firstRun, secondRun] = await Promise.all([first, second]);
    // The first deployment either finished before the second began, or was replaced by it — and says which.
    expect(['succeeded', 'superseded']).toContain(firstRun.outputs.status);
    expect(secondRun.code).toBe(0);
    expect(secondRun.stdout).toContain('waiting for the change in progress');
    expect((await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-staging'])).json.EndpointConfigName).toBe(
      secondRun.outputs['endpoint-config-name'],
    );
  });

  it('stops at the timeout and says in which state it left the endpoint', async () => {
    await admin('sagemaker/delays', { updateMs: 30_000 });
    const run = await deploy(base('bikeshare-staging', 'g', { 'timeout-minutes': '0.03' }));
    await admin('sagemaker/delays', { updateMs: 400 });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    expect(run.stdout).toContain('the endpoint was left Updating');
  });

  it('survives a throttling storm', async () => {
    await admin('faults', { service: 'sagemaker', throttleCount: 4 });
    const run = await deploy(base('bikeshare-throttled', 'a'));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
  });

  it('puts an A/B candidate beside the baseline with the requested split', async () => {
    const run = await deploy(base('bikeshare-throttled', 'ab', { strategy: 'ab', 'candidate-weight': '20' }));
    expect(run.code).toBe(0);
    expect(run.outputs['variant-names']).toBe('AllTraffic,Candidate');
    const d = (await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-throttled'])).json;
    expect(d.ProductionVariants.map((v: any) => [v.VariantName, v.CurrentWeight])).toEqual([
      ['AllTraffic', 0.8],
      ['Candidate', 0.2],
    ]);
  });

  it('cleans up old configs but keeps the current one and the rollback target', async () => {
    for (const tag of ['k1', 'k2', 'k3']) expect((await deploy(base('bikeshare-keep', tag, { 'keep-configs': '1' }))).code).toBe(0);
    const last = await deploy(base('bikeshare-keep', 'k4', { 'keep-configs': '1' }));
    expect(last.code).toBe(0);
    const configs = (await sm(['list-endpoint-configs', '--name-contains', 'bikeshare-keep'])).json.EndpointConfigs.map(
      (c: any) => c.EndpointConfigName,
    );
    expect(configs.sort()).toEqual([last.outputs['endpoint-config-name'], last.outputs['previous-endpoint-config-name']].sort());
  });

  it('registers autoscaling on the variant', async () => {
    const run = await deploy(
      base('bikeshare-scaled', 'a', { 'autoscaling-min': '1', 'autoscaling-max': '3', 'autoscaling-target-invocations': '50' }),
    );
    expect(run.code).toBe(0);
    const targets = await awsCli(world.env, world.env.AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING!, [
      'application-autoscaling',
      'describe-scalable-targets',
      '--service-namespace',
      'sagemaker',
    ]);
    expect(targets.json.ScalableTargets).toContainEqual(
      expect.objectContaining({ ResourceId: 'endpoint/bikeshare-scaled/variant/AllTraffic', MinCapacity: 1, MaxCapacity: 3 }),
    );
  });

  it('changes the instance type of a scaled variant: deregisters, updates, registers again with the same bounds', async () => {
    const run = await deploy(base('bikeshare-scaled', 'a', { 'instance-type': 'ml.c5.xlarge' }));
    expect(run.stdout).not.toContain('::error::');
    expect(run.stdout).toContain('autoscaling: deregistered endpoint/bikeshare-scaled/variant/AllTraffic');
    const targets = await awsCli(world.env, world.env.AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING!, [
      'application-autoscaling',
      'describe-scalable-targets',
      '--service-namespace',
      'sagemaker',
    ]);
    expect(targets.json.ScalableTargets).toContainEqual(
      expect.objectContaining({ ResourceId: 'endpoint/bikeshare-scaled/variant/AllTraffic', MinCapacity: 1, MaxCapacity: 3 }),
    );
  });

  it('a Failed endpoint gets a clear way out instead of a blind retry', async () => {
    await admin('sagemaker/fail-next', { operation: 'CreateEndpoint', reason: 'Image pull failed.' });
    const created = await deploy(base('bikeshare-broken', 'a'));
    expect(created.code).toBe(1);
    expect(created.outputs.status).toBe('failed');
    const again = await deploy(base('bikeshare-broken', 'b'));
    expect(again.stdout).toContain('is Failed (Image pull failed.); SageMaker only allows deleting it. Run the rollback action');
  });

  it('rejects bad inputs one line each, with no AWS call', async () => {
    await clearRequests();
    const run = await deploy({
      'endpoint-name': 'Bike_Share',
      'image-uri': image('a'),
      'role-arn': 'arn:aws:iam::1:user/x',
      'canary-percent': '150',
      'serverless-memory-mb': '1000',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::deploy-endpoint: input 'endpoint-name' = "Bike_Share": must match ^[a-zA-Z0-9](-*[a-zA-Z0-9])* and be at most 63 characters`,
    );
    expect(run.stdout).toContain(`::error::deploy-endpoint: input 'role-arn' = "arn:aws:iam::1:user/x": must be an IAM role ARN`);
    expect(run.stdout).toContain(`::error::deploy-endpoint: input 'canary-percent' = "150": must be a whole number between 1 and 99`);
    expect(run.stdout).toContain(`::error::deploy-endpoint: input 'serverless-memory-mb' = "1000": must be one of 1024, 2048`);
    const ab = await deploy(base('no-such-endpoint', 'a', { strategy: 'ab' }));
    expect(ab.stdout).toContain(`input 'strategy' = "ab": needs an existing endpoint 'no-such-endpoint'`);
    const conflict = await deploy(
      base('x', 'a', { 'serverless-memory-mb': '2048', 'serverless-max-concurrency': '5', 'instance-type': 'ml.m5.large' }),
    );
    expect(conflict.stdout).toContain(`input 'serverless-memory-mb' = "2048": cannot be combined with instance-type`);
    expect((await requests()).filter((r) => !/^(Describe|List)/.test(r.operation))).toEqual([]);
  });
});
