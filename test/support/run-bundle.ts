import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './repo.js';
import { parseCommandFile } from '@mlops-actions/action-kit/command-file';

export interface BundleRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly state: Record<string, string>;
}

/**
 * Runs a committed bundle as GitHub's runner does: inputs as INPUT_<NAME> (upper-cased, hyphens kept),
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, and the given environment (nothing else of the test's).
 */
export async function runBundle(
  actionDir: string,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  opts: { post?: boolean; state?: Record<string, string>; cwd?: string } = {},
): Promise<BundleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-run-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_STATE: join(dir, 'state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const inputEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const stateEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(opts.state ?? {})) stateEnv[`STATE_${name}`] = value;
  const child = spawn(process.execPath, [join(REPO_ROOT, actionDir, 'dist', 'index.js')], {
    cwd: opts.cwd ?? dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      RUNNER_TEMP: dir,
      ...files,
      ...inputEnv,
      ...stateEnv,
      ...(opts.post ? { STATE_isPost: 'true' } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    code,
    stdout,
    stderr,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
  };
}
