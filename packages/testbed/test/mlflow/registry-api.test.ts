// Registry and tracking operations beyond the recorded calls: search/paging, tags, deletes, stages, runs.
import { startMlflowServer, type MlflowServer } from '../../src/mlflow/index.js';
import { call, type Json } from './mlflow-test-helpers.js';

const API = '/api/2.0/mlflow';
const q = (filter: string): string => encodeURIComponent(filter);

describe('MLflow simulation: registry API', () => {
  let server: MlflowServer;
  const post = async (p: string, body: unknown): Promise<Json> => {
    const res = await call(server, 'POST', `${API}${p}`, body);
    expect(`${p} ${res.status} ${res.text}`).toMatch(new RegExp(`^${p} 200 `));
    return res.json;
  };

  beforeAll(async () => {
    server = await startMlflowServer({ timeScale: 0.01 });
    for (const name of ['alpha', 'beta', 'gamma', 'alphabet']) await post('/registered-models/create', { name });
    for (let i = 0; i < 3; i++) await post('/model-versions/create', { name: 'alpha', source: `s${i}`, run_id: `run${i}` });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('searches registered models with =, LIKE, order_by and page tokens', async () => {
    const like = await call(server, 'GET', `${API}/registered-models/search?filter=${q("name LIKE 'alpha%'")}`);
    expect(like.json.registered_models.map((m: { name: string }) => m.name)).toEqual(['alpha', 'alphabet']);
    const eq = await call(server, 'GET', `${API}/registered-models/search?filter=${q("name = 'beta'")}`);
    expect(eq.json.registered_models).toHaveLength(1);
    const page1 = await call(server, 'GET', `${API}/registered-models/search?max_results=3&order_by=${q('name DESC')}`);
    expect(page1.json.registered_models.map((m: { name: string }) => m.name)).toEqual(['gamma', 'beta', 'alphabet']);
    expect(typeof page1.json.next_page_token).toBe('string');
    const page2 = await call(
      server,
      'GET',
      `${API}/registered-models/search?max_results=3&order_by=${q('name DESC')}&page_token=${encodeURIComponent(page1.json.next_page_token)}`,
    );
    expect(page2.json.registered_models.map((m: { name: string }) => m.name)).toEqual(['alpha']);
    expect(page2.json.next_page_token).toBeUndefined();
    const none = await call(server, 'GET', `${API}/registered-models/search?filter=${q("name = 'zzz'")}`);
    expect(none.json).toEqual({});
    expect((await call(server, 'GET', `${API}/registered-models/search?page_token=garbage`)).status).toBe(400);
  });

  it('searches model versions by name and run_id with order_by and paging', async () => {
    const byRun = await call(server, 'GET', `${API}/model-versions/search?filter=${q("run_id='run1'")}`);
    expect(byRun.json.model_versions.map((v: { version: string }) => v.version)).toEqual(['2']);
    const ordered = await call(
      server,
      'GET',
      `${API}/model-versions/search?filter=${q("name='alpha'")}&order_by=${q('version_number ASC')}&max_results=2`,
    );
    expect(ordered.json.model_versions.map((v: { version: string }) => v.version)).toEqual(['1', '2']);
    const rest = await call(
      server,
      'GET',
      `${API}/model-versions/search?filter=${q("name='alpha'")}&order_by=${q('version_number ASC')}&max_results=2&page_token=${encodeURIComponent(ordered.json.next_page_token)}`,
    );
    expect(rest.json.model_versions.map((v: { version: string }) => v.version)).toEqual(['3']);
  });

  it('transitions stages case-insensitively, archives existing versions, and reports latest per stage', async () => {
    const t1 = await post('/model-versions/transition-stage', {
      name: 'alpha',
      version: '1',
      stage: 'production',
      archive_existing_versions: false,
    });
    expect(t1.model_version.current_stage).toBe('Production');
    await post('/model-versions/transition-stage', { name: 'alpha', version: '2', stage: 'PRODUCTION', archive_existing_versions: true });
    const v1 = await call(server, 'GET', `${API}/model-versions/get?name=alpha&version=1`);
    expect(v1.json.model_version.current_stage).toBe('Archived');
    const bad = await call(server, 'POST', `${API}/model-versions/transition-stage`, {
      name: 'alpha',
      version: '3',
      stage: 'None',
      archive_existing_versions: true,
    });
    expect(bad.status).toBe(400);
    const latest = await post('/registered-models/get-latest-versions', { name: 'alpha', stages: ['production'] });
    expect(latest.model_versions.map((v: { version: string }) => v.version)).toEqual(['2']);
    const all = await call(server, 'GET', `${API}/registered-models/get-latest-versions?name=alpha`);
    expect(all.json.model_versions.map((v: { current_stage: string }) => v.current_stage)).toEqual(['Archived', 'Production', 'None']);
  });

  it('sets and deletes tags, updates descriptions, gives download URIs', async () => {
    await post('/registered-models/set-tag', { name: 'beta', key: 'k', value: 'v' });
    expect((await call(server, 'GET', `${API}/registered-models/get?name=beta`)).json.registered_model.tags).toEqual([
      { key: 'k', value: 'v' },
    ]);
    await call(server, 'DELETE', `${API}/registered-models/delete-tag`, { name: 'beta', key: 'k' });
    expect((await call(server, 'GET', `${API}/registered-models/get?name=beta`)).json.registered_model.tags).toBeUndefined();
    await post('/model-versions/set-tag', { name: 'alpha', version: '3', key: 'q', value: 'ok' });
    const updated = await call(server, 'PATCH', `${API}/model-versions/update`, { name: 'alpha', version: '3', description: 'new' });
    expect(updated.json.model_version).toMatchObject({ description: 'new', tags: [{ key: 'q', value: 'ok' }] });
    await call(server, 'DELETE', `${API}/model-versions/delete-tag`, { name: 'alpha', version: '3', key: 'q' });
    expect((await call(server, 'GET', `${API}/model-versions/get?name=alpha&version=3`)).json.model_version.tags).toBeUndefined();
    const uri = await call(server, 'GET', `${API}/model-versions/get-download-uri?name=alpha&version=3`);
    expect(uri.json).toEqual({ artifact_uri: 's2' });
  });

  it('deletes versions (numbers are not reused, aliases go) and models', async () => {
    await post('/registered-models/alias', { name: 'alpha', alias: 'gone', version: '3' });
    expect((await call(server, 'DELETE', `${API}/model-versions/delete`, { name: 'alpha', version: '3' })).status).toBe(200);
    expect((await call(server, 'GET', `${API}/model-versions/get?name=alpha&version=3`)).status).toBe(404);
    expect((await call(server, 'GET', `${API}/registered-models/alias?name=alpha&alias=gone`)).status).toBe(400);
    const next = await post('/model-versions/create', { name: 'alpha', source: 's3' });
    expect(next.model_version.version).toBe('4');
    expect((await call(server, 'DELETE', `${API}/registered-models/delete`, { name: 'gamma' })).status).toBe(200);
    expect((await call(server, 'GET', `${API}/registered-models/get?name=gamma`)).status).toBe(404);
    expect((await call(server, 'DELETE', `${API}/registered-models/delete`, { name: 'gamma' })).status).toBe(404);
  });

  it('tracks runs: create, log metric/param/tag/batch, update', async () => {
    const exp = await post('/experiments/create', { name: 'tracking' });
    const byName = await call(server, 'GET', `${API}/experiments/get-by-name?experiment_name=tracking`);
    expect(byName.json.experiment).toMatchObject({
      experiment_id: exp.experiment_id,
      artifact_location: `mlflow-artifacts:/${exp.experiment_id}`,
    });
    const run = await post('/runs/create', { experiment_id: exp.experiment_id, run_name: 'r1', tags: [{ key: 'a', value: 'b' }] });
    const runId: string = run.run.info.run_id;
    expect(runId).toMatch(/^[0-9a-f]{32}$/);
    await post('/runs/log-metric', { run_id: runId, key: 'acc', value: 0.5, timestamp: 1, step: 0 });
    await post('/runs/log-parameter', { run_id: runId, key: 'C', value: '1.0' });
    await post('/runs/set-tag', { run_id: runId, key: 'x', value: 'y' });
    await post('/runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'acc', value: 0.9, timestamp: 2, step: 1 }],
      params: [{ key: 'D', value: '2' }],
    });
    const changed = await call(server, 'POST', `${API}/runs/log-parameter`, { run_id: runId, key: 'C', value: '2.0' });
    expect(changed.status).toBe(400);
    const done = await post('/runs/update', { run_id: runId, status: 'FINISHED' });
    expect(done.run_info).toMatchObject({ status: 'FINISHED', run_id: runId });
    expect(typeof done.run_info.end_time).toBe('number');
    const got = await call(server, 'GET', `${API}/runs/get?run_id=${runId}`);
    expect(got.json.run.data.metrics).toEqual([{ key: 'acc', value: 0.9, timestamp: 2, step: 1 }]);
    expect(got.json.run.data.params).toEqual([
      { key: 'C', value: '1.0' },
      { key: 'D', value: '2' },
    ]);
    expect(got.json.run.data.tags).toEqual(
      expect.arrayContaining([
        { key: 'x', value: 'y' },
        { key: 'mlflow.runName', value: 'r1' },
      ]),
    );
  });
});
