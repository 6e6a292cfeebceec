// The MLflow client against the simulated MLflow server: resolution of every URI form, misses that list what exists,
// PENDING_REGISTRATION, registry writes, artifact listing and ranged downloads that resume after a cut.
import { startMlflowServer, type MlflowServer } from '@mlops-actions/testbed';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  artifactLocation,
  downloadArtifactRange,
  listModelFiles,
  MlflowClient,
  parseModelUri,
  resolveModel,
  trackingSettings,
  type RetryPolicy,
} from '../src/index.js';
import { FIXTURE_MODEL_DIR, seedMlflowModel, type SeededModel } from '../../../test/support/mlflow-seed.js';

const FAST: RetryPolicy = { maxRetries: 3, backoffFactorSeconds: 0.02, jitterSeconds: 0, timeoutSeconds: 10 };
let server: MlflowServer;
let client: MlflowClient;
let v1: SeededModel;
let v2: SeededModel;
let v3: SeededModel;
const resolve = (uri: string, waitTimeoutMs = 5000) => resolveModel(client, parseModelUri(uri), { waitTimeoutMs, pollIntervalMs: 50 });

beforeAll(async () => {
  server = await startMlflowServer({ timeScale: 0.05 });
  client = new MlflowClient(trackingSettings(server.url, {}), FAST);
  const files = { MLmodel: 'flavors: {}\n', 'data/weights.bin': Buffer.alloc(300_000, 7), 'data/deep/x.txt': 'x' };
  v1 = await seedMlflowModel({ trackingUri: server.url, modelName: 'risk', stage: 'Production', aliases: ['champion'] });
  v2 = await seedMlflowModel({ trackingUri: server.url, modelName: 'risk', stage: 'Staging', aliases: ['challenger'], files });
  v3 = await seedMlflowModel({ trackingUri: server.url, modelName: 'risk' });
});
afterAll(async () => {
  client.close();
  await server.stop();
});

