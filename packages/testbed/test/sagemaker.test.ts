import { startWorld, type World } from '../src/world.js';
import { awsCli } from './support/aws-cli.js';

/** The simulated SageMaker control plane, driven by the real AWS CLI. */
describe('simulated SageMaker through the AWS CLI', () => {
  let world: World;
  let sm: (args: string[]) => ReturnType<typeof awsCli>;
  const role = 'arn:aws:iam::012345678901:role/sm-exec';

  beforeAll(async () => {
    world = await startWorld({ timeScale: 0.1, s3: false, registry: false, mlflow: false });
    sm = (args) => awsCli(world.env, world.env.AWS_ENDPOINT_URL_SAGEMAKER!, ['sagemaker', ...args]);
    await fetch(`${world.adminUrl}/sagemaker/delays`, {
      method: 'POST',
      body: JSON.stringify({ createMs: 3_000, updateMs: 3_000, weightsMs: 2_000 }),
    });
  });
  afterAll(() => world.stop());

  // In-progress states are checked while the endpoint is held, so a slow CLI call can never miss them.
  const hold = (endpoint: string, on: boolean) =>
    fetch(`${world.adminUrl}/sagemaker/hold`, { method: 'POST', body: JSON.stringify({ endpoint, hold: on }) });

  async function waitFor(endpoint: string, done: (status: string) => boolean): Promise<any> {
    for (let i = 0; i < 200; i++) {
      const d = (await sm(['describe-endpoint', '--endpoint-name', endpoint])).json;
      if (done(d.EndpointStatus)) return d;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${endpoint} never settled`);
  }

  async function modelAndConfig(
    name: string,
    image: string,
    variants = 'VariantName=AllTraffic,ModelName=' + name + ',InitialInstanceCount=1,InstanceType=ml.m5.large',
  ): Promise<void> {
    expect(
      (await sm(['create-model', '--model-name', name, '--primary-container', `Image=${image}`, '--execution-role-arn', role])).code,
    ).toBe(0);
    expect((await sm(['create-endpoint-config', '--endpoint-config-name', name, '--production-variants', variants])).code).toBe(0);
  }

  it('creates an endpoint that goes Creating -> InService, as describe-endpoint shows', async () => {
    await modelAndConfig('m-a', '1.dkr.ecr.us-east-1.amazonaws.com/x:a');
    await hold('ep-one', true);
    const created = await sm([
      'create-endpoint',
      '--endpoint-name',
      'ep-one',
      '--endpoint-config-name',
      'm-a',
      '--tags',
      'Key=team,Value=ml',
    ]);
    expect(created.json.EndpointArn).toBe('arn:aws:sagemaker:us-east-1:012345678901:endpoint/ep-one');
    expect((await sm(['describe-endpoint', '--endpoint-name', 'ep-one'])).json.EndpointStatus).toBe('Creating');
    await hold('ep-one', false);
    const d = await waitFor('ep-one', (s) => s !== 'Creating');
    expect(d.EndpointStatus).toBe('InService');
    expect(d.ProductionVariants[0]).toMatchObject({ VariantName: 'AllTraffic', CurrentWeight: 1, CurrentInstanceCount: 1 });
    expect((await sm(['list-tags', '--resource-arn', created.json.EndpointArn])).json.Tags).toEqual([{ Key: 'team', Value: 'ml' }]);
  });

  it('refuses what SageMaker refuses, with its codes and messages', async () => {
    const badName = await sm(['create-endpoint', '--endpoint-name', 'Bad_Name', '--endpoint-config-name', 'm-a']);
    expect(badName.code).not.toBe(0);
    expect(badName.stderr).toContain('ValidationException');
    expect(badName.stderr).toContain("at 'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const missing = await sm(['describe-endpoint', '--endpoint-name', 'nope']);
    expect(missing.stderr).toContain('Could not find endpoint "arn:aws:sagemaker:us-east-1:012345678901:endpoint/nope"');
    const dup = await sm(['create-endpoint', '--endpoint-name', 'ep-one', '--endpoint-config-name', 'm-a']);
    expect(dup.stderr).toContain('Cannot create already existing endpoint');
    const noModel = await sm([
      'create-endpoint-config',
      '--endpoint-config-name',
      'c-x',
      '--production-variants',
      'VariantName=A,ModelName=ghost,InitialInstanceCount=1,InstanceType=ml.m5.large',
    ]);
    expect(noModel.stderr).toContain('Could not find model');
    const inUse = await sm(['delete-endpoint-config', '--endpoint-config-name', 'm-a']);
    expect(inUse.stderr).toContain('in use by endpoint');
    const weights = await sm([
      'update-endpoint-weights-and-capacities',
      '--endpoint-name',
      'ep-one',
      '--desired-weights-and-capacities',
      'VariantName=Ghost,DesiredWeight=1',
    ]);
    expect(weights.stderr).toContain('is/are not present in the endpoint');
    const unknownOp = await sm(['list-training-jobs']);
    expect(unknownOp.stderr).toContain('does not implement sagemaker.ListTrainingJobs');
  });

  it('runs a canary blue/green update to the new config, refusing a second update meanwhile', async () => {
    await modelAndConfig('m-b', '1.dkr.ecr.us-east-1.amazonaws.com/x:b');
    const deployment = JSON.stringify({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 }, WaitIntervalInSeconds: 2 },
        TerminationWaitInSeconds: 0,
      },
    });
    await hold('ep-one', true);
    expect(
      (await sm(['update-endpoint', '--endpoint-name', 'ep-one', '--endpoint-config-name', 'm-b', '--deployment-config', deployment])).code,
    ).toBe(0);
    const busy = await sm(['update-endpoint', '--endpoint-name', 'ep-one', '--endpoint-config-name', 'm-a']);
    expect(busy.stderr).toContain('Cannot update in-progress endpoint');
    const during = (await sm(['describe-endpoint', '--endpoint-name', 'ep-one'])).json;
    expect(during.EndpointStatus).toBe('Updating');
    expect(during.PendingDeploymentSummary.EndpointConfigName).toBe('m-b');
    await hold('ep-one', false);
    const d = await waitFor('ep-one', (s) => s === 'InService');
    expect(d.EndpointConfigName).toBe('m-b');
    expect(d.LastDeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type).toBe('CANARY');
    expect(d.PendingDeploymentSummary).toBeUndefined();
  });

  it('rolls an update back when a rollback alarm goes to ALARM: InService on the old config', async () => {
    const cw = (args: string[]) => awsCli(world.env, world.env.AWS_ENDPOINT_URL_CLOUDWATCH!, ['cloudwatch', ...args]);
    expect(
      (
        await cw([
          'put-metric-alarm',
          '--alarm-name',
          'ep-one-5xx',
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
        ])
      ).code,
    ).toBe(0);
    await modelAndConfig('m-c', '1.dkr.ecr.us-east-1.amazonaws.com/x:c');
    const deployment = JSON.stringify({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'LINEAR', LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 50 }, WaitIntervalInSeconds: 5 },
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'ep-one-5xx' }] },
    });
    await hold('ep-one', true);
    expect(
      (await sm(['update-endpoint', '--endpoint-name', 'ep-one', '--endpoint-config-name', 'm-c', '--deployment-config', deployment])).code,
    ).toBe(0);
    // Data that breaches the threshold keeps the alarm in ALARM through every evaluation of the bake.
    expect((await cw(['put-metric-data', '--namespace', 'Bikeshare/Model', '--metric-name', 'Errors', '--value', '5'])).code).toBe(0);
    for (let i = 0; i < 100; i++) {
      const alarm = (await cw(['describe-alarms', '--alarm-names', 'ep-one-5xx'])).json.MetricAlarms[0];
      if (alarm.StateValue === 'ALARM') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await hold('ep-one', false);
    const d = await waitFor('ep-one', (s) => s === 'InService');
    expect(d.EndpointConfigName).toBe('m-b');
    expect(d.FailureReason).toContain('ep-one-5xx');
  });

  it('fails a create whose container fails its health check; then only delete is allowed', async () => {
    await fetch(`${world.adminUrl}/sagemaker/health`, {
      method: 'POST',
      body: JSON.stringify({ image: '1.dkr.ecr.us-east-1.amazonaws.com/x:sick', healthy: false }),
    });
    await modelAndConfig('m-sick', '1.dkr.ecr.us-east-1.amazonaws.com/x:sick');
    await sm(['create-endpoint', '--endpoint-name', 'ep-sick', '--endpoint-config-name', 'm-sick']);
    const d = await waitFor('ep-sick', (s) => s !== 'Creating');
    expect(d.EndpointStatus).toBe('Failed');
    expect(d.FailureReason).toContain('did not pass the ping health check');
    expect((await sm(['update-endpoint', '--endpoint-name', 'ep-sick', '--endpoint-config-name', 'm-a'])).stderr).toContain(
      'Cannot update failed endpoint',
    );
    expect((await sm(['delete-endpoint', '--endpoint-name', 'ep-sick'])).code).toBe(0);
  });

  it('shifts A/B weights with update-endpoint-weights-and-capacities, and routes invocations by weight', async () => {
    await sm([
      'create-model',
      '--model-name',
      'm-ab',
      '--primary-container',
      'Image=1.dkr.ecr.us-east-1.amazonaws.com/x:ab',
      '--execution-role-arn',
      role,
    ]);
    await sm([
      'create-endpoint-config',
      '--endpoint-config-name',
      'c-ab',
      '--production-variants',
      'VariantName=Baseline,ModelName=m-a,InitialInstanceCount=1,InstanceType=ml.m5.large,InitialVariantWeight=0.8',
      'VariantName=Candidate,ModelName=m-ab,InitialInstanceCount=1,InstanceType=ml.m5.large,InitialVariantWeight=0.2',
    ]);
    await sm(['create-endpoint', '--endpoint-name', 'ep-ab', '--endpoint-config-name', 'c-ab']);
    await waitFor('ep-ab', (s) => s === 'InService');
    await sm([
      'update-endpoint-weights-and-capacities',
      '--endpoint-name',
      'ep-ab',
      '--desired-weights-and-capacities',
      'VariantName=Baseline,DesiredWeight=1',
      'VariantName=Candidate,DesiredWeight=0',
    ]);
    const d = await waitFor('ep-ab', (s) => s === 'InService');
    expect(d.ProductionVariants.map((v: any) => [v.VariantName, v.CurrentWeight])).toEqual([
      ['Baseline', 1],
      ['Candidate', 0],
    ]);
    const rt = (args: string[]) => awsCli(world.env, world.env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME!, ['sagemaker-runtime', ...args]);
    for (let i = 0; i < 3; i++) {
      const out = await rt([
        'invoke-endpoint',
        '--endpoint-name',
        'ep-ab',
        '--body',
        '{"x":1}',
        '--cli-binary-format',
        'raw-in-base64-out',
        '--content-type',
        'application/json',
        `/tmp/ep-ab-${process.pid}.json`,
      ]);
      expect(out.json.InvokedProductionVariant).toBe('Baseline');
    }
    const cw = (args: string[]) => awsCli(world.env, world.env.AWS_ENDPOINT_URL_CLOUDWATCH!, ['cloudwatch', ...args]);
    const stats = await cw([
      'get-metric-statistics',
      '--namespace',
      'AWS/SageMaker',
      '--metric-name',
      'Invocations',
      '--dimensions',
      'Name=EndpointName,Value=ep-ab',
      'Name=VariantName,Value=Baseline',
      '--start-time',
      new Date(Date.now() - 600_000).toISOString(),
      '--end-time',
      new Date(Date.now() + 60_000).toISOString(),
      '--period',
      '3600',
      '--statistics',
      'Sum',
    ]);
    expect(stats.json.Datapoints.reduce((s: number, p: any) => s + p.Sum, 0)).toBe(3);
  });

  it('registers autoscaling on a variant and then refuses an instance-type change of it', async () => {
    const as = (args: string[]) =>
      awsCli(world.env, world.env.AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING!, ['application-autoscaling', ...args]);
    const resource = 'endpoint/ep-one/variant/AllTraffic';
    const reg = await as([
      'register-scalable-target',
      '--service-namespace',
      'sagemaker',
      '--resource-id',
      resource,
      '--scalable-dimension',
      'sagemaker:variant:DesiredInstanceCount',
      '--min-capacity',
      '1',
      '--max-capacity',
      '4',
    ]);
    expect(reg.code).toBe(0);
    const policy = JSON.stringify({
      TargetValue: 100,
      PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
    });
    expect(
      (
        await as([
          'put-scaling-policy',
          '--policy-name',
          'inv',
          '--service-namespace',
          'sagemaker',
          '--resource-id',
          resource,
          '--scalable-dimension',
          'sagemaker:variant:DesiredInstanceCount',
          '--policy-type',
          'TargetTrackingScaling',
          '--target-tracking-scaling-policy-configuration',
          policy,
        ])
      ).code,
    ).toBe(0);
    expect((await as(['describe-scalable-targets', '--service-namespace', 'sagemaker'])).json.ScalableTargets[0]).toMatchObject({
      ResourceId: resource,
      MinCapacity: 1,
      MaxCapacity: 4,
    });
    await sm([
      'create-endpoint-config',
      '--endpoint-config-name',
      'c-big',
      '--production-variants',
      'VariantName=AllTraffic,ModelName=m-b,InitialInstanceCount=1,InstanceType=ml.c5.xlarge',
    ]);
    const refused = await sm(['update-endpoint', '--endpoint-name', 'ep-one', '--endpoint-config-name', 'c-big']);
    expect(refused.stderr).toContain('automatic scaling policy');
    expect(
      (
        await as([
          'deregister-scalable-target',
          '--service-namespace',
          'sagemaker',
          '--resource-id',
          resource,
          '--scalable-dimension',
          'sagemaker:variant:DesiredInstanceCount',
        ])
      ).code,
    ).toBe(0);
    const missing = await as([
      'register-scalable-target',
      '--service-namespace',
      'sagemaker',
      '--resource-id',
      'endpoint/ghost/variant/A',
      '--scalable-dimension',
      'sagemaker:variant:DesiredInstanceCount',
      '--min-capacity',
      '1',
      '--max-capacity',
      '2',
    ]);
    expect(missing.stderr).toContain('ValidationException');
  });

  it('throttles on demand with ThrottlingException', async () => {
    await fetch(`${world.adminUrl}/faults`, { method: 'POST', body: JSON.stringify({ service: 'sagemaker', throttleCount: 1 }) });
    const throttled = await sm(['list-endpoints']);
    expect(throttled.stderr).toContain('ThrottlingException');
    expect((await sm(['list-endpoints'])).json.Endpoints.length).toBeGreaterThan(0);
  });
});
