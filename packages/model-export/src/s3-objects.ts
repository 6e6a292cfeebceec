import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { TaskPool } from './ordered-map.js';

export interface S3ObjectInfo {
  readonly key: string;
  readonly size: number;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** A missing or forbidden bucket fails here, before anything is downloaded, with one line. */
export async function checkBucket(s3: S3Client, bucket: string, prefixUrl: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const status = statusOf(error);
    const what =
      status === 404
        ? 'does not exist'
        : status === 403
          ? 'is not accessible with these credentials (403)'
          : `cannot be reached (${(error as Error).name})`;
    throw new Error(`input 's3-prefix' = ${JSON.stringify(prefixUrl)}: bucket '${bucket}' ${what}`);
  }
}

export async function listObjects(s3: S3Client, bucket: string, prefix: string): Promise<S3ObjectInfo[]> {
  const out: S3ObjectInfo[] = [];
  let token: string | undefined;
  do {
    const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of res.Contents ?? []) out.push({ key: o.Key!, size: o.Size ?? 0 });
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** Folders directly below `prefix` whose name starts with `namePrefix` (e.g. the exports `v7-*` of one version). */
export async function listFolders(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
    for (const p of res.CommonPrefixes ?? []) if (p.Prefix) out.push(p.Prefix);
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
  } while (token);
  return out;
}

export async function headMetadata(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ metadata: Record<string, string>; size: number } | undefined> {
  try {
    const res = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { metadata: res.Metadata ?? {}, size: res.ContentLength ?? 0 };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Deletes every object under `prefix` and aborts every multipart upload under it: what a failed run left behind. */
export async function clearPrefix(s3: S3Client, bucket: string, prefix: string): Promise<number> {
  let cleared = 0;
  const objects = await listObjects(s3, bucket, prefix);
  for (let i = 0; i < objects.length; i += 1000) {
    const batch = objects.slice(i, i + 1000);
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((o) => ({ Key: o.key })), Quiet: true } }));
    cleared += batch.length;
  }
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    const res = await s3.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
    );
    for (const u of res.Uploads ?? []) {
      await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }));
      cleared++;
    }
    keyMarker = res.IsTruncated ? res.NextKeyMarker : undefined;
    uploadIdMarker = res.IsTruncated ? res.NextUploadIdMarker : undefined;
  } while (keyMarker);
  return cleared;
}

const SINGLE_COPY_MAX = 1024 * 1024 * 1024;
const COPY_PART = 256 * 1024 * 1024;

export interface CopyTarget {
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly tagging: string;
}

/**
 * Server-side copy with new metadata and tags: one CopyObject up to 1 GiB, else UploadPartCopy in 256 MiB parts,
 * four at once (S3 copies parts in parallel, so a multi-GiB model takes seconds; CopyObject's own limit is 5 GiB).
 */
export async function copyObject(s3: S3Client, bucket: string, from: S3ObjectInfo, toKey: string, target: CopyTarget): Promise<void> {
  const source = `${bucket}/${from.key.split('/').map(encodeURIComponent).join('/')}`;
  if (from.size <= SINGLE_COPY_MAX) {
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: toKey,
        CopySource: source,
        MetadataDirective: 'REPLACE',
        Metadata: { ...target.metadata },
        ContentType: target.contentType,
        TaggingDirective: 'REPLACE',
        Tagging: target.tagging,
      }),
    );
    return;
  }
  const created = await s3.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: toKey,
      ContentType: target.contentType,
      Metadata: { ...target.metadata },
      Tagging: target.tagging,
    }),
  );
  const uploadId = created.UploadId!;
  try {
    const parts: { PartNumber: number; ETag: string }[] = [];
    const pool = new TaskPool(4);
    for (let start = 0, n = 1; start < from.size; start += COPY_PART, n++) {
      const end = Math.min(from.size, start + COPY_PART) - 1;
      const slot = { PartNumber: n, ETag: '' };
      parts.push(slot);
      await pool.add(async () => {
        const res = await s3.send(
          new UploadPartCopyCommand({
            Bucket: bucket,
            Key: toKey,
            UploadId: uploadId,
            PartNumber: slot.PartNumber,
            CopySource: source,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        slot.ETag = res.CopyPartResult?.ETag ?? '';
      });
    }
    await pool.drain();
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: toKey, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
    );
  } catch (error) {
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: toKey, UploadId: uploadId })).catch(() => undefined);
    throw error;
  }
}
