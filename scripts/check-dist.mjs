// Fails when any committed dist/ differs from a fresh bundle of its sources (CI runs this on a clean clone).
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDirs, bundleAction, staleFiles } from './bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let stale = 0;
for (const target of actionDirs(root)) {
  const files = staleFiles(join(root, target), await bundleAction(join(root, target)));
  for (const f of files) console.error(`stale: ${join(target, 'dist', f)}`);
  stale += files.length;
}
if (stale > 0) {
  console.error(`${stale} dist file(s) differ from a fresh build: run 'npm run build' and commit dist/.`);
  process.exit(1);
}
console.log('every dist/ matches a fresh build');