describe('resolveModel', () => {
  it('resolves stage, alias, version, latest and runs:/ URIs', async () => {
    expect(await resolve('models:/risk/Production')).toMatchObject({
      name: 'risk',
      version: '1',
      runId: v1.runId,
      downloadUri: v1.source,
      aliases: ['champion'],
    });
    expect(await resolve('models:/risk/staging')).toMatchObject({ version: '2', stage: 'Staging' });
    expect(await resolve('models:/risk@challenger')).toMatchObject({ version: '2', aliases: ['challenger'] });
    expect(await resolve('models:/risk/3')).toMatchObject({ version: '3', stage: 'None', downloadUri: v3.source });
    expect(await resolve('models:/risk/latest')).toMatchObject({ version: '3' });
    expect(await resolve(v2.runUri)).toMatchObject({ name: undefined, version: undefined, runId: v2.runId, downloadUri: v2.source });
  });

  it('lists the stages and aliases that exist when a stage or alias names nothing', async () => {
    await expect(resolve('models:/risk/Archived')).rejects.toThrow(
      "models:/risk/Archived: no version of 'risk' is in stage 'Archived' (stages in use: Production (v1), Staging (v2); aliases: challenger -> v2, champion -> v1)",
    );
    await expect(resolve('models:/risk/Prod')).rejects.toThrow(/no version of 'risk' is in stage 'Prod' \(stages in use: Production/);
    await expect(resolve('models:/risk@gold')).rejects.toThrow(
      "models:/risk@gold: model 'risk' has no alias 'gold' (stages in use: Production (v1), Staging (v2); aliases: challenger -> v2, champion -> v1)",
    );
  });

  it('names unknown models (with the ones that exist), versions and runs', async () => {
    await expect(resolve('models:/nope/1')).rejects.toThrow("models:/nope/1: no registered model named 'nope' (registered models: risk)");
    await expect(resolve('models:/risk/42')).rejects.toThrow("models:/risk/42: model 'risk' has no version 42 (versions: 3, 2, 1)");
    await expect(resolve('runs:/0123456789abcdef/model')).rejects.toThrow("runs:/0123456789abcdef/model: run '0123456789abcdef' not found");
  });

  it('waits while a version is PENDING_REGISTRATION, and gives up after the timeout', async () => {
    // Its own server with a 2 s registration, so no scheduling delay can make the version READY before we look.
    const slowServer = await startMlflowServer({ timeScale: 10 });
    const slowClient = new MlflowClient(trackingSettings(slowServer.url, {}), FAST);
    try {
      const pending = await seedMlflowModel({ trackingUri: slowServer.url, modelName: 'slow', waitReady: false });
      const lines: string[] = [];
      const resolved = await resolveModel(slowClient, parseModelUri(`models:/slow/${pending.version!}`), {
        waitTimeoutMs: 20_000,
        pollIntervalMs: 50,
        logger: { info: (l) => lines.push(l) },
      });
      expect(resolved.version).toBe(pending.version);
      expect(lines).toEqual([`Version 1 of 'slow' is PENDING_REGISTRATION: waiting until it is READY`]);
      const again = await seedMlflowModel({ trackingUri: slowServer.url, modelName: 'slow', waitReady: false });
      const quick = resolveModel(slowClient, parseModelUri(`models:/slow/${again.version!}`), { waitTimeoutMs: 0, pollIntervalMs: 50 });
      await expect(quick).rejects.toThrow(/is still PENDING_REGISTRATION after 0 s \(wait-timeout-seconds\)/);
    } finally {
      slowClient.close();
      await slowServer.stop();
    }
  });
});

describe('registry writes (promote and rollback use these)', () => {
  it('transitions stages with and without archiving, moves aliases and reads them back', async () => {
    const moved = await client.transitionStage('risk', '3', 'Production', true);
    expect(moved).toMatchObject({ version: '3', current_stage: 'Production' });
    expect((await client.getModelVersion('risk', '1')).current_stage).toBe('Archived');
    expect((await client.getLatestVersions('risk', ['Production'])).map((v) => v.version)).toEqual(['3']);
    await client.setAlias('risk', 'champion', '3');
    expect((await client.getVersionByAlias('risk', 'champion')).version).toBe('3');
    await client.transitionStage('risk', '1', 'Production', true);
    await client.setAlias('risk', 'champion', '1');
    expect((await client.getModelVersion('risk', '3')).current_stage).toBe('Archived');
    expect((await client.getVersionByAlias('risk', 'champion')).version).toBe('1');
  });

  it('turns MLflow error bodies into one line naming the call', async () => {
    await expect(client.transitionStage('risk', '1', 'Gold', false)).rejects.toThrow(
      'MLflow POST mlflow/model-versions/transition-stage failed with 400: INVALID_PARAMETER_VALUE: Invalid Model Version stage: Gold. Value must be one of None, Staging, Production, Archived.',
    );
    await expect(client.setAlias('risk', 'latest', '1')).rejects.toThrow(/'latest' alias name \(case insensitive\) is reserved/);
  });
});

describe('HTTP behaviour', () => {
  it('retries 503 and 429 with backoff', async () => {
    server.faults.failNext(2, 503);
    server.faults.failNext(1, 429);
    expect((await client.getRegisteredModel('risk')).name).toBe('risk');
  });

  it('gives up after the configured retries with the last error', async () => {
    server.faults.failNext(FAST.maxRetries + 1, 500);
    await expect(client.getRegisteredModel('risk')).rejects.toThrow(
      /MLflow GET mlflow\/registered-models\/get\?name=risk failed with 500: INTERNAL_ERROR: Injected fault/,
    );
    server.faults.reset();
  });

  it('says when the server is unreachable or is not MLflow', async () => {
    const down = new MlflowClient(trackingSettings('http://127.0.0.1:9', {}), FAST);
    await expect(down.getRegisteredModel('risk')).rejects.toThrow(
      /^MLflow at http:\/\/127\.0\.0\.1:9 is unreachable for GET mlflow\/registered-models\/get\?name=risk: .*ECONNREFUSED.*\(after 4 attempts\)$/,
    );
    down.close();
    const wrongBase = new MlflowClient(trackingSettings(`${server.url}/mlflow`, {}), FAST);
    await expect(wrongBase.getRegisteredModel('risk')).rejects.toThrow(
      /answered GET .* with 404 and an HTML page: is tracking-uri the MLflow server's base URL\?/,
    );
    wrongBase.close();
  });
});

describe('artifacts', () => {
  it('lists recursively through the proxy and through artifacts/list, MLmodel first', async () => {
    const viaProxy = await listModelFiles(client, artifactLocation(v2.source));
    expect(viaProxy).toEqual([
      { path: 'MLmodel', size: 12 },
      { path: 'data/deep/x.txt', size: 1 },
      { path: 'data/weights.bin', size: 300_000 },
    ]);
    const viaRun = await listModelFiles(client, artifactLocation(v2.source, { runId: v2.runId, runPath: 'model' }));
    expect(viaRun).toEqual(viaProxy);
    expect((await listModelFiles(client, artifactLocation(v1.source))).map((f) => f.path)[0]).toBe('MLmodel');
  });

  it('downloads ranges byte for byte and resumes a download cut mid-way', async () => {
    const loc = artifactLocation(v1.source);
    const pkl = readFileSync(join(FIXTURE_MODEL_DIR, 'model.pkl'));
    const file = { path: 'model.pkl', size: pkl.length };
    expect((await downloadArtifactRange(client, loc, file)).equals(pkl)).toBe(true);
    expect((await downloadArtifactRange(client, loc, file, 100, 300)).equals(pkl.subarray(100, 300))).toBe(true);
    server.faults.cutDownloadAfterBytes(500);
    expect((await downloadArtifactRange(client, loc, file)).equals(pkl)).toBe(true);
  });

  it('refuses artifact locations the server does not proxy', () => {
    expect(() => artifactLocation('s3://bucket/1/abc/artifacts/model')).toThrow(
      /s3:\/\/bucket\/1\/abc\/artifacts\/model, which this MLflow server does not proxy/,
    );
    expect(artifactLocation('mlflow-artifacts://host:5000/1/abc/artifacts/model').proxyPath).toBe('1/abc/artifacts/model');
  });
});
