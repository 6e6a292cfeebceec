// One action's bundle: ncc compiles <dir>/src/index.ts into the files of <dir>/dist.
import ncc from '@vercel/ncc';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** @returns {Promise<Map<string, Buffer>>} file name (relative to dist/) -> content */
export async function bundleAction(dir) {
  const { code, assets } = await ncc(join(dir, 'src', 'index.ts'), {
    minify: false,
    sourceMap: false,
    quiet: true,
    target: 'es2022',
    license: 'licenses.txt',
    cache: false,
  });
  const files = new Map([['index.js', Buffer.from(code)]]);
  for (const [name, asset] of Object.entries(assets ?? {})) files.set(name, Buffer.from(asset.source));
  return files;
}

export function writeBundle(dir, files) {
  const dist = join(dir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  for (const [name, content] of files) {
    mkdirSync(dirname(join(dist, name)), { recursive: true });
    writeFileSync(join(dist, name), content);
  }
}

function listFiles(root, dir = root) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path)];
  });
}

/** Names of dist/ files that differ from, are missing in, or are extra to a fresh bundle. */
export function staleFiles(dir, files) {
  const dist = join(dir, 'dist');
  const stale = [];
  for (const [name, content] of files) {
    const path = join(dist, name);
    if (!existsSync(path) || !readFileSync(path).equals(content)) stale.push(name);
  }
  for (const name of listFiles(dist)) if (!files.has(name)) stale.push(name);
  return stale;
}

/** Every bundled action: the root action ('.') and each folder of actions/. */
export function actionDirs(root) {
  return ['.', ...readdirSync(join(root, 'actions')).map((name) => join('actions', name))].filter((d) =>
    existsSync(join(root, d, 'src', 'index.ts')),
  );
}
