import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './support/repo.js';

/** Processes of the world that must not outlive the demo. */
const WORLD_PROCESS = /moto_server|docker-registry|dockerd/;

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly args: string;
}

function processes(): Proc[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
}

/** World processes descended from `root` now (other suites' worlds, running beside this one, are not). */
function worldDescendants(root: number): Proc[] {
  const all = processes();
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: Proc[] = [];
  const walk = (pid: number): void => {
    for (const c of children.get(pid) ?? []) {
      if (WORLD_PROCESS.test(c.args)) out.push(c);
      walk(c.pid);
    }
  };
  walk(root);
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-test-'));
  const reportPath = join(dir, 'report.md');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the whole flow as expected, writes the report, and leaves nothing running', async () => {
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['demo/demo.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DEMO_REPORT: reportPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    // Watch the demo's process tree while it runs: every world process it starts is remembered by PID.
    const seen = new Map<number, string>();
    const watch = setInterval(() => {
      for (const p of worldDescendants(child.pid!)) seen.set(p.pid, p.args);
    }, 200);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(watch);

    expect(out).not.toMatch(/NOT AS EXPECTED|stopped early/);
    expect(code).toBe(0);
    expect(out).toContain(`Report: ${reportPath}`);
    expect(out).toContain('expected to FAIL');

    expect(existsSync(reportPath)).toBe(true);
    const report = readFileSync(reportPath, 'utf8');
    expect(report).toContain('# mlops-actions demo run');
    expect(report).toContain('✅ every step went as expected');
    expect(report).toContain('## Timeline');
    expect(report).toContain('## Steps');
    expect(report).toMatch(/```mermaid\ngantt/);
    for (const action of ['export-mlflow-model', 'deploy-endpoint', 'check-gate', 'promote', 'rollback'])
      expect(report).toContain(`\`actions/${action}/dist/index.js\``);
    // Each action's own step summary is in the report, charts included.
    expect(report).toContain('## Exported bikeshare_risk v2');
    expect(report).toContain('## ✅ deploy-endpoint: bikeshare-staging — succeeded');
    expect(report).toContain('## check-gate: bikeshare-admission');
    expect(report).toContain('## ✅ promote: bikeshare_risk v2 → bikeshare-prod');
    expect(report).toContain('**❌ FAIL** — failing: `candidate-5xx`');
    expect(report).toContain('## ↩️ rollback: bikeshare-prod — rolled back (weights)');
    expect(report.match(/```mermaid/g)!.length).toBeGreaterThan(5);
    expect(report).toContain('| failure | ✅ failure, as expected |');
    if (report.includes('a private dockerd') || report.includes('an engine already running'))
      expect(report).toContain('`actions/build-push-ecr/dist/index.js`');
    else expect(report).toContain('Push a prebuilt image');

    // Nothing the demo started survives it (the watcher must have seen the world's processes to say so).
    expect([...seen.values()].some((args) => args.includes('moto_server'))).toBe(true);
    expect([...seen.values()].some((args) => args.includes('docker-registry'))).toBe(true);
    for (let i = 0; i < 20 && [...seen.keys()].some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect([...seen].filter(([pid]) => alive(pid)).map(([pid, args]) => `${pid} ${args}`)).toEqual([]);
  }, 200_000);
});
