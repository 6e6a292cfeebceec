// The archive the export writes: our tar + gzip compressed in parallel blocks, read back by GNU tar and Python's tarfile.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tarStream } from '../src/gzip-export.js';
import { chooseCoding, parallelGzip, type GzipStats } from '../src/parallel-gzip.js';
import { planRanges, type FetchedRange } from '../src/artifact-stream.js';
import { tarSize } from '../src/tar-format.js';

/** Weight-like bytes: float32 noise, where LZ77 finds nothing and only the exponent bytes' skew compresses. */
function floats(count: number): Buffer {
  const f = new Float32Array(count);
  for (let i = 0; i < count; i++) f[i] = (Math.random() - 0.5) * 0.04;
  return Buffer.from(f.buffer);
}
const vocabulary = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `"tok_${i % 700}": ${i}`).join(', '));

const files: Record<string, Buffer> = {
  MLmodel: Buffer.from('artifact_path: model\nflavors: {}\n'),
  'empty.txt': Buffer.alloc(0),
  'data/weights.bin': randomBytes(3 * 1024 * 1024 + 17),
  'data/shard-0.bin': floats(256 * 1024),
  'tokenizer/vocab.json': vocabulary,
  [`deep/${'d'.repeat(90)}/${'e'.repeat(90)}/file.json`]: Buffer.from('{"long": "ustar prefix"}'),
  [`${'x'.repeat(120)}.bin`]: Buffer.from('a name longer than 100 bytes without a slash: PAX'),
  'unicode/naïve-模型.txt': Buffer.from('utf-8 names'),
};
const manifest = Object.entries(files).map(([path, data]) => ({ path, size: data.length }));

async function* ranges(chunk: number): AsyncGenerator<FetchedRange> {
  await Promise.resolve();
  for (const job of planRanges(manifest, chunk))
    yield { ...job, data: files[job.file.path]!.subarray(job.start, job.end), release: () => undefined };
}

async function* only(data: Buffer): AsyncGenerator<Buffer> {
  await Promise.resolve();
  yield data;
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of source) parts.push(p);
  return Buffer.concat(parts);
}

let dir: string;
let tgz: string;
let members: Buffer;
const stats: GzipStats = { lz77Blocks: 0, huffmanBlocks: 0 };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'archive-format-'));
  // 256 KiB members: the 3 MiB file spans many of them, as a real model's shards do.
  members = await collect(
    parallelGzip(tarStream(ranges(1024 * 1024), 1_700_000_000), { blockSize: 256 * 1024, concurrency: 3, level: 1, stats }),
  );
  tgz = join(dir, 'model.tar.gz');
  writeFileSync(tgz, members);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('is one gzip member (one header; gzip -t checks CRC and length)', () => {
  expect(members.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
  execFileSync('gzip', ['-t', tgz]);
  const info = execFileSync('python3', [
    '-c',
    'import zlib,sys; d=zlib.decompressobj(31); d.decompress(open(sys.argv[1],"rb").read()); print(len(d.unused_data))',
    tgz,
  ]);
  expect(info.toString().trim()).toBe('0');
});

it('codes weight-like blocks with Huffman alone and text with LZ77, in the same stream', async () => {
  expect(await chooseCoding(floats(256 * 1024), 1)).toBe('huffman');
  expect(await chooseCoding(randomBytes(256 * 1024), 1)).toBe('huffman');
  expect(await chooseCoding(vocabulary, 1)).toBe('lz77');
  expect(stats.huffmanBlocks).toBeGreaterThanOrEqual(15);
  expect(stats.lz77Blocks).toBeGreaterThanOrEqual(1);
  // Huffman alone loses nothing that matters on floats: within 0.5% of LZ77 at level 6.
  const shard = files['data/shard-0.bin']!;
  const lz = (await collect(parallelGzip(only(shard), { level: 6, coding: 'lz77' }))).length;
  const auto = (await collect(parallelGzip(only(shard), { level: 6 }))).length;
  expect(auto / lz).toBeLessThan(1.005);
});

it('copies each range before pulling the next, so a source may reuse one buffer for every range', async () => {
  const scratch = Buffer.alloc(1024 * 1024);
  async function* reusing(): AsyncGenerator<FetchedRange> {
    for await (const range of ranges(1024 * 1024)) {
      range.data.copy(scratch);
      let released = false;
      yield { ...range, data: scratch.subarray(0, range.data.length), release: () => (released = true) };
      expect(released).toBe(true);
      scratch.fill(0xee); // what the next download would do to a pooled buffer
    }
  }
  const reused = await collect(parallelGzip(tarStream(reusing(), 1_700_000_000), { blockSize: 256 * 1024, concurrency: 3, level: 1 }));
  expect(gunzipSync(reused).equals(gunzipSync(members))).toBe(true);
});

it('decompresses to exactly the tar size planned from the manifest', () => {
  const tar = execFileSync('gzip', ['-dc', tgz], { maxBuffer: 64 * 1024 * 1024 });
  expect(tar.length).toBe(tarSize(manifest.map((f) => ({ ...f, mtime: 0 }))));
});

it('extracts with GNU tar: every file byte for byte, MLmodel at the root, no links', () => {
  const out = join(dir, 'gnu');
  execFileSync('mkdir', ['-p', out]);
  execFileSync('tar', ['-xzf', tgz, '-C', out]);
  for (const [path, data] of Object.entries(files)) {
    expect(lstatSync(join(out, path)).isFile()).toBe(true);
    expect(readFileSync(join(out, path)).equals(data)).toBe(true);
  }
  const listing = execFileSync('tar', ['-tvzf', tgz]).toString();
  expect(listing.split('\n')[0]).toMatch(/^-rw-r--r-- root\/root\s+33 2023-11-1\d \d\d:\d\d MLmodel$/);
});

it('extracts with Python tarfile, both r:gz and the streaming r|gz', () => {
  const script = `
import tarfile, sys, hashlib, json
out = {}
for mode in ('r:gz', 'r|gz'):
    with tarfile.open(sys.argv[1], mode) as t:
        for m in t:
            assert m.isfile(), m.name
            out.setdefault(m.name, []).append(hashlib.sha256(t.extractfile(m).read()).hexdigest())
print(json.dumps(out))`;
  const got = JSON.parse(execFileSync('python3', ['-c', script, tgz]).toString()) as Record<string, string[]>;
  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
  expect(Object.keys(got).sort()).toEqual(Object.keys(files).sort());
  for (const [path, data] of Object.entries(files)) expect(got[path]).toEqual([sha(data), sha(data)]);
});
