// export-mlflow-model's bundle, run as GitHub runs it, against the local world (MLflow + moto S3): every URI form,
// both compressions, the archive's content and layout, tags and metadata, and re-runs that upload nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { startWorld, type World } from '@mlops-actions/testbed';
import { FIXTURE_MODEL_DIR, seedMlflowModel, type SeededModel } from './support/mlflow-seed.js';
import { runBundle } from './support/run-bundle.js';

const ACTION = 'actions/export-mlflow-model';
let world: World;
let s3: S3Client;
let fixture: SeededModel;
let work: string;
const bigFiles: Record<string, Buffer> = {
  MLmodel: readFileSync(join(FIXTURE_MODEL_DIR, 'MLmodel')),
  'data/weights-0.bin': randomBytes(9 * 1024 * 1024 + 5),
  'data/weights-1.bin': randomBytes(3 * 1024 * 1024),
  'data/tokenizer/vocab.json': Buffer.from('{"a": 1}'),
};

const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runBundle(ACTION, inputs, { ...world.env, MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0.05', ...env });

async function keys(bucket: string): Promise<{ key: string; size: number }[]> {
  const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (res.Contents ?? []).map((o) => ({ key: o.Key!, size: o.Size! }));
}

async function download(bucket: string, key: string): Promise<Buffer> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await res.Body!.transformToByteArray());
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  world = await startWorld({ registry: false, timeScale: 0.05 });
  s3 = new S3Client({
    region: world.env.AWS_REGION,
    endpoint: world.env.AWS_ENDPOINT_URL_S3,
    credentials: { accessKeyId: world.env.AWS_ACCESS_KEY_ID!, secretAccessKey: world.env.AWS_SECRET_ACCESS_KEY! },
  });
  for (const b of ['forms', 'gzip', 'none']) await s3.send(new CreateBucketCommand({ Bucket: b }));
  const uri = world.env.MLFLOW_TRACKING_URI!;
  fixture = await seedMlflowModel({ trackingUri: uri, modelName: 'bikeshare_risk', stage: 'Production', aliases: ['champion'] });
  await seedMlflowModel({
    trackingUri: uri,
    modelName: 'bikeshare_risk',
    stage: 'Staging',
    aliases: ['challenger'],
    files: bigFiles,
  });
  work = mkdtempSync(join(tmpdir(), 'export-test-'));
});
afterAll(async () => {
  s3.destroy();
  rmSync(work, { recursive: true, force: true });
  await world.stop();
});

it('exports the real MLflow-logged model as model.tar.gz with MLmodel at the root, tagged, under an immutable key', async () => {
  const res = await run({ 'model-uri': 'models:/bikeshare_risk/Production', 's3-prefix': 's3://gzip/sagemaker/models' });
  expect(res.code).toBe(0);
  const o = res.outputs;
  expect(o).toMatchObject({
    'model-name': 'bikeshare_risk',
    'model-version': '1',
    'run-id': fixture.runId,
    'source-uri': fixture.source,
    compression: 'gzip',
    reused: 'false',
  });
  expect(o['model-data-url']).toBe(`s3://gzip/sagemaker/models/bikeshare_risk/v1-${o.sha256!.slice(0, 16)}/model.tar.gz`);
  const key = o['model-data-url']!.replace('s3://gzip/', '');
  const body = await download('gzip', key);
  expect(sha(body)).toBe(o.sha256);
  expect(String(body.length)).toBe(o['size-bytes']);
  writeFileSync(join(work, 'm.tar.gz'), body);
  const listing = execFileSync('tar', ['-tvzf', join(work, 'm.tar.gz')])
    .toString()
    .trim()
    .split('\n');
  expect(listing.map((l) => l.split(/\s+/).pop())).toEqual([
    'MLmodel',
    'conda.yaml',
    'input_example.json',
    'model.pkl',
    'python_env.yaml',
    'requirements.txt',
    'serving_input_example.json',
  ]);
  expect(listing.every((l) => l.startsWith('-rw-r--r--'))).toBe(true);
  execFileSync('mkdir', ['-p', join(work, 'x')]);
  execFileSync('tar', ['-xzf', join(work, 'm.tar.gz'), '-C', join(work, 'x')]);
  for (const f of Object.keys(fixture.files))
    expect(readFileSync(join(work, 'x', f)).equals(readFileSync(join(FIXTURE_MODEL_DIR, f)))).toBe(true);
  const tags = (await s3.send(new GetObjectTaggingCommand({ Bucket: 'gzip', Key: key }))).TagSet!;
  expect(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))).toEqual({
    'mlflow-model-name': 'bikeshare_risk',
    'mlflow-model-version': '1',
    'mlflow-run-id': fixture.runId,
    'mlflow-source': fixture.source,
    sha256: o.sha256,
  });
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'gzip', Key: key }));
  expect(head.Metadata).toMatchObject({
    'mlflow-model-name': 'bikeshare_risk',
    'mlflow-model-version': '1',
    'mlflow-run-id': fixture.runId,
    sha256: o.sha256,
  });
  expect(head.ContentType).toBe('application/gzip');
  expect(res.summary).toContain('Exported bikeshare_risk v1');
  expect(res.summary).toContain('```mermaid');
  expect(await keys('gzip')).toEqual([{ key, size: body.length }]);
});

