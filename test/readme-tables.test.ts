import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, readActionYml } from './support/repo.js';

const SCRIPT = join(REPO_ROOT, 'scripts', 'action-tables.mjs');

/** Runs the generator as CI and users do; returns its exit code and output instead of throwing. */
async function tables(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: (e.stdout ?? '') + (e.stderr ?? '') };
  }
}

describe('README action tables', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'readme-tables-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('match the action.yml files (node scripts/action-tables.mjs --check)', async () => {
    const result = await tables('--check');
    expect(result).toEqual({ code: 0, output: expect.stringContaining('action tables are current') });
  });

  it('list every input and output of every action', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- action-tables:start -->'), readme.indexOf('<!-- action-tables:end -->'));
    for (const name of ['build-push-ecr', 'export-mlflow-model', 'deploy-endpoint', 'check-gate', 'promote', 'rollback']) {
      const yml = readActionYml(`actions/${name}`);
      expect(block).toContain(`### ${name}\n`);
      for (const key of [...Object.keys(yml.inputs ?? {}), ...Object.keys(yml.outputs ?? {})]) expect(block).toContain(`| \`${key}\` |`);
    }
  });

  it('--check fails on a README whose tables drifted, and a run repairs it without touching the rest', async () => {
    const copy = join(dir, 'README.md');
    const original = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    writeFileSync(copy, original.replace('| `endpoint-name` | yes |', '| `endpoint-nam` | yes |'));
    expect((await tables('--check', '--readme', copy)).code).toBe(1);
    expect((await tables('--readme', copy)).code).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(original);
  });

  it('appends the markers at the end of a README that has none', async () => {
    const copy = join(dir, 'plain.md');
    writeFileSync(copy, '# title\n\ntext\n');
    expect((await tables('--check', '--readme', copy)).code).toBe(1);
    expect((await tables('--readme', copy)).code).toBe(0);
    const written = readFileSync(copy, 'utf8');
    expect(written.startsWith('# title\n\ntext\n\n<!-- action-tables:start -->\n')).toBe(true);
    expect(written.endsWith('<!-- action-tables:end -->\n')).toBe(true);
    copyFileSync(copy, join(dir, 'again.md'));
    expect((await tables('--check', '--readme', join(dir, 'again.md'))).code).toBe(0);
  });
});
