import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './repo.js';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `bin/mlops-actions.mjs` as a user would, from `cwd` or a scratch directory (removed afterwards), with only the given environment
 * (plus PATH and HOME): nothing of the test process leaks into what the CLI sees.
 */
export async function runCliProcess(args: readonly string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<CliRun> {
  const scratch = cwd === undefined ? mkdtempSync(join(tmpdir(), 'cli-run-')) : undefined;
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'mlops-actions.mjs'), ...args], {
    cwd: cwd ?? scratch,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  return { code, stdout, stderr };
}
