// MultipartWriter's upload window, against a fake S3 that records what is in flight (the integration tests run the
// real SDK against moto; this pins the concurrency and buffer-return rules, which a real server cannot show).
import type { S3Client } from '@aws-sdk/client-s3';
import { TaskPool } from '../src/ordered-map.js';
import { MultipartWriter } from '../src/s3-multipart.js';

interface Call {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

function fakeS3(failPart?: number): { s3: S3Client; calls: Call[]; maxInFlight: () => number } {
  const calls: Call[] = [];
  let inFlight = 0;
  let max = 0;
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> => {
    const name = command.constructor.name.replace(/Command$/, '');
    calls.push({ name, input: command.input });
    if (name === 'CreateMultipartUpload') return { UploadId: `u-${String(command.input.Key)}` };
    if (name !== 'UploadPart') return {};
    inFlight++;
    max = Math.max(max, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    if (command.input.PartNumber === failPart) throw Object.assign(new Error('503 Slow Down'), { $metadata: { httpStatusCode: 503 } });
    return { ETag: `"${String(command.input.Key)}-${String(command.input.PartNumber)}"` };
  };
  return { s3: { send } as unknown as S3Client, calls, maxInFlight: () => max };
}

const target = (key: string) => ({ bucket: 'b', key, contentType: 'application/octet-stream', metadata: {} });

it('writers sharing one pool never have more parts in flight than the pool allows, and each buffer comes back once sent', async () => {
  const { s3, calls, maxInFlight } = fakeS3();
  const uploads = new TaskPool(2);
  const writers = [new MultipartWriter(s3, target('a'), 8, uploads), new MultipartWriter(s3, target('b'), 8, uploads)];
  const returned: number[] = [];
  for (let i = 0; i < 6; i++) for (const w of writers) await w.writePart(Buffer.alloc(8, i), () => returned.push(i));
  await Promise.all(writers.map((w) => w.complete()));
  expect(maxInFlight()).toBe(2);
  expect(returned).toHaveLength(12);
  const completes = calls.filter((c) => c.name === 'CompleteMultipartUpload');
  expect(
    completes.map((c) => (c.input.MultipartUpload as { Parts: { PartNumber: number; ETag: string }[] }).Parts.map((p) => p.ETag)),
  ).toEqual([
    ['"a-1"', '"a-2"', '"a-3"', '"a-4"', '"a-5"', '"a-6"'],
    ['"b-1"', '"b-2"', '"b-3"', '"b-4"', '"b-5"', '"b-6"'],
  ]);
});

it('cuts a byte stream into parts of the part size and sends a small object as one PutObject', async () => {
  const { s3, calls } = fakeS3();
  const big = new MultipartWriter(s3, target('big'), 10, new TaskPool(2));
  for (const n of [4, 9, 3, 7]) await big.write(Buffer.alloc(n, n));
  await big.complete();
  expect(calls.filter((c) => c.name === 'UploadPart').map((c) => (c.input.Body as Buffer).length)).toEqual([10, 10, 3]);
  const small = new MultipartWriter(s3, target('small'), 10, new TaskPool(2));
  await small.write(Buffer.from('MLmodel'));
  await small.complete();
  expect(calls.filter((c) => c.input.Key === 'small').map((c) => c.name)).toEqual(['PutObject']);
});

it('a failed part fails complete(), and abort() waits for the parts in flight before aborting the upload', async () => {
  const { s3, calls } = fakeS3(2);
  const writer = new MultipartWriter(s3, target('x'), 4, new TaskPool(3));
  await writer.writePart(Buffer.alloc(4));
  await writer.writePart(Buffer.alloc(4));
  await writer.writePart(Buffer.alloc(4));
  await expect(writer.complete()).rejects.toThrow('503 Slow Down');
  await writer.abort();
  const names = calls.map((c) => c.name);
  expect(names).not.toContain('CompleteMultipartUpload');
  expect(names.at(-1)).toBe('AbortMultipartUpload');
  expect(names.filter((n) => n === 'UploadPart')).toHaveLength(3);
});
