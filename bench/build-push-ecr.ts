/**
 * build-push-ecr: cold vs warm build+push of the same context, with a slow step (RUN of a sleeper) and a payload
 * layer. Between runs every local image is removed, as on a fresh hosted runner: the warm run's layers can only
 * come from the registry (`cache: true`). A third run with `cache: false` is the baseline that shows the
 * cache, not the engine, made the difference.
 *
 *   npx tsx bench/build-push-ecr.ts [--sleep 5] [--payload-mb 8]
 */
import { parseArgs } from 'node:util';
import { slowContext, slowStepUnsupported } from '../test/support/build-push-ecr-contexts.js';
import { BuildPushWorld } from '../test/support/build-push-ecr-world.js';
import type { BundleRun } from '../test/support/run-bundle.js';

const { values } = parseArgs({ options: { sleep: { type: 'string', default: '5' }, 'payload-mb': { type: 'string', default: '8' } } });
const sleepS = Number(values.sleep);
const payloadMb = Number(values['payload-mb']);

interface Measured {
  readonly label: string;
  readonly wallMs: number;
  readonly buildS: number;
  readonly pushS: number;
  readonly cache: string;
}

const row = (summary: string, name: string): string => new RegExp(`\\| ${name} \\| ([^|\\n]*) \\|`).exec(summary)?.[1]?.trim() ?? '';
const secondsOf = (text: string): number => Number(/([\d.]+) s/.exec(text)?.[1] ?? 'NaN');

async function measure(w: BuildPushWorld, label: string, inputs: Record<string, string>): Promise<Measured> {
  await w.forgetLocalImages();
  const started = performance.now();
  // Each run is a new workflow run, as in a pipeline: its run URL label differs.
  const run: BundleRun = await w.run(inputs, { GITHUB_RUN_ID: String(Date.now()) });
  const wallMs = performance.now() - started;
  if (run.code !== 0) throw new Error(`${label} failed:\n${run.stdout.slice(-3000)}`);
  await w.post(run);
  return {
    label,
    wallMs,
    buildS: secondsOf(row(run.summary, 'Build time')),
    pushS: secondsOf(row(run.summary, 'Push time')),
    cache: row(run.summary, 'Cache'),
  };
}

const unsupported = slowStepUnsupported();
if (unsupported) {
  console.error(`bench/build-push-ecr: ${unsupported}`);
  process.exit(2);
}
const w = await BuildPushWorld.start();
try {
  w.requireDocker();
  const ctx = slowContext(sleepS, payloadMb * 1024 * 1024, w.scratch);
  const base = { repository: 'bench/model-server', context: ctx.dir };
  const cold = await measure(w, 'cold (empty repository)', { ...base, tags: 'cold' });
  const warm = await measure(w, 'warm, cache: true', { ...base, tags: 'warm' });
  const nocache = await measure(w, 'warm, cache: false', { ...base, tags: 'nocache', cache: 'false' });

  console.log(`\nbuild-push-ecr: slow step ${sleepS} s, payload ${payloadMb} MiB, classic builder unless buildx is installed`);
  console.log(
    'run                         wall     build+push   vs cold   cache (build+push excludes the cache pull; wall includes everything)',
  );
  for (const m of [cold, warm, nocache]) {
    const bp = m.buildS + (Number.isNaN(m.pushS) ? 0 : m.pushS);
    const coldBp = cold.buildS + (Number.isNaN(cold.pushS) ? 0 : cold.pushS);
    console.log(
      `${m.label.padEnd(26)} ${(m.wallMs / 1000).toFixed(2).padStart(6)} s ${bp.toFixed(2).padStart(8)} s ${(coldBp / bp).toFixed(1).padStart(7)}x   ${m.cache.replace(/`/g, '')}`,
    );
  }
  // The gate is on wall time: it includes login, the cache pull, reading the digest back and node's start.
  const ratio = cold.wallMs / warm.wallMs;
  const ok = ratio >= 3;
  console.log(`\nwarm run (wall) is ${ratio.toFixed(1)}x faster than cold: ${ok ? 'meets' : 'MISSES'} the 3x target`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await w.stop();
}
