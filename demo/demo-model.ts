// The demo's model: files in the layout real MLflow 2.x writes for a scikit-learn model (MLmodel with the
// python_function flavor, conda.yaml, python_env.yaml, requirements.txt, model.pkl, input example), generated here so
// the demo needs nothing outside the repository; and logging it into an MLflow server through the REST API only, as
// the MLflow client does (experiment, run, artifacts through the mlflow-artifacts proxy, registered version, stage).
import { createHash, randomUUID } from 'node:crypto';

export type ModelFiles = Record<string, Buffer>;

const REQUIREMENTS = ['mlflow==2.17.0', 'cloudpickle==2.2.0', 'numpy==1.26.4', 'scikit-learn==1.2.1', 'scipy==1.10.1'];
const FEATURES = ['hour', 'temp', 'station_id'];

/**
 * A real pickle (protocol 2) of plain data: {"model": ..., "coef": [...], "intercept": ..., "trained_on": ...}.
 * Python's pickle.load reads it; it is the weights a serving container would load, small enough to read in a report.
 */
export function pickleWeights(model: string, coef: readonly number[], intercept: number, trainedOn: string): Buffer {
  const parts: Buffer[] = [Buffer.from([0x80, 0x02]), Buffer.from('}(')];
  const str = (s: string): void => {
    const bytes = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(bytes.length);
    parts.push(Buffer.from('X'), len, bytes);
  };
  const float = (x: number): void => {
    const b = Buffer.alloc(9);
    b.write('G');
    b.writeDoubleBE(x, 1);
    parts.push(b);
  };
  str('model');
  str(model);
  str('coef');
  parts.push(Buffer.from('](')); // EMPTY_LIST, MARK
  coef.forEach(float);
  parts.push(Buffer.from('e')); // APPENDS
  str('intercept');
  float(intercept);
  str('trained_on');
  str(trainedOn);
  parts.push(Buffer.from('u.')); // SETITEMS, STOP
  return Buffer.concat(parts);
}

/** The files of one model version; `seed` makes the weights (and so the content hash) differ between versions. */
export function modelFiles(runId: string, seed: number): ModelFiles {
  const coef = FEATURES.map((_, i) => Math.round(Math.sin(seed * 7 + i) * 1e6) / 1e6);
  const pkl = pickleWeights('LogisticRegression', coef, seed / 10, new Date().toISOString().slice(0, 10));
  const signature = JSON.stringify(FEATURES.map((name) => ({ type: 'double', name, required: true })));
  const mlmodel = [
    'artifact_path: model',
    'flavors:',
    '  python_function:',
    '    env:',
    '      conda: conda.yaml',
    '      virtualenv: python_env.yaml',
    '    loader_module: mlflow.sklearn',
    '    model_path: model.pkl',
    '    predict_fn: predict',
    '    python_version: 3.11.2',
    '  sklearn:',
    '    code: null',
    '    pickled_model: model.pkl',
    '    serialization_format: cloudpickle',
    '    sklearn_version: 1.2.1',
    'mlflow_version: 2.17.0',
    `model_size_bytes: ${pkl.length}`,
    `model_uuid: ${randomUUID().replace(/-/g, '')}`,
    `run_id: ${runId}`,
    'saved_input_example_info:',
    '  artifact_path: input_example.json',
    '  pandas_orient: split',
    '  type: dataframe',
    'signature:',
    `  inputs: '${signature}'`,
    `  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'`,
    '  params: null',
    `utc_time_created: '${new Date().toISOString().replace('T', ' ').replace('Z', '')}'`,
    '',
  ].join('\n');
  const conda = [
    'channels:',
    '- conda-forge',
    'dependencies:',
    '- python=3.11.2',
    '- pip<=23.0.1',
    '- pip:',
    ...REQUIREMENTS.map((r) => `  - ${r}`),
    'name: mlflow-env',
    '',
  ].join('\n');
  const pythonEnv = [
    'python: 3.11.2',
    'build_dependencies:',
    '- pip==23.0.1',
    '- setuptools==66.1.1',
    'dependencies:',
    '- -r requirements.txt',
    '',
  ];
  return {
    MLmodel: Buffer.from(mlmodel),
    'conda.yaml': Buffer.from(conda),
    'python_env.yaml': Buffer.from(pythonEnv.join('\n')),
    'requirements.txt': Buffer.from(REQUIREMENTS.join('\n') + '\n'),
    'model.pkl': pkl,
    'input_example.json': Buffer.from(JSON.stringify({ columns: FEATURES, data: [[8, 12.5, 72]] })),
  };
}

