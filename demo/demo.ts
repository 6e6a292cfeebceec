// npm run demo: the whole suite on one machine. Starts the local world, runs the scenario of demo-flow.ts through
// the committed bundles, prints each step, writes a Markdown report, and always stops everything it started.
// Exit code: 0 when every step went as expected (the induced failure failing, the rollback succeeding), 1 otherwise,
// 130 on Ctrl-C.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runFlow } from './demo-flow.js';
import { renderReport } from './demo-report.js';
import { StepRecorder } from './demo-steps.js';
import { DOCKER_HINT, startDemoWorld, type DemoWorld } from './demo-world.js';
import { killRunningSteps, REPO_ROOT } from './step-runner.js';

/** The demo stops itself before the 3 minutes it promises. */
const BUDGET_MS = 170_000;

const print = (line: string): void => void process.stdout.write(`${line}\n`);

// The SDK clients in this process would print the same Node-version notice as every bundle (see step-runner.ts).
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? `${String(rest[0])} ${warning}` : `${warning.name} ${warning.message}`;
  if (!text.includes('NodeVersionSupportWarning')) (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

function commitSha(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return randomBytes(20).toString('hex');
  }
}

function dockerLine(dw: DemoWorld | undefined): string {
  if (!dw) return 'not reached';
  const { docker, dockerUnavailable } = dw.world;
  if (docker)
    return docker.started
      ? 'a private dockerd started for the run (vfs storage), stopped at the end'
      : 'an engine already running (reused)';
  return `none (${dockerUnavailable ?? 'unknown reason'}): a prebuilt image was pushed over the registry API instead of a build`;
}

async function main(): Promise<number> {
  const reportPath = resolve(process.env.DEMO_REPORT ?? 'demo-report.md');
  const startedAt = new Date();
  const scratch = mkdtempSync(join(tmpdir(), 'mlops-demo-'));
  const workspace = join(scratch, 'workspace');
  const home = join(scratch, 'home');
  mkdirSync(join(home, '.docker'), { recursive: true }); // a private HOME: the user's ~/.docker is never touched
  mkdirSync(workspace, { recursive: true });
  const sha = commitSha();
  let dw: DemoWorld | undefined;
  let aborted: string | undefined;

  const env = (): Record<string, string> => ({
    ...(dw?.env ?? {}),
    HOME: home,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: 'acme/bike-share',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: String(Date.now() % 1e9),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'demo-user',
    GITHUB_WORKFLOW: 'mlops-actions demo',
  });
  const rec = new StepRecorder(env, { workspace, scratch }, print);

  let cleaned: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaned ??= (async () => {
      killRunningSteps();
      if (dw) {
        await dw.removeImages().catch(() => undefined);
        await dw.stop();
      }
      rmSync(scratch, { recursive: true, force: true });
    })());
  const report = (): void => {
    writeFileSync(
      reportPath,
      renderReport({ startedAt, totalMs: Date.now() - startedAt.getTime(), docker: dockerLine(dw), sha, steps: rec.steps, aborted }),
    );
  };
  // Ctrl-C, SIGTERM or the budget: end the running bundle and the world; the flow then fails fast and main() reports.
  // Should it not (a call stuck somewhere), the report is written and the process ends 10 s later regardless.
  let earlyCode: number | undefined;
  const stopEarly = (why: string, code: number): void => {
    if (earlyCode !== undefined) return;
    earlyCode = code;
    aborted = why;
    rec.stop(why);
    print(`\n✖ ${why}: stopping the local world…`);
    void cleanup().finally(() =>
      setTimeout(() => {
        report();
        process.exit(code);
      }, 10_000).unref(),
    );
  };
  process.on('SIGINT', () => stopEarly('interrupted (SIGINT)', 130));
  process.on('SIGTERM', () => stopEarly('terminated (SIGTERM)', 143));
  const watchdog = setTimeout(() => stopEarly(`over the ${BUDGET_MS / 1000} s budget`, 1), BUDGET_MS);
  watchdog.unref();

  print(`mlops-actions demo · commit ${sha.slice(0, 12)} · report: ${reportPath}`);
  try {
    await rec.task('setup', 'Start the local world', async () => {
      dw = await startDemoWorld(print);
      const rows = Object.entries(dw.env)
        .filter(([k]) => !/SECRET|ACCESS_KEY/.test(k))
        .map(([k, v]) => `| \`${k}\` | \`${v}\` |`);
      return { summary: `### Local world\n\nDocker engine: ${dockerLine(dw)}\n\n| variable | value |\n| --- | --- |\n${rows.join('\n')}` };
    });
    if (!dw) throw new Error('the local world did not start');
    await runFlow({ dw, rec, workspace, sha });
  } catch (error) {
    aborted ??= error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
  report();
  const unexpected = rec.unexpected;
  const total = ((Date.now() - startedAt.getTime()) / 1000).toFixed(1);
  print('');
  if (aborted) print(`✖ The demo stopped early: ${aborted}`);
  else if (unexpected.length > 0)
    print(`✖ ${unexpected.length} step(s) did not go as expected: ${unexpected.map((s) => `${s.n}. ${s.title}`).join('; ')}`);
  else print(`✔ All ${rec.steps.length} steps went as expected in ${total} s (the induced failure failed; the rollback succeeded).`);
  if (dw?.world.dockerUnavailable) for (const line of DOCKER_HINT) print(line);
  print(`Report: ${reportPath}`);
  return earlyCode ?? (aborted || unexpected.length > 0 ? 1 : 0);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    print(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
