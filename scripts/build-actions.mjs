// Bundles every action (or those named: 'deploy-endpoint', '.', 'actions/rollback') into its committed dist/.
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDirs, bundleAction, writeBundle } from './bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const targets = actionDirs(root).filter((d) => wanted.length === 0 || wanted.includes(d) || wanted.includes(d.replace(/^actions\//, '')));
for (const target of targets) {
  const started = Date.now();
  const files = await bundleAction(join(root, target));
  writeBundle(join(root, target), files);
  console.log(`${target}: ${(files.get('index.js').length / 1024).toFixed(0)} KiB in ${files.size} files, ${Date.now() - started} ms`);
}
