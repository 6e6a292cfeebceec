import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: plain ESM build script without types
import { bundleAction, staleFiles, writeBundle } from '../scripts/bundle.mjs';
import { REPO_ROOT } from './support/repo.js';

type Bundle = (dir: string) => Promise<Map<string, Buffer>>;
type Stale = (dir: string, files: Map<string, Buffer>) => string[];
type Write = (dir: string, files: Map<string, Buffer>) => void;

describe('the committed dist/ freshness check', () => {
  // A scratch copy of an action inside actions/, so it resolves the workspace packages as the real one does.
  const scratch = join(REPO_ROOT, 'actions', `.dist-check-${process.pid}`);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('passes on a committed bundle and catches a source edited without a rebuild', async () => {
    cpSync(join(REPO_ROOT, 'actions', 'rollback'), scratch, { recursive: true });
    // Bundles name their modules by path, so the copy gets its own committed dist/ first; a second build must match it byte for byte.
    (writeBundle as Write)(scratch, await (bundleAction as Bundle)(scratch));
    expect((staleFiles as Stale)(scratch, await (bundleAction as Bundle)(scratch))).toEqual([]);

    const main = join(scratch, 'src', 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8') + '\nexport const editedWithoutRebuild = "yes";\n');
    expect((staleFiles as Stale)(scratch, await (bundleAction as Bundle)(scratch))).toContain('index.js');
  }, 120_000);
});
