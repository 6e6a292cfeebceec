// The artifact proxy: uploads, byte-exact downloads, ranges, listings, large streamed files, cut downloads.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startMlflowServer, type MlflowServer } from '../../src/mlflow/index.js';
import { MODEL_ARTIFACTS, call } from './mlflow-test-helpers.js';

const PROXY = '/api/2.0/mlflow-artifacts/artifacts';
const files = readdirSync(MODEL_ARTIFACTS).sort();

describe('MLflow artifact proxy', () => {
  let server: MlflowServer;
  let runId: string;
  let modelDir: string;

  beforeAll(async () => {
    server = await startMlflowServer({ timeScale: 0.02 });
    const exp = await call(server, 'POST', '/api/2.0/mlflow/experiments/create', { name: 'artifacts' });
    const run = await call(server, 'POST', '/api/2.0/mlflow/runs/create', { experiment_id: exp.json.experiment_id });
    runId = run.json.run.info.run_id;
    expect(run.json.run.info.artifact_uri).toBe(`mlflow-artifacts:/${exp.json.experiment_id}/${runId}/artifacts`);
    modelDir = `${exp.json.experiment_id}/${runId}/artifacts/model`;
    for (const file of files) {
      const res = await call(server, 'PUT', `${PROXY}/${modelDir}/${file}`, readFileSync(path.join(MODEL_ARTIFACTS, file)));
      expect(res.status).toBe(200);
      expect(res.json).toEqual({});
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  it('downloads every fixture file byte for byte with MLflow headers', async () => {
    for (const file of files) {
      const res = await call(server, 'GET', `${PROXY}/${modelDir}/${file}`);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(readFileSync(path.join(MODEL_ARTIFACTS, file)))).toBe(true);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename=${file}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await call(server, 'GET', `${PROXY}/${modelDir}/model.pkl`)).headers.get('content-type')).toBe('application/octet-stream');
    expect((await call(server, 'GET', `${PROXY}/${modelDir}/MLmodel`)).headers.get('content-type')).toBe('text/plain');
  });

  it('serves byte ranges with 206 and rejects unsatisfiable ones with 416', async () => {
    const pkl = readFileSync(path.join(MODEL_ARTIFACTS, 'model.pkl'));
    const res = await call(server, 'GET', `${PROXY}/${modelDir}/model.pkl`, undefined, { range: 'bytes=10-99' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 10-99/${pkl.length}`);
    expect(res.bytes.equals(pkl.subarray(10, 100))).toBe(true);
    const tail = await call(server, 'GET', `${PROXY}/${modelDir}/model.pkl`, undefined, { range: 'bytes=-8' });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(pkl.subarray(pkl.length - 8))).toBe(true);
    const open = await call(server, 'GET', `${PROXY}/${modelDir}/model.pkl`, undefined, { range: 'bytes=800-' });
    expect(open.bytes.equals(pkl.subarray(800))).toBe(true);
    const bad = await call(server, 'GET', `${PROXY}/${modelDir}/model.pkl`, undefined, { range: `bytes=${pkl.length + 5}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${pkl.length}`);
  });

  it('lists through the proxy (basenames) and through artifacts/list (run-relative, root_uri)', async () => {
    const expected = files.map((f) => ({ path: f, is_dir: false, file_size: statSync(path.join(MODEL_ARTIFACTS, f)).size }));
    const proxy = await call(server, 'GET', `${PROXY}?path=${encodeURIComponent(modelDir)}`);
    expect(proxy.json).toEqual({ files: expected });
    const root = await call(server, 'GET', `${PROXY}?path=${encodeURIComponent(path.dirname(modelDir))}`);
    expect(root.json).toEqual({ files: [{ path: 'model', is_dir: true }] });
    const runList = await call(server, 'GET', `/api/2.0/mlflow/artifacts/list?run_id=${runId}&path=model`);
    expect(runList.json.root_uri).toBe(`mlflow-artifacts:/${path.dirname(modelDir)}`);
    expect(runList.json.files).toEqual(expected.map((e) => ({ ...e, path: `model/${e.path}` })));
    const missing = await call(server, 'GET', `${PROXY}?path=${encodeURIComponent(`${modelDir}/nope`)}`);
    expect(missing.status).toBe(200);
    expect(missing.json).toEqual({});
  });

  it('streams a large upload and download intact', async () => {
    const big = randomBytes(6 * 1024 * 1024 + 123);
    expect((await call(server, 'PUT', `${PROXY}/big/blob.bin`, big)).status).toBe(200);
    const res = await call(server, 'GET', `${PROXY}/big/blob.bin`);
    expect(res.headers.get('content-length')).toBe(String(big.length));
    expect(res.bytes.equals(big)).toBe(true);
  });

  it('cuts the next download after the configured number of bytes, once', async () => {
    await call(server, 'PUT', `${PROXY}/cut/data.bin`, randomBytes(256 * 1024));
    server.faults.cutDownloadAfterBytes(1000);
    const res = await fetch(`${server.url}${PROXY}/cut/data.bin`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += (value as Uint8Array).length;
        }
      })(),
    ).rejects.toThrow();
    expect(received).toBeLessThanOrEqual(1000);
    const next = await call(server, 'GET', `${PROXY}/cut/data.bin`);
    expect(next.bytes.length).toBe(256 * 1024);
  });

  it('rejects unsafe paths, reports missing files like MLflow, deletes', async () => {
    const traversal = await call(server, 'PUT', `${PROXY}/a/..%2F..%2Fescape.txt`, Buffer.from('x'));
    expect(traversal.status).toBe(400);
    expect(traversal.json).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid path' });
    const missing = await call(server, 'GET', `${PROXY}/nowhere/file.txt`);
    expect(missing.status).toBe(500);
    expect(missing.json.error_code).toBe('INTERNAL_ERROR');
    expect((await call(server, 'DELETE', `${PROXY}/big/blob.bin`)).status).toBe(200);
    expect((await call(server, 'GET', `${PROXY}/big/blob.bin`)).status).toBe(500);
  });
});
