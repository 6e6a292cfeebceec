// Errors, faults, auth, persistence and the PENDING_REGISTRATION -> READY transition.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMlflowServer, type MlflowServer } from '../../src/mlflow/index.js';
import { call } from './mlflow-test-helpers.js';

const API = '/api/2.0/mlflow';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('MLflow simulation: errors and faults', () => {
  let server: MlflowServer;
  beforeAll(async () => {
    server = await startMlflowServer({ timeScale: 0.02 });
  });
  afterEach(() => {
    server.faults.reset();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers /health and /version', async () => {
    expect((await call(server, 'GET', '/health')).text).toBe('OK');
    expect((await call(server, 'GET', '/version')).text).toBe('2.17.0');
  });

  it('rejects bad requests the way MLflow does', async () => {
    const noType = await call(server, 'POST', `${API}/registered-models/create`, Buffer.from('{"name":"x"}'));
    expect(noType.status).toBe(400);
    expect(noType.json).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Bad Request. Content-Type header is missing.' });
    const wrongType = await call(server, 'POST', `${API}/registered-models/create`, '{"name":"x"}', { 'content-type': 'text/plain' });
    expect(wrongType.json.message).toBe("Bad Request. Content-Type must be one of ['application/json'].");
    const malformed = await call(server, 'POST', `${API}/registered-models/create`, '{"name": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.message).toMatch(/^Missing value for required parameter 'name'/);
    const notObject = await call(server, 'POST', `${API}/registered-models/create`, [1, 2]);
    expect(notObject.status).toBe(400);
    const wrongTypeValue = await call(server, 'POST', `${API}/registered-models/create`, { name: 5 });
    expect(wrongTypeValue.json.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(malformed.text).toMatch(/^\{"error_code": "INVALID_PARAMETER_VALUE", "message": /);
  });

  it('reports duplicates, unknown resources, unknown routes and wrong methods', async () => {
    expect((await call(server, 'POST', `${API}/registered-models/create`, { name: 'dup' })).status).toBe(200);
    const dup = await call(server, 'POST', `${API}/registered-models/create`, { name: 'dup' });
    expect(dup.status).toBe(400);
    expect(dup.json).toEqual({ error_code: 'RESOURCE_ALREADY_EXISTS', message: 'Registered Model (name=dup) already exists.' });
    expect((await call(server, 'POST', `${API}/experiments/create`, { name: 'e' })).status).toBe(200);
    expect((await call(server, 'POST', `${API}/experiments/create`, { name: 'e' })).json.error_code).toBe('RESOURCE_ALREADY_EXISTS');
    const noModel = await call(server, 'POST', `${API}/model-versions/create`, { name: 'ghost', source: 's' });
    expect(noModel.status).toBe(404);
    expect(noModel.json.message).toBe('Registered Model with name=ghost not found');
    expect((await call(server, 'GET', `${API}/experiments/get?experiment_id=42`)).status).toBe(404);
    expect((await call(server, 'GET', `${API}/experiments/get-by-name?experiment_name=none`)).status).toBe(404);
    const unknown = await call(server, 'GET', '/api/2.0/mlflow/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await call(server, 'PATCH', `${API}/runs/get`)).status).toBe(405);
  });

  it('fails the next N requests with 503 (or a given status), then recovers', async () => {
    server.faults.failNext(2);
    const first = await call(server, 'GET', `${API}/registered-models/search`);
    expect(first.status).toBe(503);
    expect(first.json.error_code).toBe('TEMPORARILY_UNAVAILABLE');
    expect((await call(server, 'GET', '/health')).status).toBe(503);
    expect((await call(server, 'GET', `${API}/registered-models/search`)).status).toBe(200);
    server.faults.failNext(1, 500);
    const fiveHundred = await call(server, 'GET', `${API}/registered-models/search`);
    expect(fiveHundred.status).toBe(500);
    expect(fiveHundred.json.error_code).toBe('INTERNAL_ERROR');
  });

  it('adds latency', async () => {
    server.faults.setLatencyMs(120);
    const started = Date.now();
    await call(server, 'GET', '/health');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('MLflow simulation: auth', () => {
  const basic = (u: string, p: string): Record<string, string> => ({
    authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
  });

  it('requires the bearer token when one is configured', async () => {
    const server = await startMlflowServer({ auth: { token: 's3cret' } });
    try {
      const none = await call(server, 'GET', `${API}/registered-models/search`);
      expect(none.status).toBe(401);
      expect(none.json.error_code).toBe('UNAUTHENTICATED');
      const wrong = await call(server, 'GET', `${API}/registered-models/search`, undefined, { authorization: 'Bearer nope' });
      expect(wrong.status).toBe(401);
      const right = await call(server, 'GET', `${API}/registered-models/search`, undefined, { authorization: 'Bearer s3cret' });
      expect(right.status).toBe(200);
      expect((await call(server, 'GET', '/health')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('requires basic credentials when username/password are configured', async () => {
    const server = await startMlflowServer({ auth: { username: 'alice', password: 'pw' } });
    try {
      const none = await call(server, 'GET', '/version');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Basic realm="mlflow"');
      expect((await call(server, 'GET', '/version', undefined, basic('alice', 'bad'))).status).toBe(401);
      expect((await call(server, 'GET', '/version', undefined, basic('alice', 'pw'))).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('MLflow simulation: model version lifecycle and persistence', () => {
  it('creates versions PENDING_REGISTRATION and turns them READY after the scaled delay', async () => {
    const server = await startMlflowServer({ timeScale: 0.25 });
    try {
      await call(server, 'POST', `${API}/registered-models/create`, { name: 'm' });
      const created = await call(server, 'POST', `${API}/model-versions/create`, {
        name: 'm',
        source: 'mlflow-artifacts:/0/r/artifacts/model',
      });
      expect(created.json.model_version.status).toBe('PENDING_REGISTRATION');
      expect(created.json.model_version.version).toBe('1');
      const early = await call(server, 'GET', `${API}/model-versions/get?name=m&version=1`);
      expect(early.json.model_version.status).toBe('PENDING_REGISTRATION');
      await sleep(90);
      const late = await call(server, 'GET', `${API}/model-versions/get?name=m&version=1`);
      expect(late.json.model_version.status).toBe('READY');
    } finally {
      await server.stop();
    }
  });

  it('keeps state and artifacts in persistDir across a restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mlflow-persist-test-'));
    try {
      const first = await startMlflowServer({ persistDir: dir, timeScale: 0.01 });
      const exp = await call(first, 'POST', `${API}/experiments/create`, { name: 'persisted' });
      const run = await call(first, 'POST', `${API}/runs/create`, { experiment_id: exp.json.experiment_id });
      const runId: string = run.json.run.info.run_id;
      await call(first, 'POST', `${API}/registered-models/create`, { name: 'kept', tags: [{ key: 't', value: 'v' }] });
      await call(first, 'POST', `${API}/model-versions/create`, { name: 'kept', source: 'src', run_id: runId });
      await sleep(20);
      await call(first, 'POST', `${API}/registered-models/alias`, { name: 'kept', alias: 'champion', version: '1' });
      await call(first, 'PUT', `/api/2.0/mlflow-artifacts/artifacts/${exp.json.experiment_id}/${runId}/artifacts/f.txt`, Buffer.from('hi'));
      await first.stop();

      const second = await startMlflowServer({ persistDir: dir });
      try {
        const got = await call(second, 'GET', `${API}/registered-models/alias?name=kept&alias=champion`);
        expect(got.status).toBe(200);
        expect(got.json.model_version).toMatchObject({ version: '1', status: 'READY', run_id: runId, aliases: ['champion'] });
        expect((await call(second, 'GET', `${API}/runs/get?run_id=${runId}`)).status).toBe(200);
        const file = await call(second, 'GET', `/api/2.0/mlflow-artifacts/artifacts/${exp.json.experiment_id}/${runId}/artifacts/f.txt`);
        expect(file.text).toBe('hi');
        const exp2 = await call(second, 'POST', `${API}/experiments/create`, { name: 'next' });
        expect(Number(exp2.json.experiment_id)).toBe(Number(exp.json.experiment_id) + 1);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
