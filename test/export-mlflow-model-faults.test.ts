// export-mlflow-model when things go wrong: an export interrupted mid-upload leaves no parts and a re-run starts
// clean; a cut download resumes; a token never shows; every bad input fails with one line and writes nothing.
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, ListMultipartUploadsCommand, ListObjectsV2Command, ListPartsCommand, S3Client } from '@aws-sdk/client-s3';
import { startMlflowServer, startWorld, type MlflowServer, type World } from '@mlops-actions/testbed';
import { seedMlflowModel, type SeededModel } from './support/mlflow-seed.js';
import { runBundle, type BundleRun } from './support/run-bundle.js';

const ACTION = 'actions/export-mlflow-model';
const TOKEN = `tok-${randomBytes(12).toString('hex')}`;
let world: World;
let authServer: MlflowServer;
let s3: S3Client;
let model: SeededModel;
const FAST = { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '2', MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0.05', MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: '0' };
const run = (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<BundleRun> =>
  runBundle(ACTION, inputs, { ...world.env, ...FAST, ...env });
const errors = (r: BundleRun): string[] => r.stdout.split('\n').filter((l) => l.startsWith('::error::'));

async function bucketState(bucket: string): Promise<{ objects: string[]; uploads: string[] }> {
  const objects = (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? [];
  const uploads = (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
  return { objects: objects.map((o) => o.Key!), uploads: uploads.map((u) => u.Key!) };
}

beforeAll(async () => {
  world = await startWorld({ registry: false, timeScale: 0.05 });
  authServer = await startMlflowServer({ auth: { token: TOKEN }, timeScale: 0.05 });
  s3 = new S3Client({
    region: world.env.AWS_REGION,
    endpoint: world.env.AWS_ENDPOINT_URL_S3,
    credentials: { accessKeyId: world.env.AWS_ACCESS_KEY_ID!, secretAccessKey: world.env.AWS_SECRET_ACCESS_KEY! },
  });
  for (const b of ['faults', 'auth', 'bad']) await s3.send(new CreateBucketCommand({ Bucket: b }));
  const files: Record<string, Buffer> = { MLmodel: Buffer.from(`flavors: {}\n# ${'x'.repeat(2000)}\n`) };
  for (let i = 0; i < 10; i++) files[`data/shard-${i}.bin`] = randomBytes(3 * 1024 * 1024);
  model = await seedMlflowModel({
    trackingUri: world.env.MLFLOW_TRACKING_URI!,
    modelName: 'big',
    stage: 'Staging',
    aliases: ['champion'],
    files,
  });
  await seedMlflowModel({
    trackingUri: authServer.url,
    headers: { authorization: `Bearer ${TOKEN}` },
    modelName: 'secret_model',
    stage: 'Production',
  });
});
afterAll(async () => {
  s3.destroy();
  await authServer.stop();
  await world.stop();
});

it('aborts the multipart upload when MLflow fails mid-export, and a re-run starts clean', async () => {
  const mlflow = world.mlflow!;
  mlflow.faults.setLatencyMs(150); // every download waits, so the failure lands after parts are in S3
  const pending = run({ 'model-uri': 'models:/big/Staging', 's3-prefix': 's3://faults/models/', 'parallel-downloads': '1' });
  let sawPart = false;
  for (let i = 0; i < 400 && !sawPart; i++) {
    const uploads = (await s3.send(new ListMultipartUploadsCommand({ Bucket: 'faults' }))).Uploads ?? [];
    for (const u of uploads) {
      const parts = await s3.send(new ListPartsCommand({ Bucket: 'faults', Key: u.Key, UploadId: u.UploadId }));
      if ((parts.Parts ?? []).length > 0) sawPart = true;
    }
    if (!sawPart) await new Promise((r) => setTimeout(r, 25));
  }
  expect(sawPart).toBe(true);
  mlflow.faults.failNext(10_000, 500);
  const failed = await pending;
  mlflow.faults.reset();
  expect(failed.code).toBe(1);
  expect(errors(failed)).toHaveLength(1);
  expect(errors(failed)[0]).toMatch(
    /^::error::export-mlflow-model: MLflow download of data\/shard-\d\.bin failed with 500: INTERNAL_ERROR: Injected fault/,
  );
  expect(await bucketState('faults')).toEqual({ objects: [], uploads: [] });

  const again = await run({ 'model-uri': 'models:/big/Staging', 's3-prefix': 's3://faults/models/' });
  expect(again.code).toBe(0);
  expect(again.outputs.reused).toBe('false');
  expect(await bucketState('faults')).toEqual({ objects: [again.outputs['model-data-url']!.replace('s3://faults/', '')], uploads: [] });
});

it('resumes a download cut mid-body with a Range request and exports the same bytes', async () => {
  world.mlflow!.faults.cutDownloadAfterBytes(100);
  const cut = await run({ 'model-uri': model.runUri, 's3-prefix': 's3://faults/cut/', 'parallel-downloads': '1' });
  expect(cut.code).toBe(0);
  world.mlflow!.faults.reset();
  const clean = await run({ 'model-uri': model.runUri, 's3-prefix': 's3://faults/clean/' });
  expect(cut.outputs.sha256).toBe(clean.outputs.sha256);
});

it('authenticates with MLFLOW_TRACKING_TOKEN, which appears nowhere but in the mask command', async () => {
  const env = { MLFLOW_TRACKING_URI: authServer.url, MLFLOW_TRACKING_TOKEN: TOKEN };
  const ok = await run({ 'model-uri': 'models:/secret_model/Production', 's3-prefix': 's3://auth/' }, env);
  expect(ok.code).toBe(0);
  const wrong = await run(
    { 'model-uri': 'models:/secret_model/Production', 's3-prefix': 's3://auth/' },
    { ...env, MLFLOW_TRACKING_TOKEN: `${TOKEN}x` },
  );
  expect(errors(wrong)).toEqual([
    `::error::export-mlflow-model: MLflow at ${authServer.url} refused GET mlflow/registered-models/get?name=secret_model: 401 unauthenticated (set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)`,
  ]);
  for (const r of [ok, wrong]) {
    const unmasked = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(unmasked.join('\n')).not.toContain(TOKEN);
    expect(r.stderr + r.summary + JSON.stringify(r.outputs)).not.toContain(TOKEN);
    expect(r.stdout).toContain(`::add-mask::${TOKEN}`);
  }
});

describe('bad input: one line naming what was looked up and what exists, nothing written to S3', () => {
  it.each([
    ['models:/nope/Staging', {}, "models:/nope/Staging: no registered model named 'nope' (registered models: big)"],
    ['models:/big/7', {}, "models:/big/7: model 'big' has no version 7 (versions: 1)"],
    [
      'models:/big/Production',
      {},
      "models:/big/Production: no version of 'big' is in stage 'Production' (stages in use: Staging (v1); aliases: champion -> v1)",
    ],
    ['models:/big@gold', {}, "models:/big@gold: model 'big' has no alias 'gold' (stages in use: Staging (v1); aliases: champion -> v1)"],
    [
      'runs:/RUN/no/such/path',
      {},
      'runs:/RUN/no/such/path: no artifacts at mlflow-artifacts:/1/RUN/artifacts/no/such/path (the path does not exist or is empty)',
    ],
    [
      'models:/big/1',
      { MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' },
      'MLflow at http://127.0.0.1:9 is unreachable for GET mlflow/registered-models/get?name=big: connect ECONNREFUSED 127.0.0.1:9 (after 3 attempts)',
    ],
  ])('%s', async (uri, env, message) => {
    const res = await run({ 'model-uri': uri.replace('RUN', model.runId), 's3-prefix': 's3://bad/models/' }, env);
    expect(res.code).toBe(1);
    expect(errors(res)).toEqual([`::error::export-mlflow-model: ${message.replace(/RUN/g, model.runId)}`]);
    expect(await bucketState('bad')).toEqual({ objects: [], uploads: [] });
  });

  it('a missing bucket', async () => {
    const res = await run({ 'model-uri': 'models:/big/1', 's3-prefix': 's3://no-such-bucket/models/' });
    expect(errors(res)).toEqual([
      `::error::export-mlflow-model: input 's3-prefix' = "s3://no-such-bucket/models/": bucket 'no-such-bucket' does not exist`,
    ]);
  });

  it('malformed inputs, all at once, before any remote call', async () => {
    const res = await run(
      { 'model-uri': 'models:/big', 's3-prefix': 'bad/prefix', compression: 'zip' },
      { MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' },
    );
    expect(errors(res)).toEqual([
      `::error::export-mlflow-model: input 'model-uri' = "models:/big": must be models:/<name>/<stage>, models:/<name>@<alias>, models:/<name>/<version>, models:/<name>/latest or runs:/<run-id>/<path>`,
      `::error::export-mlflow-model: input 's3-prefix' = "bad/prefix": must be s3://<bucket>/<prefix>/ (a bucket of 3-63 lowercase letters, digits, dots or hyphens)`,
      `::error::export-mlflow-model: input 'compression' = "zip": must be one of gzip, none`,
    ]);
  });
});
