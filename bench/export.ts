/**
 * npm run bench:export [-- --gib <n>] — export-mlflow-model against the local world, next to baselines on the same
 * model and the same S3 (moto):
 *   (a) what mlflow.sagemaker does: Python tarfile 'w:gz' to disk, then `aws s3 cp` of the file;
 *   (b) streaming `tar -czf - | aws s3 cp -`;
 *   (c) `aws s3 cp --recursive` of the model folder: no download, no compression — the upload floor of this S3.
 * The model: float32 shards of Gaussian noise (weight-like: gzip saves only ~7%) plus many small text files.
 * Baselines read the model from local disk (they skip the MLflow download the action does, which favours them).
 * Wall time, throughput (model bytes / wall), peak RSS (largest process, /usr/bin/time %M) and stored size for each,
 * with ratios; then deflate on one core, LZ77 at level 1 vs Huffman coding alone, on one shard.
 * moto keeps objects in memory here (MOTO_S3_DEFAULT_KEY_BUFFER_SIZE): by default it spools every object over 5 MiB
 * to a temporary file and reads it back whole for each copy, which no real S3 does; every row uses the same server.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { constants, deflateRawSync } from 'node:zlib';
import { CreateBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startWorld } from '@mlops-actions/testbed';
import { seedMlflowModel } from '../test/support/mlflow-seed.js';

const arg = process.argv.indexOf('--gib');
const GIB = arg > 0 ? Number(process.argv[arg + 1]) : 0.25;
const SHARD = 64 * 1024 * 1024;
const SMALL_FILES = 300;
const root = join(import.meta.dirname, '..');

interface Measure {
  name: string;
  seconds: number;
  rssMiB: number;
  output: string;
  /** Bytes stored in S3 by the run. */
  storedBytes?: number;
}

function gaussianShard(bytes: number, seed: number): Buffer {
  const floats = new Float32Array(bytes / 4);
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  for (let i = 0; i < floats.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(next())) * 0.02;
    const t = 2 * Math.PI * next();
    floats[i] = r * Math.cos(t);
    floats[i + 1] = r * Math.sin(t);
  }
  return Buffer.from(floats.buffer);
}

async function buildModel(dir: string): Promise<number> {
  mkdirSync(join(dir, 'data', 'tokenizer'), { recursive: true });
  writeFileSync(
    join(dir, 'MLmodel'),
    'artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.pytorch\n    data: data\n',
  );
  writeFileSync(join(dir, 'requirements.txt'), 'mlflow==2.17.0\ntorch==2.4.0\n');
  let total = 0;
  const target = Math.round(GIB * 1024 ** 3);
  for (let i = 0; total < target - 64 * 1024 * 20; i++) {
    const size = Math.min(SHARD, target - total - 64 * 1024 * 20);
    const out = createWriteStream(join(dir, 'data', `weights-${String(i).padStart(5, '0')}.bin`));
    for (let off = 0; off < size; off += 8 * 1024 * 1024) {
      if (!out.write(gaussianShard(Math.min(8 * 1024 * 1024, size - off), i * 1000 + off / 1e6 + 7))) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    total += size;
  }
  for (let i = 0; i < SMALL_FILES; i++) {
    const words = Array.from({ length: 200 + (i % 50) * 20 }, (_, j) => `"tok${i}_${j}": ${j}`).join(', ');
    writeFileSync(join(dir, 'data', 'tokenizer', `vocab-${i}.json`), `{${words}}\n`);
    total += Buffer.byteLength(words) + 3;
  }
  return total;
}

function timed(name: string, cmd: string[], env: Record<string, string>): Promise<Measure> {
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%M', ...cmd], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = Number(err.trim().split('\n').pop()) / 1024;
      if (code !== 0) reject(new Error(`${name} exited ${code}\n${out}\n${err}`));
      else resolve({ name, seconds, rssMiB: rss, output: out });
      if (process.env.BENCH_VERBOSE) console.log(out);
    }),
  );
}

