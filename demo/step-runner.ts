// Runs a committed action bundle (actions/<name>/dist/index.js) the way GitHub's runner does: inputs as INPUT_<NAME>,
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, a RUNNER_TEMP, and only the environment it is given.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandFile } from '@mlops-actions/action-kit/command-file';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BundleResult {
  readonly code: number | null;
  /** stdout and stderr as they came. */
  readonly log: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly state: Record<string, string>;
  readonly durationMs: number;
  readonly timedOut: boolean;
}

export interface BundleOptions {
  /** The action's working directory (the job's workspace). */
  readonly cwd: string;
  /** Where this step's GITHUB_* files and RUNNER_TEMP go. */
  readonly scratch: string;
  /** Run the post step (STATE_isPost) with the main step's saved state. */
  readonly post?: { readonly state: Record<string, string> };
  /** A bundle that outlives this is killed: a demo that hangs is worse than one that fails. */
  readonly timeoutMs?: number;
}

/** Children running now, so that Ctrl-C can end them (by PID) before the world stops. */
const running = new Set<ChildProcess>();

/** SIGTERM (an action may clean up, as on a cancelled GitHub job), then SIGKILL for what still runs 3 s later. */
export function killRunningSteps(): void {
  const signal = (child: ChildProcess, name: NodeJS.Signals): void => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, name);
  };
  const now = [...running];
  for (const child of now) signal(child, 'SIGTERM');
  if (now.length > 0) setTimeout(() => now.forEach((child) => signal(child, 'SIGKILL')), 3000).unref();
}

export async function runBundle(
  action: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  options: BundleOptions,
): Promise<BundleResult> {
  const dir = mkdtempSync(join(options.scratch, `${action}-`));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_STATE: join(dir, 'state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const inputEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const stateEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.post?.state ?? {})) stateEnv[`STATE_${name}`] = value;

  const started = Date.now();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'actions', action, 'dist', 'index.js')], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      RUNNER_TEMP: dir,
      ...files,
      ...inputEnv,
      ...stateEnv,
      ...(options.post ? { STATE_isPost: 'true' } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  }, options.timeoutMs ?? 90_000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  running.delete(child);
  return {
    code: timedOut ? null : code,
    log: timedOut ? `${log}\n::error::the demo stopped this step after ${(options.timeoutMs ?? 90_000) / 1000} s\n` : log,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    durationMs: Date.now() - started,
    timedOut,
  };
}

const MARKS: Record<string, string> = { group: '▸', error: '✖', warning: '⚠', notice: 'ℹ' };

/**
 * The AWS SDK's notice that its 2027 releases need Node 22 (printed on this machine's Node 20; GitHub runs the bundles
 * on Node 24): the same nine lines in every step, so the terminal leaves them out. The report keeps the full log.
 */
export function withoutNodeVersionNotice(log: string): string {
  return log.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning:[\s\S]*?to show where the warning was created\)\n?/g, '');
}

/**
 * A log as a reader wants it in a terminal: workflow commands turned into marks (groups, errors, warnings), masks and
 * debug lines dropped, and the middle of a long log elided.
 */
export function condenseLog(log: string, maxLines = 24): string[] {
  const lines: string[] = [];
  for (const raw of withoutNodeVersionNotice(log).split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('::endgroup::') || line.startsWith('::add-mask::') || line.startsWith('::debug::')) continue;
    const command = /^::(group|error|warning|notice)(?: [^:]*)?::(.*)$/.exec(line);
    if (!command) lines.push(line);
    else lines.push(`${MARKS[command[1]!] ?? ''} ${command[2] ?? ''}`);
  }
  if (lines.length <= maxLines) return lines;
  const head = Math.ceil(maxLines / 2);
  const tail = maxLines - head;
  return [...lines.slice(0, head), `… ${lines.length - maxLines} more lines (full log in the report) …`, ...lines.slice(-tail)];
}