it('streams a multi-part model (ranged downloads, several upload parts) and a second run reuses it without uploading', async () => {
  const first = await run({ 'model-uri': 'models:/bikeshare_risk@challenger', 's3-prefix': 's3://gzip/m/', 'parallel-downloads': '3' });
  expect(first.code).toBe(0);
  expect(first.outputs).toMatchObject({ 'model-version': '2', reused: 'false' });
  const key = first.outputs['model-data-url']!.replace('s3://gzip/', '');
  writeFileSync(join(work, 'big.tar.gz'), await download('gzip', key));
  const py = `import tarfile,sys,hashlib,json; t=tarfile.open(sys.argv[1],'r|gz'); print(json.dumps({m.name: hashlib.sha256(t.extractfile(m).read()).hexdigest() for m in t}))`;
  const extracted = JSON.parse(execFileSync('python3', ['-c', py, join(work, 'big.tar.gz')]).toString()) as Record<string, string>;
  expect(extracted).toEqual(Object.fromEntries(Object.entries(bigFiles).map(([p, b]) => [p, sha(b)])));
  const before = await keys('gzip');
  const again = await run({ 'model-uri': 'models:/bikeshare_risk/2', 's3-prefix': 's3://gzip/m/' });
  expect(again.code).toBe(0);
  expect(again.outputs).toEqual({ ...first.outputs, reused: 'true' });
  expect(again.stdout).toContain('nothing to upload');
  expect(await keys('gzip')).toEqual(before);
});

it('compression none: every file under one prefix, byte for byte, no folder objects; re-run reused', async () => {
  const res = await run({ 'model-uri': 'models:/bikeshare_risk/Staging', 's3-prefix': 's3://none/p/', compression: 'none' });
  expect(res.code).toBe(0);
  const folder = `p/bikeshare_risk/v2-${res.outputs.sha256!.slice(0, 16)}/`;
  expect(res.outputs).toMatchObject({
    'model-data-url': `s3://none/${folder}`,
    compression: 'none',
    'size-bytes': String(Object.values(bigFiles).reduce((s, b) => s + b.length, 0)),
  });
  const stored = await keys('none');
  expect(stored.map((o) => o.key).sort()).toEqual(
    Object.keys(bigFiles)
      .map((p) => folder + p)
      .sort(),
  );
  expect(stored.every((o) => o.size > 0 && !o.key.endsWith('/'))).toBe(true);
  for (const [p, b] of Object.entries(bigFiles)) expect((await download('none', folder + p)).equals(b)).toBe(true);
  const manifest =
    Object.entries(bigFiles)
      .map(([p, b]) => `${sha(b)}  ${p}`)
      .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1))
      .join('\n') + '\n';
  expect(res.outputs.sha256).toBe(sha(Buffer.from(manifest)));
  const again = await run({ 'model-uri': 'models:/bikeshare_risk@challenger', 's3-prefix': 's3://none/p/', compression: 'none' });
  expect(again.outputs).toEqual({ ...res.outputs, reused: 'true' });
  expect(await keys('none')).toEqual(stored);
});

it.each([
  ['models:/bikeshare_risk/Production', '1'],
  ['models:/bikeshare_risk@champion', '1'],
  ['models:/bikeshare_risk/1', '1'],
  ['models:/bikeshare_risk/latest', '2'],
])('resolves %s to version %s', async (uri, version) => {
  const res = await run({ 'model-uri': uri, 's3-prefix': 's3://forms/' });
  expect(res.code).toBe(0);
  expect(res.outputs['model-version']).toBe(version);
});

it('exports a runs:/ URI under runs/<run-id>/', async () => {
  const res = await run({ 'model-uri': fixture.runUri, 's3-prefix': 's3://forms/' });
  expect(res.code).toBe(0);
  expect(res.outputs).toMatchObject({ 'model-name': '', 'model-version': '', 'run-id': fixture.runId, 'source-uri': fixture.source });
  expect(res.outputs['model-data-url']).toMatch(new RegExp(`^s3://forms/runs/${fixture.runId}/model-[0-9a-f]{16}/model.tar.gz$`));
});
