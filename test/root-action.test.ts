import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startWorld, type World } from '@mlops-actions/testbed';
import { rootInputSchema } from '../src/root-inputs.js';
import { awsCli } from '../packages/testbed/test/support/aws-cli.js';
import { seedMlflowModel } from './support/mlflow-seed.js';
import { readActionYml } from './support/repo.js';
import { runBundle } from './support/run-bundle.js';

describe('root action.yml', () => {
  const yml = readActionYml('.');
  it('runs its committed bundle on node24 and declares exactly the inputs its parser reads', () => {
    expect(yml.runs.using).toBe('node24');
    const declared = Object.entries(yml.inputs ?? {}).map(([name, spec]) => ({
      name,
      required: spec.required === true,
      default: spec.default,
    }));
    const parsed = Object.entries(rootInputSchema).map(([name, field]) => ({ name, required: field.required, default: field.default }));
    expect(declared.sort((a, b) => a.name.localeCompare(b.name))).toEqual(parsed.sort((a, b) => a.name.localeCompare(b.name)));
    for (const [name, spec] of Object.entries({ ...yml.inputs, ...yml.outputs }))
      expect({ name, described: (spec.description ?? '').length > 10 }).toEqual({ name, described: true });
  });
});

/** The one-step path (export → deploy → smoke) run as GitHub runs the root bundle, against the local world. */
describe('root action against the local world', () => {
  let world: World;
  const account = '012345678901';
  const run = (inputs: Record<string, string>) => runBundle('.', inputs, world.env);
  const base = {
    'model-uri': 'models:/bikeshare_risk/Staging',
    's3-prefix': 's3://mlops-bikeshare-models/sagemaker/models/',
    'image-uri': `${account}.dkr.ecr.us-east-1.amazonaws.com/mlflow-pyfunc:abc-stg`,
    'endpoint-name': 'bikeshare-staging',
    'role-arn': `arn:aws:iam::${account}:role/exec`,
    'poll-seconds': '0.2',
    'smoke-payload': '{"hour": 8, "station": 72}',
  };

  beforeAll(async () => {
    world = await startWorld({ registry: false });
    await fetch(`${world.adminUrl}/sagemaker/delays`, { method: 'POST', body: JSON.stringify({ createMs: 300, updateMs: 300 }) });
    const s3 = new S3Client({
      region: world.env.AWS_REGION,
      endpoint: world.env.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'mlops-bikeshare-models' }));
    s3.destroy();
    await seedMlflowModel({
      trackingUri: world.env.MLFLOW_TRACKING_URI!,
      modelName: 'bikeshare_risk',
      stage: 'Staging',
      files: { MLmodel: 'flavors:\n  python_function: {}\n', 'model.pkl': 'weights' },
    });
  }, 120_000);
  afterAll(() => world.stop());

  it('exports the Staging model, deploys it, smoke tests it, and chains the outputs', async () => {
    const out = await run(base);
    expect(out.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([]);
    expect(out.code).toBe(0);
    expect(out.outputs).toMatchObject({ status: 'succeeded', 'model-name': 'bikeshare_risk', 'model-version': '1' });
    expect(out.outputs['model-data-url']).toMatch(
      /^s3:\/\/mlops-bikeshare-models\/sagemaker\/models\/bikeshare_risk\/v1-[0-9a-f]{16}\/model\.tar\.gz$/,
    );
    const url = new URL(out.outputs['model-data-url']!.replace('s3://', 'http://'));
    const s3 = new S3Client({
      region: world.env.AWS_REGION,
      endpoint: world.env.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await s3.send(new HeadObjectCommand({ Bucket: url.hostname, Key: url.pathname.slice(1) }));
    s3.destroy();
    const d = (
      await awsCli(world.env, world.env.AWS_ENDPOINT_URL_SAGEMAKER!, [
        'sagemaker',
        'describe-endpoint',
        '--endpoint-name',
        'bikeshare-staging',
      ])
    ).json;
    expect([d.EndpointStatus, d.EndpointConfigName]).toEqual(['InService', out.outputs['endpoint-config-name']]);
    expect(out.stdout).toContain('smoke test: AllTraffic answered');
    expect(out.summary).toContain('Exported bikeshare_risk v1');
    expect(out.summary).toContain('deploy-endpoint: bikeshare-staging — succeeded');
  });

  it('checks every part’s inputs before anything remote', async () => {
    const both = await run({ ...base, repository: 'mlflow-pyfunc', tags: 'x' });
    expect(both.code).toBe(1);
    expect(both.stdout).toContain(`::error::mlops-actions: input 'image-uri' = "${base['image-uri']}": give exactly one of image-uri`);
    const bad = await run({ ...base, 'endpoint-name': 'Bad_Name', 's3-prefix': 'http://nope' });
    expect(bad.stdout).toContain(`input 'endpoint-name' = "Bad_Name"`);
    expect(bad.stdout).toContain(`input 's3-prefix' = "http://nope"`);
  });
});
