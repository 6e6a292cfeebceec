/**
 * npm run bench:startup — for each bundle: median wall time and peak RSS from process start to its clean input error
 * (no inputs given), over several runs, next to bare `node` in the same script as the baseline.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDirs } from '../scripts/bundle.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const root = join(import.meta.dirname, '..');
const rssFile = join(mkdtempSync(join(tmpdir(), 'bench-startup-')), 'rss');

function measure(args: string[]): { ms: number; rssMiB: number } {
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ['--require', join(root, 'bench', 'peak-rss.cjs'), ...args], {
      env: { PATH: process.env.PATH, BENCH_RSS_FILE: rssFile, GITHUB_OUTPUT: '/dev/null' },
      stdio: 'ignore',
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: median(times), rssMiB: median(rss) };
}

const baseline = measure(['-e', '']);
const rows = [['bare node (baseline)', baseline.ms, baseline.rssMiB, 1]];
for (const dir of actionDirs(root)) {
  const m = measure([join(root, dir, 'dist', 'index.js')]);
  rows.push([dir === '.' ? 'root action' : dir.replace('actions/', ''), m.ms, m.rssMiB, m.ms / baseline.ms]);
}
console.log(`startup to the clean input error, median of ${RUNS} runs, Node ${process.version}\n`);
console.log('| bundle | wall ms | peak RSS MiB | × bare node |\n|---|---:|---:|---:|');
for (const [name, ms, rss, ratio] of rows)
  console.log(`| ${String(name)} | ${Number(ms).toFixed(0)} | ${Number(rss).toFixed(1)} | ${Number(ratio).toFixed(2)} |`);
