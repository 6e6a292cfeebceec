import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { startWorld, type World } from '@mlops-actions/testbed';
import { pushTestImage } from '../packages/testbed/src/registry/testing.js';
import { awsCli } from '../packages/testbed/test/support/aws-cli.js';
import { seedMlflowModel } from './support/mlflow-seed.js';
import { runBundle } from './support/run-bundle.js';

/** promote end to end: staging deployed by deploy-endpoint's bundle, then promote's bundle against the same world. */
describe('promote against the local world', () => {
  let world: World;
  let ecr: ECRClient;
  const account = '012345678901';
  const model = 'bikeshare_risk';
  const sm = (args: string[]) => awsCli(world.env, world.env.AWS_ENDPOINT_URL_SAGEMAKER!, ['sagemaker', ...args]);
  const mlflowGet = async (path: string, query: Record<string, string>) =>
    (
      await fetch(`${world.env.MLFLOW_TRACKING_URI!}/api/2.0/mlflow/${path}?${new URLSearchParams(query).toString()}`)
    ).json() as Promise<any>;
  const stageOf = async (version: string) =>
    (await mlflowGet('model-versions/get', { name: model, version })).model_version.current_stage as string;
  const admin = (route: string, body: unknown) => fetch(`${world.adminUrl}/${route}`, { method: 'POST', body: JSON.stringify(body) });

  async function pushImage(tag: string): Promise<string> {
    const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    const password = Buffer.from(auth.authorizationToken!, 'base64').toString().slice('AWS:'.length);
    const pushed = await pushTestImage(auth.proxyEndpoint!, 'mlflow-pyfunc', tag, `model server ${tag}`, password);
    return pushed.digest;
  }
  const deployStaging = (tag: string, version: string) =>
    runBundle(
      'actions/deploy-endpoint',
      {
        'endpoint-name': 'bikeshare-staging',
        'image-uri': `${world.env.WORLD_REGISTRY!}/mlflow-pyfunc:${tag}`,
        'model-data-url': `s3://models/bikeshare_risk/v${version}/model.tar.gz`,
        'role-arn': `arn:aws:iam::${account}:role/exec`,
        'model-name': model,
        'model-version': version,
        'poll-seconds': '0.2',
      },
      world.env,
    );
  const promote = (inputs: Record<string, string>) =>
    runBundle(
      'actions/promote',
      {
        'model-name': model,
        'source-endpoint': 'bikeshare-staging',
        'target-endpoint': 'bikeshare-prod',
        'wait-interval-seconds': '1',
        'poll-seconds': '0.2',
        'timeout-minutes': '1',
        ...inputs,
      },
      world.env,
    );

  beforeAll(async () => {
    world = await startWorld({ s3: false });
    await admin('sagemaker/delays', { createMs: 300, updateMs: 300 });
    ecr = new ECRClient({
      region: world.env.AWS_REGION,
      endpoint: world.env.AWS_ENDPOINT_URL_ECR,
      credentials: { accessKeyId: world.env.AWS_ACCESS_KEY_ID!, secretAccessKey: world.env.AWS_SECRET_ACCESS_KEY! },
    });
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'mlflow-pyfunc', imageTagMutability: 'IMMUTABLE' }));
    const files = { MLmodel: 'flavors: {}\n', 'model.pkl': 'weights' };
    await seedMlflowModel({ trackingUri: world.env.MLFLOW_TRACKING_URI!, modelName: model, stage: 'Production', files });
    await seedMlflowModel({ trackingUri: world.env.MLFLOW_TRACKING_URI!, modelName: model, stage: 'Staging', files });
  }, 120_000);
  afterAll(() => world.stop());

  it('ships the digest and model data staging serves, tags the digest for production, then moves the stage', async () => {
    const digest = await pushImage('abc123-stg');
    expect((await deployStaging('abc123-stg', '2')).code).toBe(0);
    const gate = `${process.env.TMPDIR ?? '/tmp'}/promote-gate-${process.pid}.json`;
    (await import('node:fs')).writeFileSync(
      gate,
      JSON.stringify({ verdict: 'pass', checks: [{ id: 'pr-auc', status: 'pass', value: 0.74, threshold: '>= 0.70' }] }),
    );
    const run = await promote({ strategy: 'canary', 'gate-report': gate });
    expect(run.stdout).not.toContain('::error::');
    expect(run.outputs).toMatchObject({
      version: '2',
      'previous-version': '1',
      'image-uri-digest': `${world.env.WORLD_REGISTRY!}/mlflow-pyfunc@${digest}`,
      'model-data-url': 's3://models/bikeshare_risk/v2/model.tar.gz',
    });
    const prod = (await sm(['describe-endpoint', '--endpoint-name', 'bikeshare-prod'])).json;
    expect(prod.EndpointConfigName).toBe(run.outputs['endpoint-config-name']);
    const config = (await sm(['describe-endpoint-config', '--endpoint-config-name', prod.EndpointConfigName])).json;
    const served = (await sm(['describe-model', '--model-name', config.ProductionVariants[0].ModelName])).json.PrimaryContainer;
    expect(served.Image).toBe(run.outputs['image-uri-digest']);
    expect(served.ModelDataUrl).toBe('s3://models/bikeshare_risk/v2/model.tar.gz');
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'mlflow-pyfunc', imageIds: [{ imageDigest: digest }] }));
    expect(images.imageDetails![0]!.imageTags!.sort()).toEqual(['abc123-prod', 'abc123-stg']);
    expect(await stageOf('2')).toBe('Production');
    expect(await stageOf('1')).toBe('Archived');
    expect(run.summary).toContain('Gate: pass');
    expect(run.summary).toContain('abc123-prod');
  });

  it('a failed production deployment leaves MLflow and ECR as they were', async () => {
    await seedMlflowModel({
      trackingUri: world.env.MLFLOW_TRACKING_URI!,
      modelName: model,
      stage: 'Staging',
      files: { MLmodel: 'flavors: {}\n' },
    });
    const digest = await pushImage('def456-stg');
    expect((await deployStaging('def456-stg', '3')).code).toBe(0);
    await admin('sagemaker/fail-next', { operation: 'UpdateEndpoint', reason: 'Model container failed to start.' });
    const run = await promote({ strategy: 'all-at-once' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the MLflow registry and ECR tags were left as they were');
    expect(run.outputs.version).toBe('3');
    expect(await stageOf('3')).toBe('Staging');
    expect(await stageOf('2')).toBe('Production');
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'mlflow-pyfunc', imageIds: [{ imageDigest: digest }] }));
    expect(images.imageDetails![0]!.imageTags).toEqual(['def456-stg']);
  });

  it('sets an alias instead of a stage for registries that use aliases', async () => {
    const run = await promote({ alias: 'champion', 'target-endpoint': 'bikeshare-prod-eu', strategy: 'all-at-once' });
    expect(run.stdout).not.toContain('::error::');
    expect(run.outputs.version).toBe('3');
    expect((await mlflowGet('registered-models/alias', { name: model, alias: 'champion' })).model_version.version).toBe('3');
  });

  it('refuses what would not ship the validated model, changing nothing', async () => {
    const mismatch = await promote({ version: '1' });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toContain(`::error::promote: input 'version' = "1": must be the version the source endpoint serves (v3)`);
    const same = await promote({ 'target-endpoint': 'bikeshare-staging' });
    expect(same.stdout).toContain(`input 'target-endpoint' = "bikeshare-staging": must differ from source-endpoint`);
    const missing = await promote({ 'source-endpoint': 'no-such-endpoint' });
    expect(missing.stdout).toContain(`input 'source-endpoint' = "no-such-endpoint": no such endpoint`);
  });
  it('rollback with model-name puts the endpoint and the Production stage back together', async () => {
    const again = await promote({ strategy: 'all-at-once' });
    expect(again.outputs.version).toBe('3');
    expect(await stageOf('3')).toBe('Production');
    const back = await runBundle(
      'actions/rollback',
      { 'endpoint-name': 'bikeshare-prod', 'model-name': model, reason: 'v3 regressed', 'poll-seconds': '0.2', 'timeout-minutes': '1' },
      world.env,
    );
    expect(back.stdout).not.toContain('::error::');
    expect(back.outputs['mode-used']).toBe('config');
    expect(back.outputs['rolled-back-to']).toBe(again.outputs['previous-endpoint-config-name']);
    expect(await stageOf('2')).toBe('Production');
    expect(await stageOf('3')).toBe('Archived');
    const incident = JSON.parse((await import('node:fs')).readFileSync(back.outputs['incident-report']!, 'utf8'));
    expect(incident.registry).toMatchObject({ model, version: '2', target: 'Production', previousVersion: '3' });
  });
});