process.env.MOTO_S3_DEFAULT_KEY_BUFFER_SIZE ??= String(8 * 1024 ** 3);
const world = await startWorld({ registry: false, timeScale: 0.05 });
const work = mkdtempSync(join(tmpdir(), 'bench-export-'));
try {
  const modelDir = join(work, 'model');
  mkdirSync(modelDir);
  const bytes = await buildModel(modelDir);
  console.log(`model: ${(bytes / 1024 ** 3).toFixed(2)} GiB in ${Math.ceil(bytes / SHARD)} float32 shards + ${SMALL_FILES} small files`);
  await seedMlflowModel({ trackingUri: world.env.MLFLOW_TRACKING_URI!, files: modelDir, modelName: 'bench_model', stage: 'Staging' });
  const s3 = new S3Client({
    region: world.env.AWS_REGION,
    endpoint: world.env.AWS_ENDPOINT_URL_S3,
    credentials: { accessKeyId: world.env.AWS_ACCESS_KEY_ID!, secretAccessKey: world.env.AWS_SECRET_ACCESS_KEY! },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  // What a run stored; then its objects go, so every run meets the same, empty S3 (moto slows as it fills).
  const storedThenCleared = async (row: Measure, prefix: string): Promise<Measure> => {
    let total = 0;
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'bench', Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (!o.Key!.includes('/.staging/')) total += o.Size ?? 0;
      const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
      if (keys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: 'bench', Delete: { Objects: keys, Quiet: true } }));
      token = page.NextContinuationToken;
    } while (token);
    return { ...row, storedBytes: total };
  };
  const env = { ...world.env } as Record<string, string>;
  const s3url = world.env.AWS_ENDPOINT_URL_S3!;
  const aws = `/usr/bin/aws --endpoint-url ${s3url} --no-cli-pager`;
  const action = (compression: string): Promise<Measure> => {
    writeFileSync(join(work, `out-${compression}`), '');
    return timed(`action, compression ${compression}`, [process.execPath, join(root, 'actions/export-mlflow-model/dist/index.js')], {
      ...env,
      'INPUT_MODEL-URI': 'models:/bench_model/Staging',
      'INPUT_S3-PREFIX': `s3://bench/${compression}/`,
      INPUT_COMPRESSION: compression,
      GITHUB_OUTPUT: join(work, `out-${compression}`),
    });
  };
  const rows: Measure[] = [];
  rows.push(
    await storedThenCleared(
      await timed(
        '(a) tarfile w:gz to disk + aws s3 cp',
        [
          'bash',
          '-c',
          `python3 -c "import tarfile,os,sys; t=tarfile.open(sys.argv[2],'w:gz'); [t.add(os.path.join(sys.argv[1],n), arcname=n) for n in sorted(os.listdir(sys.argv[1]))]; t.close()" ${modelDir} ${work}/a.tar.gz && ${aws} s3 cp --only-show-errors ${work}/a.tar.gz s3://bench/a/model.tar.gz && rm ${work}/a.tar.gz`,
        ],
        env,
      ),
      'a/',
    ),
  );
  rows.push(
    await storedThenCleared(
      await timed(
        '(b) tar -czf - | aws s3 cp -',
        ['bash', '-c', `set -o pipefail; tar -C ${modelDir} -czf - . | ${aws} s3 cp --only-show-errors - s3://bench/b/model.tar.gz`],
        env,
      ),
      'b/',
    ),
  );
  rows.push(
    await storedThenCleared(
      await timed(
        '(c) aws s3 cp --recursive (upload floor)',
        ['bash', '-c', `${aws} s3 cp --only-show-errors --recursive ${modelDir} s3://bench/c/`],
        env,
      ),
      'c/',
    ),
  );
  rows.push(await storedThenCleared(await action('gzip'), 'gzip/'));
  rows.push(await storedThenCleared(await action('none'), 'none/'));
  s3.destroy();
  const [a, b, c, gz, none] = rows as [Measure, Measure, Measure, Measure, Measure];
  console.log(`\n${(bytes / 1024 ** 3).toFixed(2)} GiB model, ${process.env.BENCH_CPUS ?? 2}-core machine, Node ${process.version}\n`);
  console.log('| run | wall s | MB/s | peak RSS MiB | stored MiB | × (a) | × (b) |\n|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.seconds.toFixed(1)} | ${(bytes / 1e6 / r.seconds).toFixed(1)} | ${r.rssMiB.toFixed(0)} | ${((r.storedBytes ?? 0) / 1024 ** 2).toFixed(0)} | ${(r.seconds / a.seconds).toFixed(2)} | ${(r.seconds / b.seconds).toFixed(2)} |`,
    );
  console.log(
    `\ntargets: gzip ≤ 0.6× (a): ${(gz.seconds / a.seconds).toFixed(2)}; gzip ≤ 1.0× (b): ${(gz.seconds / b.seconds).toFixed(2)}; none ≥ 10× faster than gzip: ${(gz.seconds / none.seconds).toFixed(1)}× (none is ${(none.seconds / c.seconds).toFixed(2)}× the upload floor (c)); peak RSS < 200 MiB: gzip ${gz.rssMiB.toFixed(0)}, none ${none.rssMiB.toFixed(0)}`,
  );
  console.log('\ndeflate on one core, first weight shard (64 MiB):\n\n| coding | MB/s | size of input |\n|---|---:|---:|');
  const shard = readFileSync(join(modelDir, 'data', 'weights-00000.bin'));
  for (const [name, options] of [
    ['LZ77, level 1 (gzip -1)', { level: 1 }],
    ['LZ77, level 6 (gzip default)', { level: 6 }],
    ['Huffman only (what the action picks here)', { level: 1, strategy: constants.Z_HUFFMAN_ONLY }],
  ] as const) {
    const started = process.hrtime.bigint();
    let out = 0;
    for (let off = 0; off < shard.length; off += 1024 * 1024) out += deflateRawSync(shard.subarray(off, off + 1024 * 1024), options).length;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`| ${name} | ${(shard.length / 1e6 / seconds).toFixed(1)} | ${((100 * out) / shard.length).toFixed(2)}% |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  await world.stop();
}
