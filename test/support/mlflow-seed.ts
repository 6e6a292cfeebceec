// Logs a model into an MLflow server the way the MLflow client does, through the REST API only: experiment, run,
// artifacts uploaded through the mlflow-artifacts proxy, registered model, version (waited until READY), stage, aliases.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { REPO_ROOT } from './repo.js';

/** The model directory real MLflow 2.17 wrote (MLmodel, model.pkl, conda.yaml, ...), recorded beside the repository. */
export const FIXTURE_MODEL_DIR = resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'mlflow', 'model-artifacts');

/** File contents by model-relative path; a string is a path on disk when `fromDisk` wraps it. */
export type SeedFiles = Record<string, Buffer | string | { readonly fromDisk: string }>;

export interface SeedOptions {
  readonly trackingUri: string;
  /** e.g. { authorization: 'Bearer ...' } when the server needs auth. */
  readonly headers?: Record<string, string>;
  readonly experimentName?: string;
  /** A directory to upload recursively (default: the recorded fixture model), or explicit files. */
  readonly files?: string | SeedFiles;
  /** Where in the run the model goes (default 'model'). */
  readonly artifactPath?: string;
  /** Register a new version of this model (created when missing); omit for a run-only model. */
  readonly modelName?: string;
  readonly stage?: 'Staging' | 'Production' | 'Archived' | 'None';
  readonly archiveExisting?: boolean;
  readonly aliases?: readonly string[];
  /** Wait until the version is READY (default true). */
  readonly waitReady?: boolean;
}

export interface SeededModel {
  readonly experimentId: string;
  readonly runId: string;
  /** The run's artifact root, e.g. mlflow-artifacts:/1/<run>/artifacts. */
  readonly artifactUri: string;
  /** The model's location: <artifactUri>/<artifactPath> (the version's source). */
  readonly source: string;
  /** runs:/<run>/<artifactPath> */
  readonly runUri: string;
  readonly name: string | undefined;
  readonly version: string | undefined;
  /** models:/<name>/<version> when registered. */
  readonly modelUri: string | undefined;
  /** Model-relative path -> size, as uploaded. */
  readonly files: Readonly<Record<string, number>>;
}

async function api(opts: SeedOptions, method: string, path: string, body?: unknown): Promise<any> {
  const url = `${opts.trackingUri.replace(/\/+$/, '')}/api/2.0/${path}`;
  const res = await fetch(method === 'GET' && body ? `${url}?${new URLSearchParams(body as Record<string, string>).toString()}` : url, {
    method,
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: method === 'GET' || body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`seed: ${method} ${path} -> ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

function listDir(dir: string): SeedFiles {
  const out: SeedFiles = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split(sep).join('/')] = { fromDisk: full };
    }
  };
  walk(dir);
  return out;
}

async function upload(opts: SeedOptions, proxyPath: string, content: SeedFiles[string]): Promise<number> {
  const url = `${opts.trackingUri.replace(/\/+$/, '')}/api/2.0/mlflow-artifacts/artifacts/${proxyPath.split('/').map(encodeURIComponent).join('/')}`;
  let body: RequestInit['body'];
  let size: number;
  if (typeof content === 'object' && 'fromDisk' in content) {
    size = statSync(content.fromDisk).size;
    body = Readable.toWeb(createReadStream(content.fromDisk)) as unknown as RequestInit['body'];
  } else {
    const buf = typeof content === 'string' ? Buffer.from(content) : content;
    size = buf.length;
    body = buf;
  }
  const res = await fetch(url, { method: 'PUT', headers: { ...opts.headers }, body, duplex: 'half' } as RequestInit);
  if (!res.ok) throw new Error(`seed: PUT ${proxyPath} -> ${res.status} ${await res.text()}`);
  return size;
}

/** Logs one model (a new run, and a new registered version when `modelName` is given) and returns where it went. */
export async function seedMlflowModel(opts: SeedOptions): Promise<SeededModel> {
  const experimentName = opts.experimentName ?? 'seeded-models';
  const experimentId: string = await api(opts, 'GET', 'mlflow/experiments/get-by-name', { experiment_name: experimentName })
    .then((r) => r.experiment.experiment_id as string)
    .catch(async () => (await api(opts, 'POST', 'mlflow/experiments/create', { name: experimentName })).experiment_id as string);
  const run = (await api(opts, 'POST', 'mlflow/runs/create', { experiment_id: experimentId, start_time: Date.now() })).run.info;
  const artifactUri: string = run.artifact_uri;
  const artifactPath = opts.artifactPath ?? 'model';
  const files = typeof opts.files === 'object' ? opts.files : listDir(opts.files ?? FIXTURE_MODEL_DIR);
  const root = artifactUri.replace(/^mlflow-artifacts:\/*/, '');
  const sizes: Record<string, number> = {};
  const entries = Object.entries(files);
  // A few uploads at a time, as the MLflow client's parallel artifact upload does.
  for (let i = 0; i < entries.length; i += 4)
    await Promise.all(
      entries.slice(i, i + 4).map(async ([rel, content]) => (sizes[rel] = await upload(opts, `${root}/${artifactPath}/${rel}`, content))),
    );
  await api(opts, 'POST', 'mlflow/runs/update', { run_id: run.run_id, status: 'FINISHED' });
  const source = `${artifactUri}/${artifactPath}`;
  const seeded = {
    experimentId,
    runId: run.run_id as string,
    artifactUri,
    source,
    runUri: `runs:/${run.run_id}/${artifactPath}`,
    files: sizes,
  };
  if (!opts.modelName) return { ...seeded, name: undefined, version: undefined, modelUri: undefined };

  const name = opts.modelName;
  await api(opts, 'POST', 'mlflow/registered-models/create', { name }).catch((error: unknown) => {
    if (!/RESOURCE_ALREADY_EXISTS/.test(String(error))) throw error;
  });
  const version: string = (await api(opts, 'POST', 'mlflow/model-versions/create', { name, source, run_id: run.run_id })).model_version
    .version;
  if (opts.waitReady ?? true) {
    for (let i = 0; ; i++) {
      const status = (await api(opts, 'GET', 'mlflow/model-versions/get', { name, version })).model_version.status;
      if (status === 'READY') break;
      if (i > 600) throw new Error(`seed: ${name} v${version} still ${status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (opts.stage)
    await api(opts, 'POST', 'mlflow/model-versions/transition-stage', {
      name,
      version,
      stage: opts.stage,
      archive_existing_versions: opts.archiveExisting ?? false,
    });
  for (const alias of opts.aliases ?? []) await api(opts, 'POST', 'mlflow/registered-models/alias', { name, alias, version });
  return { ...seeded, name, version, modelUri: `models:/${name}/${version}` };
}
