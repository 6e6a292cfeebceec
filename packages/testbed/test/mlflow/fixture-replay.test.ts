// Replays every recorded MLflow 2.17.0 call against the simulation, after rebuilding the recorded state
// through the simulation's own REST API.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startMlflowServer, type MlflowServer } from '../../src/mlflow/index.js';
import {
  FIXTURES,
  MODEL_ARTIFACTS,
  call,
  normalize,
  readFixture,
  readFixtureJson,
  recordedCalls,
  shapeDiff,
  type Json,
  type RecordedCall,
} from './mlflow-test-helpers.js';

const EXPERIMENT_NAME = 'bikeshare-risk';

interface RecordedVersion {
  name: string;
  version: string;
  current_stage: string;
  last_updated_timestamp: number;
  source: string;
  run_id: string;
  tags?: { key: string; value: string }[];
}

let server: MlflowServer;
/** recorded run id -> local run id */
const runIds = new Map<string, string>();

function mapIds(text: string): string {
  let out = text;
  for (const [recorded, local] of runIds) out = out.split(recorded).join(local);
  return out;
}

async function ok(method: string, urlPath: string, body?: unknown): Promise<Json> {
  const res = await call(server, method, urlPath, body);
  if (res.status !== 200) throw new Error(`${method} ${urlPath} -> ${res.status} ${res.text}`);
  return res.json;
}

/** Rebuild the state calls 00-13 describe (experiment, runs, artifacts, model, versions, stages, aliases). */
async function seed(): Promise<void> {
  const model = readFixtureJson('01-registered-models-get.response.json').registered_model;
  const versions: RecordedVersion[] = [...readFixtureJson('09-model-versions-search-by-name.response.json').model_versions].sort(
    (a: RecordedVersion, b: RecordedVersion) => Number(a.version) - Number(b.version),
  );
  const recordedRun = readFixtureJson('30-runs-get.response.json').run;
  const { experiment_id } = await ok('POST', '/api/2.0/mlflow/experiments/create', { name: EXPERIMENT_NAME });
  expect(experiment_id).toBe(recordedRun.info.experiment_id);

  for (const v of versions) {
    const isRecorded = v.run_id === recordedRun.info.run_id;
    const tags = isRecorded
      ? recordedRun.data.tags.filter((t: { key: string }) => t.key !== 'mlflow.log-model.history')
      : [{ key: 'mlflow.user', value: recordedRun.info.user_id }];
    const created = await ok('POST', '/api/2.0/mlflow/runs/create', {
      experiment_id,
      user_id: recordedRun.info.user_id,
      run_name: isRecorded ? recordedRun.info.run_name : undefined,
      start_time: Date.now(),
      tags,
    });
    const localId: string = created.run.info.run_id;
    runIds.set(v.run_id, localId);
    if (isRecorded) {
      await ok('POST', '/api/2.0/mlflow/runs/log-batch', {
        run_id: localId,
        metrics: recordedRun.data.metrics,
        params: recordedRun.data.params,
        tags: recordedRun.data.tags
          .filter((t: { key: string }) => t.key === 'mlflow.log-model.history')
          .map((t: { key: string; value: string }) => ({ key: t.key, value: mapIds(t.value) })),
      });
    }
    for (const file of readdirSync(MODEL_ARTIFACTS)) {
      const res = await call(
        server,
        'PUT',
        `/api/2.0/mlflow-artifacts/artifacts/${experiment_id}/${localId}/artifacts/model/${file}`,
        readFileSync(path.join(MODEL_ARTIFACTS, file)),
      );
      expect(res.status).toBe(200);
    }
    await ok('POST', '/api/2.0/mlflow/runs/update', { run_id: localId, status: 'FINISHED', end_time: Date.now() });
  }

  await ok('POST', '/api/2.0/mlflow/registered-models/create', { name: model.name, description: model.description, tags: model.tags });
  for (const v of versions) {
    await ok('POST', '/api/2.0/mlflow/model-versions/create', { name: v.name, source: mapIds(v.source), run_id: runIds.get(v.run_id) });
    for (const tag of v.tags ?? []) {
      await ok('POST', '/api/2.0/mlflow/model-versions/set-tag', { name: v.name, version: v.version, ...tag });
    }
  }
  await waitAllReady(model.name, versions.length);
  // Stage changes in the order the recorded timestamps show.
  const staged = versions.filter((v) => v.current_stage !== 'None').sort((a, b) => a.last_updated_timestamp - b.last_updated_timestamp);
  for (const v of staged) {
    await ok('POST', '/api/2.0/mlflow/model-versions/transition-stage', {
      name: v.name,
      version: v.version,
      stage: v.current_stage,
      archive_existing_versions: true,
    });
  }
  for (const { alias, version } of model.aliases as { alias: string; version: string }[]) {
    await ok('POST', '/api/2.0/mlflow/registered-models/alias', { name: model.name, alias, version });
  }
}

async function waitAllReady(name: string, count: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const res = await ok('GET', `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`name='${name}'`)}`);
    const versions: { status: string }[] = res.model_versions ?? [];
    if (versions.length === count && versions.every((v) => v.status === 'READY')) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('model versions never became READY');
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

async function replay(recorded: RecordedCall): Promise<void> {
  const headers: Record<string, string> = recorded.contentType ? { 'content-type': recorded.contentType } : {};
  // A Buffer body keeps fetch from adding a Content-Type of its own (call 65 sends none).
  const body = recorded.body === undefined ? undefined : Buffer.from(mapIds(recorded.body));
  const res = await call(server, recorded.method, mapIds(recorded.path), body, headers);
  const label = `${recorded.name}: ${res.text.slice(0, 300)}`;
  expect({ call: label, status: res.status }).toEqual({ call: label, status: recorded.status });
  expect(mediaType(res.headers.get('content-type'))).toBe(mediaType(recorded.responseContentType));

  if (recorded.responseFile.endsWith('.json')) {
    const expected = JSON.parse(mapIds(readFixture(recorded.responseFile).toString('utf8')));
    expect(shapeDiff(expected, res.json)).toEqual([]);
    expect(normalize(res.json)).toEqual(normalize(expected));
    if (recorded.status >= 400) expect(res.text).toBe(mapIds(readFixture(recorded.responseFile).toString('utf8')));
  } else if (recorded.status >= 400) {
    expect(res.text).toBe(mapIds(readFixture(recorded.responseFile).toString('utf8')));
  } else {
    // Artifacts are served byte for byte (the uploaded files are the recorded ones, run ids included).
    expect(res.bytes.equals(readFixture(recorded.responseFile))).toBe(true);
  }
  if (recorded.responseFile.includes('mlflow-artifacts-download') && recorded.status === 200) {
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=${path.basename(recorded.path)}`);
  }
}

const calls = recordedCalls();

describe('fixture replay against the MLflow simulation', () => {
  beforeAll(async () => {
    server = await startMlflowServer({ timeScale: 0.02 });
    await seed();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('covers every recorded call', () => {
    const requestFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.request.txt'));
    expect(calls).toHaveLength(requestFiles.length);
    expect(calls.length).toBeGreaterThanOrEqual(54);
    const index = readFixtureJson('index.json').calls as { id: string }[];
    expect(calls.map((c) => c.id)).toEqual(index.map((c) => c.id));
  });

  // Calls run in recorded order: 20-27 change the state that later calls read.
  it.each(calls.map((c) => [c.name, c] as const))('%s', async (_name, recorded) => {
    await replay(recorded);
  });
});
