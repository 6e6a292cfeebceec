import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleAction, staleFiles, writeBundle } from '../scripts/bundle.mjs';
import { REPO_ROOT } from './support/repo.js';

describe('the committed dist/ freshness check', () => {
  // A scratch copy of an action inside actions/, so it resolves the workspace packages as the real one does.
  const scratch = join(REPO_ROOT, 'actions', `.dist-check-${process.pid}`);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('passes on a committed bundle and catches a source edited without a rebuild', async () => {
    cpSync(join(REPO_ROOT, 'actions', 'rollback'), scratch, { recursive: true });
    // Bundles name their modules by path, so the copy gets its own committed dist/ first; a second build must match it byte for byte.
    writeBundle(scratch, await bundleAction(scratch));
    expect(staleFiles(scratch, await bundleAction(scratch))).toEqual([]);

    const main = join(scratch, 'src', 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8') + '\nexport const editedWithoutRebuild = "yes";\n');
    expect(staleFiles(scratch, await bundleAction(scratch))).toContain('index.js');
  }, 120_000);
});