export interface SeededVersion {
  readonly name: string;
  readonly version: string;
  readonly runId: string;
  readonly stage: string;
  /** SHA-256 of model.pkl, to show which weights each step shipped. */
  readonly weightsSha256: string;
  readonly files: readonly string[];
}

interface Json {
  [key: string]: unknown;
}

/** The MLflow REST API, JSON in and out; an error names the call and the server's answer. */
async function api(trackingUri: string, method: 'GET' | 'POST', path: string, body: Record<string, unknown>): Promise<Json> {
  const base = `${trackingUri.replace(/\/+$/, '')}/api/2.0/mlflow/${path}`;
  const url = method === 'GET' ? `${base}?${new URLSearchParams(body as Record<string, string>).toString()}` : base;
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`MLflow ${method} ${path}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as Json;
}

const field = (obj: unknown, ...path: string[]): string => {
  let at = obj;
  for (const key of path) at = (at as Json | undefined)?.[key];
  if (typeof at !== 'string') throw new Error(`MLflow answer without ${path.join('.')}: ${JSON.stringify(obj)}`);
  return at;
};

/** Logs one new version of `name` with generated files and moves it to `stage` ('None' leaves it unstaged). */
export async function seedModelVersion(trackingUri: string, name: string, seed: number, stage: string): Promise<SeededVersion> {
  const experiment = await api(trackingUri, 'GET', 'experiments/get-by-name', { experiment_name: 'bikeshare-demo' })
    .then((r) => field(r, 'experiment', 'experiment_id'))
    .catch(async () => field(await api(trackingUri, 'POST', 'experiments/create', { name: 'bikeshare-demo' }), 'experiment_id'));
  const run = (await api(trackingUri, 'POST', 'runs/create', { experiment_id: experiment, start_time: Date.now() })).run;
  const runId = field(run, 'info', 'run_id');
  const artifactUri = field(run, 'info', 'artifact_uri');
  const files = modelFiles(runId, seed);
  const root = artifactUri.replace(/^mlflow-artifacts:\/*/, '');
  for (const [rel, content] of Object.entries(files)) {
    const path = `${root}/model/${rel}`.split('/').map(encodeURIComponent).join('/');
    const res = await fetch(`${trackingUri.replace(/\/+$/, '')}/api/2.0/mlflow-artifacts/artifacts/${path}`, {
      method: 'PUT',
      body: content,
    });
    if (!res.ok) throw new Error(`MLflow artifact upload ${rel}: HTTP ${res.status} ${await res.text()}`);
  }
  await api(trackingUri, 'POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  await api(trackingUri, 'POST', 'registered-models/create', { name }).catch((error: unknown) => {
    if (!String(error).includes('RESOURCE_ALREADY_EXISTS')) throw error;
  });
  const created = await api(trackingUri, 'POST', 'model-versions/create', { name, source: `${artifactUri}/model`, run_id: runId });
  const version = field(created, 'model_version', 'version');
  for (
    let i = 0;
    field(await api(trackingUri, 'GET', 'model-versions/get', { name, version }), 'model_version', 'status') !== 'READY';
    i++
  ) {
    if (i > 300) throw new Error(`MLflow: ${name} v${version} never became READY`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (stage !== 'None')
    await api(trackingUri, 'POST', 'model-versions/transition-stage', { name, version, stage, archive_existing_versions: false });
  return {
    name,
    version,
    runId,
    stage,
    weightsSha256: createHash('sha256').update(files['model.pkl']!).digest('hex'),
    files: Object.keys(files),
  };
}

/** The stage a version is in now. */
export async function stageOf(trackingUri: string, name: string, version: string): Promise<string> {
  return field(await api(trackingUri, 'GET', 'model-versions/get', { name, version }), 'model_version', 'current_stage');
}
