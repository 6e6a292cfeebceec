import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { BufferPool } from './buffer-pool.js';
import type { TaskPool } from './ordered-map.js';

export interface ObjectTarget {
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** S3's limits: parts of 5 MiB to 5 GiB, at most 10,000 of them. */
export const MIN_PART = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;

/** The smallest part size from `preferred` up (in MiB steps) that fits `expectedBytes` into 9,000 parts (some slack). */
export function partSizeFor(expectedBytes: number, preferred = 8 * 1024 * 1024): number {
  const needed = Math.ceil(expectedBytes / (MAX_PARTS - 1000));
  const size = Math.max(preferred, MIN_PART, needed);
  return Math.ceil(size / (1024 * 1024)) * 1024 * 1024;
}

/**
 * Writes one object from a stream of buffers with bounded memory: bytes are copied into parts of `partSize` (a few
 * part buffers, reused), and parts upload through `uploads`, a pool that caps how many are in flight (`write` waits
 * for a slot: that is the back-pressure on download and compression). Several writers may share one pool, so a
 * folder of files has one upload window, not one per file. The multipart upload is created lazily, so a small
 * object is one PutObject.
 * Each part is retried by the SDK (throttling, 5xx, resets); if the upload still fails, `abort()` removes every
 * part, leaving no orphaned storage behind.
 */
export class MultipartWriter {
  private uploadId: string | undefined;
  private readonly parts: { PartNumber: number; ETag: string }[] = [];
  /** This object's parts still uploading (the pool may hold other objects' parts too). */
  private readonly inFlight: Promise<void>[] = [];
  /** write(): the part being filled, in a buffer from `buffers` (made on first use, one per part in flight + 1). */
  private buffers: BufferPool | undefined;
  private current: Buffer | undefined;
  private filled = 0;

  constructor(
    private readonly s3: S3Client,
    private readonly target: ObjectTarget,
    private readonly partSize: number,
    private readonly uploads: TaskPool,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    let rest = chunk;
    while (rest.length > 0) {
      this.buffers ??= new BufferPool(this.partSize, this.uploads.concurrency + 1);
      this.current ??= await this.buffers.acquire();
      const n = rest.copy(this.current, this.filled);
      this.filled += n;
      rest = rest.subarray(n);
      if (this.filled === this.partSize) await this.flushPart();
    }
  }

  /**
   * Writes a whole part as is (the caller already cut it, e.g. a ranged download of one file); `onSent` runs once
   * the part's request is over, so the caller may reuse the buffer.
   */
  async writePart(buffer: Buffer, onSent?: () => void): Promise<void> {
    await this.dispatch(buffer, onSent);
  }

  /** Sends the part being filled; its buffer goes back to the pool once the request is over. */
  private async flushPart(): Promise<void> {
    const buffer = this.current!;
    const size = this.filled;
    this.current = undefined;
    this.filled = 0;
    await this.dispatch(buffer.subarray(0, size), () => this.buffers!.release(buffer));
  }

  private async dispatch(body: Buffer, onSent?: () => void): Promise<void> {
    const uploadId = await this.ensureUpload();
    const slot = { PartNumber: this.parts.length + 1, ETag: '' };
    this.parts.push(slot);
    let sent!: { resolve: () => void; reject: (error: Error) => void };
    const finished = new Promise<void>((resolve, reject) => (sent = { resolve, reject }));
    finished.catch(() => undefined); // observed by complete() or abort()
    this.inFlight.push(finished);
    await this.uploads.add(async () => {
      try {
        const res = await this.s3.send(
          new UploadPartCommand({
            Bucket: this.target.bucket,
            Key: this.target.key,
            UploadId: uploadId,
            PartNumber: slot.PartNumber,
            Body: body,
          }),
        );
        slot.ETag = res.ETag ?? '';
        sent.resolve();
      } catch (error) {
        sent.reject(error instanceof Error ? error : new Error(String(error)));
        throw error;
      } finally {
        onSent?.();
      }
    });
  }

  private async ensureUpload(): Promise<string> {
    if (this.uploadId) return this.uploadId;
    const res = await this.s3.send(
      new CreateMultipartUploadCommand({
        Bucket: this.target.bucket,
        Key: this.target.key,
        ContentType: this.target.contentType,
        Metadata: { ...this.target.metadata },
      }),
    );
    if (!res.UploadId) throw new Error(`S3 CreateMultipartUpload for s3://${this.target.bucket}/${this.target.key} returned no UploadId`);
    this.uploadId = res.UploadId;
    return res.UploadId;
  }

  /** Uploads what is left and completes the object; a never-split object is a single PutObject. */
  async complete(): Promise<void> {
    if (this.uploadId === undefined && this.parts.length === 0) {
      const body = this.current?.subarray(0, this.filled) ?? Buffer.alloc(0);
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.target.bucket,
          Key: this.target.key,
          Body: body,
          ContentType: this.target.contentType,
          Metadata: { ...this.target.metadata },
        }),
      );
      return;
    }
    if (this.filled > 0) await this.flushPart();
    await Promise.all(this.inFlight);
    await this.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.target.bucket,
        Key: this.target.key,
        UploadId: this.uploadId,
        MultipartUpload: { Parts: this.parts },
      }),
    );
    this.uploadId = undefined;
  }

  /** Stops the upload and deletes its parts (waiting for parts in flight first, so none lands after the abort). */
  async abort(): Promise<void> {
    await Promise.allSettled(this.inFlight);
    if (this.uploadId === undefined) return;
    const uploadId = this.uploadId;
    this.uploadId = undefined;
    await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.target.bucket, Key: this.target.key, UploadId: uploadId }));
  }
}
