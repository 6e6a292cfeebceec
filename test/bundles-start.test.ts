import { ACTIONS } from '../src/action-registry.js';
import { readActionYml } from './support/repo.js';
import { runBundle } from './support/run-bundle.js';

const ALL = [...Object.entries(ACTIONS), ['mlops-actions', { dir: '.' }] as const];

describe.each(ALL)('%s bundle run as GitHub runs it', (name, entry) => {
  it('fails cleanly, naming each missing required input, before any remote call', async () => {
    const yml = readActionYml(entry.dir);
    const requiredInputs = Object.entries(yml.inputs ?? {})
      .filter(([, s]) => s.required)
      .map(([n]) => n);
    // Point every AWS and MLflow client at a closed port: a remote call would show as a connection error instead.
    const run = await runBundle(
      entry.dir,
      {},
      { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', MLFLOW_TRACKING_URI: 'http://127.0.0.1:9', AWS_REGION: 'us-east-1' },
    );
    expect(run.code).toBe(1);
    for (const input of requiredInputs) expect(run.stdout).toContain(`::error::${name}: input '${input}' = "": is required`);
    expect(run.stdout + run.stderr).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
    expect(run.outputs).toEqual({});
  });
});
