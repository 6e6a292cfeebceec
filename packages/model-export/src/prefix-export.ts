import { createHash, type Hash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FetchedRange } from './artifact-stream.js';
import { TaskPool } from './ordered-map.js';
import { MultipartWriter } from './s3-multipart.js';

export interface PrefixUpload {
  readonly bucket: string;
  /** Folder (ending in '/') the files go under, with their model-relative paths. */
  readonly folder: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly concurrency: number;
}

export interface PrefixResult {
  /** sha256 of the manifest: one `<sha256>  <path>` line per file, in path order (`sha256sum -c` reads it). */
  readonly sha256: string;
  readonly manifest: string;
  readonly bytes: number;
}

/**
 * compression none: every file to its own object, byte for byte. A file that fits in one range is a PutObject; a
 * bigger one is a multipart upload whose parts are its ranges. Only files become objects: no zero-byte "folder"
 * keys, which SageMaker would otherwise copy into /opt/ml/model as empty files.
 */
export async function uploadFiles(s3: S3Client, ranges: AsyncIterable<FetchedRange>, target: PrefixUpload): Promise<PrefixResult> {
  // One window for every file's bytes: at most `concurrency` parts or small objects uploading at once.
  const uploads = new TaskPool(target.concurrency);
  const completions: Promise<void>[] = [];
  const open: MultipartWriter[] = [];
  const lines: string[] = [];
  let bytes = 0;
  let hash: Hash | undefined;
  let writer: MultipartWriter | undefined;
  try {
    for await (const range of ranges) {
      const key = target.folder + range.file.path;
      if (range.first) hash = createHash('sha256');
      hash!.update(range.data);
      bytes += range.data.length;
      if (range.first && range.last) {
        await uploads.add(async () => {
          try {
            await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: range.data, Metadata: { ...target.metadata } }));
          } finally {
            range.release();
          }
        });
      } else {
        if (range.first) {
          writer = new MultipartWriter(
            s3,
            { bucket: target.bucket, key, contentType: 'application/octet-stream', metadata: target.metadata },
            range.end - range.start,
            uploads,
          );
          open.push(writer);
        }
        await writer!.writePart(range.data, range.release);
        if (range.last) {
          const done = writer!;
          const completion = done.complete().then(() => void open.splice(open.indexOf(done), 1));
          completion.catch(() => undefined); // observed below
          completions.push(completion);
        }
      }
      if (range.last) lines.push(`${hash!.digest('hex')}  ${range.file.path}`);
    }
    await uploads.drain();
    await Promise.all(completions);
  } catch (error) {
    await Promise.all(open.map((w) => w.abort().catch(() => undefined)));
    throw error;
  }
  const manifest = lines.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1)).join('\n') + '\n';
  return { sha256: createHash('sha256').update(manifest).digest('hex'), manifest, bytes };
}
