export const id = 971;
export const ids = [971];
export const modules = {

/***/ 6971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  exportOutputs: () => (/* reexport */ exportOutputs),
  exportSummary: () => (/* reexport */ exportSummary),
  runExport: () => (/* binding */ runExport)
});

// UNUSED EXPORTS: createExportClients, exportModel

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
;// CONCATENATED MODULE: ./packages/aws/src/client-config.ts
class MissingRegionError extends Error {
}
function awsClientConfig(region, env = process.env) {
    const resolved = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!resolved)
        throw new MissingRegionError('input \'region\' = "": is required when AWS_REGION is not set (configure-aws-credentials sets it)');
    // Throttling storms and 5xx bursts are retried with jittered backoff by the SDK; more attempts than its default 3.
    return { region: resolved, maxAttempts: Number(env.AWS_MAX_ATTEMPTS ?? 8), retryMode: 'adaptive' };
}

// EXTERNAL MODULE: ./packages/mlflow/src/index.ts + 7 modules
var src = __webpack_require__(8121);
;// CONCATENATED MODULE: ./packages/model-export/src/ordered-map.ts
/**
 * Maps `source` through `work` with up to `concurrency` calls in flight and yields results in source order.
 * At most `concurrency` results exist at once (in flight or waiting for their turn), which bounds memory: the
 * consumer's pace (e.g. an upload) throttles how far ahead downloads and compression run.
 */
async function* orderedMap(source, concurrency, work) {
    const queue = [];
    let index = 0;
    const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source);
    let done = false;
    try {
        for (;;) {
            while (!done && queue.length < concurrency) {
                const next = await iterator.next();
                if (next.done)
                    done = true;
                else {
                    const p = work(next.value, index++);
                    // A rejection is observed when its turn comes; until then keep Node from calling it unhandled.
                    p.catch(() => undefined);
                    queue.push(p);
                }
            }
            const head = queue.shift();
            if (head === undefined)
                return;
            yield await head;
        }
    }
    finally {
        if (!done)
            await iterator.return?.();
    }
}
function toAsync(items) {
    const it = items[Symbol.iterator]();
    return { next: () => Promise.resolve(it.next()), return: () => Promise.resolve(it.return?.() ?? { done: true, value: undefined }) };
}
/** Runs tasks with at most `concurrency` at once; the first failure is thrown once the running ones settle. */
class TaskPool {
    concurrency;
    running = new Set();
    failure;
    constructor(concurrency) {
        this.concurrency = concurrency;
    }
    /** Waits for a free slot, then starts `task`. Throws an earlier task's failure instead of starting more work. */
    async add(task) {
        while (this.running.size >= this.concurrency)
            await Promise.race(this.running);
        if (this.failure)
            throw this.failure.error;
        const p = task()
            .catch((error) => {
            this.failure ??= { error };
        })
            .finally(() => this.running.delete(p));
        this.running.add(p);
    }
    async drain() {
        while (this.running.size > 0)
            await Promise.race(this.running);
        if (this.failure)
            throw this.failure.error;
    }
}

;// CONCATENATED MODULE: ./packages/model-export/src/artifact-stream.ts


function* planRanges(files, chunk) {
    for (const file of files) {
        if (file.size === 0) {
            yield { file, start: 0, end: 0, first: true, last: true };
            continue;
        }
        for (let start = 0; start < file.size; start += chunk) {
            const end = Math.min(file.size, start + chunk);
            yield { file, start, end, first: start === 0, last: end === file.size };
        }
    }
}
/**
 * The model's bytes in archive order, downloaded `parallel` ranges at a time. Small files download side by side;
 * a big file is split across connections. Memory stays at about `parallel * chunk`. With `buffers` (a pool of
 * `chunk`-sized buffers), each range lands in a pooled buffer that the consumer gives back with `release()`.
 */
function fetchInOrder(client, location, files, parallel, chunk, onBytes = () => undefined, buffers) {
    return orderedMap(planRanges(files, chunk), parallel, async (job) => {
        const into = buffers && job.end > job.start ? await buffers.acquire() : undefined;
        const data = await (0,src/* downloadArtifactRange */.kZ)(client, location, job.file, job.start, job.end, into);
        onBytes(data.length);
        return { ...job, data, release: into ? () => buffers.release(into) : () => undefined };
    });
}
/** Logs progress at most every `everyMs`, with throughput so far. */
function progressReporter(total, log, everyMs = 10_000) {
    const started = Date.now();
    let done = 0;
    let lastLog = started;
    return (n) => {
        done += n;
        const now = Date.now();
        if (now - lastLog < everyMs && done < total)
            return;
        lastLog = now;
        const mbps = done / 1e6 / Math.max(0.001, (now - started) / 1000);
        log(`downloaded ${formatBytes(done)} of ${formatBytes(total)} (${Math.round((100 * done) / Math.max(1, total))}%, ${mbps.toFixed(1)} MB/s)`);
    };
}
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

;// CONCATENATED MODULE: ./packages/model-export/src/buffer-pool.ts
/**
 * A fixed set of equal buffers, handed out and given back. Streaming a model allocates the same few megabyte-sized
 * buffers over and over; fresh ones are freed only when the GC gets round to them, and glibc keeps the high-water
 * mark of that garbage resident. Reusing a fixed set keeps the process's memory flat whatever the model size, and
 * `acquire` waiting for a free buffer is itself back-pressure.
 */
class BufferPool {
    size;
    free = [];
    waiting = [];
    constructor(size, count) {
        this.size = size;
        for (let i = 0; i < count; i++)
            this.free.push(Buffer.allocUnsafeSlow(size));
    }
    acquire() {
        const buffer = this.free.pop();
        if (buffer)
            return Promise.resolve(buffer);
        return new Promise((resolve) => this.waiting.push(resolve));
    }
    /** Gives back a buffer that `acquire` handed out (that buffer itself, not a view of it). */
    release(buffer) {
        const next = this.waiting.shift();
        if (next)
            next(buffer);
        else
            this.free.push(buffer);
    }
}

;// CONCATENATED MODULE: ./packages/model-export/src/export-key.ts

/** Characters S3 documents as safe in keys; anything else becomes '_' (the digest keeps keys apart). */
function keySafe(text) {
    const safe = text.replace(/[^A-Za-z0-9!_.*'()-]/g, '_');
    return safe === '' || safe === '.' || safe === '..' ? '_' : safe;
}
function exportNames(prefixKey, model, runPath) {
    if (model.name !== undefined && model.version !== undefined)
        return { modelFolder: `${prefixKey}${keySafe(model.name)}/`, versionLabel: `v${model.version}` };
    return { modelFolder: `${prefixKey}runs/${keySafe(model.runId)}/`, versionLabel: keySafe(runPath ?? 'model') };
}
const DIGEST_CHARS = 16;
function finalFolder(names, sha256) {
    return `${names.modelFolder}${names.versionLabel}-${sha256.slice(0, DIGEST_CHARS)}/`;
}
/** Where a run writes before the digest is known; one folder per attempt, all of a version under one prefix. */
function stagingPrefix(names) {
    return `${names.modelFolder}.staging/${names.versionLabel}-`;
}
/** Identity of an export, known before any download: same model version, same files, same layout. */
function exportId(model, files, compression) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    h.update(JSON.stringify({ format: 'mlops-actions/export/1', compression, source: model.downloadUri, runId: model.runId }));
    for (const f of files)
        h.update(`\n${f.size} ${f.path}`);
    return h.digest('hex');
}
/** S3 user metadata (sent as x-amz-meta-* headers: printable ASCII only). */
function exportMetadata(model, id, sha256) {
    const ascii = (s) => s.replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c));
    return {
        'mlflow-model-name': ascii(model.name ?? ''),
        'mlflow-model-version': model.version ?? '',
        'mlflow-run-id': model.runId,
        'mlflow-source': ascii(model.downloadUri),
        'export-id': id,
        ...(sha256 ? { sha256 } : {}),
    };
}
/** S3 object tags (values: letters, digits, spaces and + - = . _ : / @, at most 256 characters). */
function exportTagging(model, sha256) {
    const value = (s) => s.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, '_').slice(0, 256);
    const tags = [
        ['mlflow-model-name', model.name ?? ''],
        ['mlflow-model-version', model.version ?? ''],
        ['mlflow-run-id', model.runId],
        ['mlflow-source', model.downloadUri],
        ['sha256', sha256],
    ];
    return tags.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(value(v))}`).join('&');
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./packages/model-export/src/parallel-gzip.ts




const deflateRaw = (0,external_node_util_.promisify)(external_node_zlib_.deflateRaw);
const WINDOW = 32 * 1024;
/** Bytes tried both ways to choose a block's coding: ~3% of a 1 MiB block's cost. */
const SAMPLE = 32 * 1024;
/** Blocks that share one sampled decision (8 MiB with the default block size). */
const BLOCKS_PER_DECISION = 8;
/** LZ77 must beat Huffman alone by this fraction of the sample to be worth its ~3x cost per byte. */
const LZ77_MIN_GAIN = 0.01;
/**
 * Weight-like data (float shards) has almost no repeated strings: LZ77's match search finds nothing and costs
 * ~40 MB/s a core, while Huffman coding alone gets the same size (the gain is in the skewed exponent bytes) at
 * ~100 MB/s. Text, JSON and tokenizers are the opposite. So a block is judged on a sample from its middle:
 * Huffman alone unless LZ77 at `level` makes the sample at least 1% smaller. Both are ordinary deflate blocks.
 */
async function chooseCoding(block, level) {
    if (block.length <= SAMPLE)
        return 'lz77';
    const from = Math.floor((block.length - SAMPLE) / 2);
    const sample = block.subarray(from, from + SAMPLE);
    const [lz77, huffman] = await Promise.all([
        deflateRaw(sample, { level }),
        deflateRaw(sample, { level, strategy: external_node_zlib_.constants.Z_HUFFMAN_ONLY }),
    ]);
    return lz77.length < huffman.length * (1 - LZ77_MIN_GAIN) ? 'lz77' : 'huffman';
}
/**
 * Gzip on several cores, the way pigz does it, still as ONE gzip member (so even streaming readers such as
 * Python's `tarfile` mode 'r|gz', which stop after the first member, read it all): the input is cut into blocks;
 * each is raw-deflated on a thread-pool thread with the previous block's last 32 KiB as its dictionary (so matches
 * reach back across the cut as in a single-threaded stream) and ends with a sync flush (byte-aligned, not final);
 * only the last block is finished. Concatenated in order, the blocks form one valid deflate stream; the gzip header
 * goes in front and the CRC-32 (computed here as blocks pass) and length behind. A block coded with Huffman alone
 * needs no dictionary (it has no back-references), so blocks may switch coding freely.
 */
async function* parallelGzip(source, opts = {}) {
    const blockSize = opts.blockSize ?? 1024 * 1024;
    const level = opts.level ?? external_node_zlib_.constants.Z_DEFAULT_COMPRESSION;
    const concurrency = opts.concurrency ?? 2;
    // Holders of a block: the one being filled, the look-ahead one, and those compressing or waiting their turn.
    const pool = new BufferPool(blockSize, concurrency + 2);
    let crc = 0;
    let length = 0;
    let previousTail;
    // Blocks are paired with their dictionary and whether they are last; one block of look-ahead tells which is last.
    async function* withContext() {
        let held;
        for await (const block of blocks(source, blockSize, pool)) {
            if (held)
                yield next(held, false);
            held = block;
        }
        yield next(held ?? { bytes: Buffer.alloc(0), release: () => undefined }, true);
    }
    function next(block, last) {
        const dictionary = previousTail;
        crc = (0,external_node_zlib_.crc32)(block.bytes, crc);
        length += block.bytes.length;
        // A copy: the block's buffer is reused once it is compressed, maybe before the next block starts.
        previousTail = block.bytes.length > 0 ? Buffer.from(block.bytes.subarray(Math.max(0, block.bytes.length - WINDOW))) : undefined;
        return { ...block, dictionary, last };
    }
    yield Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    // One decision per group of blocks: neighbours are nearly always the same kind of data (one shard, or a run of
    // small text files), and each sample costs two extra deflate calls.
    let group;
    yield* orderedMap(withContext(), concurrency, async ({ bytes, release, dictionary, last }, index) => {
        try {
            if (opts.coding !== 'lz77' && (group === undefined || index >= group.index + BLOCKS_PER_DECISION))
                group = { index, coding: chooseCoding(bytes, level) };
            const coding = opts.coding === 'lz77' ? 'lz77' : await group.coding;
            if (opts.stats)
                opts.stats[coding === 'lz77' ? 'lz77Blocks' : 'huffmanBlocks']++;
            return await deflateRaw(bytes, {
                level,
                // Room for the whole output at once: one trip back to the main thread per block, not one per 256 KiB.
                chunkSize: bytes.length + (bytes.length >> 3) + 1024,
                ...(coding === 'huffman' ? { strategy: external_node_zlib_.constants.Z_HUFFMAN_ONLY } : dictionary ? { dictionary } : {}),
                finishFlush: last ? external_node_zlib_.constants.Z_FINISH : external_node_zlib_.constants.Z_SYNC_FLUSH,
            });
        }
        finally {
            release();
        }
    });
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(length % 2 ** 32, 4);
    yield trailer;
}
/**
 * Re-cuts a byte stream into blocks of exactly `size` bytes (the last one shorter), copied into buffers from `pool`
 * (`size`-sized). Each incoming chunk is copied before the next is pulled, so the source may reuse its buffers.
 */
async function* blocks(source, size, pool) {
    let current;
    let filled = 0;
    const take = (buffer, bytes) => ({ bytes: buffer.subarray(0, bytes), release: () => pool.release(buffer) });
    for await (const chunk of source) {
        let rest = chunk;
        while (rest.length > 0) {
            current ??= await pool.acquire();
            const n = rest.copy(current, filled);
            filled += n;
            rest = rest.subarray(n);
            if (filled === size) {
                yield take(current, filled);
                current = undefined;
                filled = 0;
            }
        }
    }
    if (current && filled > 0)
        yield take(current, filled);
    else if (current)
        pool.release(current);
}

// EXTERNAL MODULE: ./packages/model-export/src/tar-format.ts
var tar_format = __webpack_require__(4447);
;// CONCATENATED MODULE: ./packages/model-export/src/gzip-export.ts



/**
 * The tar stream of the model: each file's header, its bytes as they arrive, its padding; then the end blocks.
 * A range's bytes are valid until the consumer pulls the next chunk: then the range is released (pooled buffers).
 */
async function* tarStream(ranges, mtimeSeconds) {
    for await (const range of ranges) {
        if (range.first)
            yield (0,tar_format/* tarHeader */.pI)({ path: range.file.path, size: range.file.size, mtime: mtimeSeconds });
        if (range.data.length > 0)
            yield range.data;
        range.release();
        if (range.last && (0,tar_format/* padding */.Ms)(range.file.size) > 0)
            yield Buffer.alloc((0,tar_format/* padding */.Ms)(range.file.size));
    }
    yield tar_format/* TAR_END */.y7;
}
/**
 * download -> tar -> gzip members (both cores) -> sha256 -> multipart upload, all at once. Each stage pulls from the
 * one before, so the slowest (usually compression) sets the pace and nothing piles up in memory.
 */
async function streamGzipArchive(ranges, mtimeSeconds, writer, gzip) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let bytes = 0;
    for await (const member of parallelGzip(tarStream(ranges, mtimeSeconds), gzip)) {
        hash.update(member);
        bytes += member.length;
        await writer.write(member);
    }
    await writer.complete();
    return { sha256: hash.digest('hex'), bytes };
}

;// CONCATENATED MODULE: ./packages/model-export/src/s3-multipart.ts


/** S3's limits: parts of 5 MiB to 5 GiB, at most 10,000 of them. */
const MIN_PART = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
/** The smallest part size from `preferred` up (in MiB steps) that fits `expectedBytes` into 9,000 parts (some slack). */
function partSizeFor(expectedBytes, preferred = 8 * 1024 * 1024) {
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
class MultipartWriter {
    s3;
    target;
    partSize;
    uploads;
    uploadId;
    parts = [];
    /** This object's parts still uploading (the pool may hold other objects' parts too). */
    inFlight = [];
    /** write(): the part being filled, in a buffer from `buffers` (made on first use, one per part in flight + 1). */
    buffers;
    current;
    filled = 0;
    constructor(s3, target, partSize, uploads) {
        this.s3 = s3;
        this.target = target;
        this.partSize = partSize;
        this.uploads = uploads;
    }
    async write(chunk) {
        let rest = chunk;
        while (rest.length > 0) {
            this.buffers ??= new BufferPool(this.partSize, this.uploads.concurrency + 1);
            this.current ??= await this.buffers.acquire();
            const n = rest.copy(this.current, this.filled);
            this.filled += n;
            rest = rest.subarray(n);
            if (this.filled === this.partSize)
                await this.flushPart();
        }
    }
    /**
     * Writes a whole part as is (the caller already cut it, e.g. a ranged download of one file); `onSent` runs once
     * the part's request is over, so the caller may reuse the buffer.
     */
    async writePart(buffer, onSent) {
        await this.dispatch(buffer, onSent);
    }
    /** Sends the part being filled; its buffer goes back to the pool once the request is over. */
    async flushPart() {
        const buffer = this.current;
        const size = this.filled;
        this.current = undefined;
        this.filled = 0;
        await this.dispatch(buffer.subarray(0, size), () => this.buffers.release(buffer));
    }
    async dispatch(body, onSent) {
        const uploadId = await this.ensureUpload();
        const slot = { PartNumber: this.parts.length + 1, ETag: '' };
        this.parts.push(slot);
        let sent;
        const finished = new Promise((resolve, reject) => (sent = { resolve, reject }));
        finished.catch(() => undefined); // observed by complete() or abort()
        this.inFlight.push(finished);
        await this.uploads.add(async () => {
            try {
                const res = await this.s3.send(new dist_cjs/* UploadPartCommand */.iVK({
                    Bucket: this.target.bucket,
                    Key: this.target.key,
                    UploadId: uploadId,
                    PartNumber: slot.PartNumber,
                    Body: body,
                }));
                slot.ETag = res.ETag ?? '';
                sent.resolve();
            }
            catch (error) {
                sent.reject(error instanceof Error ? error : new Error(String(error)));
                throw error;
            }
            finally {
                onSent?.();
            }
        });
    }
    async ensureUpload() {
        if (this.uploadId)
            return this.uploadId;
        const res = await this.s3.send(new dist_cjs/* CreateMultipartUploadCommand */.nG4({
            Bucket: this.target.bucket,
            Key: this.target.key,
            ContentType: this.target.contentType,
            Metadata: { ...this.target.metadata },
        }));
        if (!res.UploadId)
            throw new Error(`S3 CreateMultipartUpload for s3://${this.target.bucket}/${this.target.key} returned no UploadId`);
        this.uploadId = res.UploadId;
        return res.UploadId;
    }
    /** Uploads what is left and completes the object; a never-split object is a single PutObject. */
    async complete() {
        if (this.uploadId === undefined && this.parts.length === 0) {
            const body = this.current?.subarray(0, this.filled) ?? Buffer.alloc(0);
            await this.s3.send(new dist_cjs/* PutObjectCommand */.wKZ({
                Bucket: this.target.bucket,
                Key: this.target.key,
                Body: body,
                ContentType: this.target.contentType,
                Metadata: { ...this.target.metadata },
            }));
            return;
        }
        if (this.filled > 0)
            await this.flushPart();
        await Promise.all(this.inFlight);
        await this.s3.send(new dist_cjs/* CompleteMultipartUploadCommand */.Gym({
            Bucket: this.target.bucket,
            Key: this.target.key,
            UploadId: this.uploadId,
            MultipartUpload: { Parts: this.parts },
        }));
        this.uploadId = undefined;
    }
    /** Stops the upload and deletes its parts (waiting for parts in flight first, so none lands after the abort). */
    async abort() {
        await Promise.allSettled(this.inFlight);
        if (this.uploadId === undefined)
            return;
        const uploadId = this.uploadId;
        this.uploadId = undefined;
        await this.s3.send(new dist_cjs/* AbortMultipartUploadCommand */.tfP({ Bucket: this.target.bucket, Key: this.target.key, UploadId: uploadId }));
    }
}

;// CONCATENATED MODULE: ./packages/model-export/src/prefix-export.ts




/**
 * compression none: every file to its own object, byte for byte. A file that fits in one range is a PutObject; a
 * bigger one is a multipart upload whose parts are its ranges. Only files become objects: no zero-byte "folder"
 * keys, which SageMaker would otherwise copy into /opt/ml/model as empty files.
 */
async function uploadFiles(s3, ranges, target) {
    // One window for every file's bytes: at most `concurrency` parts or small objects uploading at once.
    const uploads = new TaskPool(target.concurrency);
    const completions = [];
    const open = [];
    const lines = [];
    let bytes = 0;
    let hash;
    let writer;
    try {
        for await (const range of ranges) {
            const key = target.folder + range.file.path;
            if (range.first)
                hash = (0,external_node_crypto_.createHash)('sha256');
            hash.update(range.data);
            bytes += range.data.length;
            if (range.first && range.last) {
                await uploads.add(async () => {
                    try {
                        await s3.send(new dist_cjs/* PutObjectCommand */.wKZ({ Bucket: target.bucket, Key: key, Body: range.data, Metadata: { ...target.metadata } }));
                    }
                    finally {
                        range.release();
                    }
                });
            }
            else {
                if (range.first) {
                    writer = new MultipartWriter(s3, { bucket: target.bucket, key, contentType: 'application/octet-stream', metadata: target.metadata }, range.end - range.start, uploads);
                    open.push(writer);
                }
                await writer.writePart(range.data, range.release);
                if (range.last) {
                    const done = writer;
                    const completion = done.complete().then(() => void open.splice(open.indexOf(done), 1));
                    completion.catch(() => undefined); // observed below
                    completions.push(completion);
                }
            }
            if (range.last)
                lines.push(`${hash.digest('hex')}  ${range.file.path}`);
        }
        await uploads.drain();
        await Promise.all(completions);
    }
    catch (error) {
        await Promise.all(open.map((w) => w.abort().catch(() => undefined)));
        throw error;
    }
    const manifest = lines.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1)).join('\n') + '\n';
    return { sha256: (0,external_node_crypto_.createHash)('sha256').update(manifest).digest('hex'), manifest, bytes };
}

;// CONCATENATED MODULE: ./packages/model-export/src/s3-objects.ts


function statusOf(error) {
    return error.$metadata?.httpStatusCode;
}
/** A missing or forbidden bucket fails here, before anything is downloaded, with one line. */
async function checkBucket(s3, bucket, prefixUrl) {
    try {
        await s3.send(new dist_cjs/* HeadBucketCommand */.kuI({ Bucket: bucket }));
    }
    catch (error) {
        const status = statusOf(error);
        const what = status === 404
            ? 'does not exist'
            : status === 403
                ? 'is not accessible with these credentials (403)'
                : `cannot be reached (${error.name})`;
        throw new Error(`input 's3-prefix' = ${JSON.stringify(prefixUrl)}: bucket '${bucket}' ${what}`);
    }
}
async function listObjects(s3, bucket, prefix) {
    const out = [];
    let token;
    do {
        const res = await s3.send(new dist_cjs/* ListObjectsV2Command */.u6x({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of res.Contents ?? [])
            out.push({ key: o.Key, size: o.Size ?? 0 });
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return out;
}
/** Folders directly below `prefix` whose name starts with `namePrefix` (e.g. the exports `v7-*` of one version). */
async function listFolders(s3, bucket, prefix) {
    const out = [];
    let token;
    do {
        const res = await s3.send(new dist_cjs/* ListObjectsV2Command */.u6x({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
        for (const p of res.CommonPrefixes ?? [])
            if (p.Prefix)
                out.push(p.Prefix);
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return out;
}
async function headMetadata(s3, bucket, key) {
    try {
        const res = await s3.send(new dist_cjs/* HeadObjectCommand */.l81({ Bucket: bucket, Key: key }));
        return { metadata: res.Metadata ?? {}, size: res.ContentLength ?? 0 };
    }
    catch (error) {
        if (statusOf(error) === 404)
            return undefined;
        throw error;
    }
}
/** Deletes every object under `prefix` and aborts every multipart upload under it: what a failed run left behind. */
async function clearPrefix(s3, bucket, prefix) {
    let cleared = 0;
    const objects = await listObjects(s3, bucket, prefix);
    for (let i = 0; i < objects.length; i += 1000) {
        const batch = objects.slice(i, i + 1000);
        await s3.send(new dist_cjs/* DeleteObjectsCommand */.xvx({ Bucket: bucket, Delete: { Objects: batch.map((o) => ({ Key: o.key })), Quiet: true } }));
        cleared += batch.length;
    }
    let keyMarker;
    let uploadIdMarker;
    do {
        const res = await s3.send(new dist_cjs/* ListMultipartUploadsCommand */.mo2({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
        for (const u of res.Uploads ?? []) {
            await s3.send(new dist_cjs/* AbortMultipartUploadCommand */.tfP({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }));
            cleared++;
        }
        keyMarker = res.IsTruncated ? res.NextKeyMarker : undefined;
        uploadIdMarker = res.IsTruncated ? res.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return cleared;
}
const SINGLE_COPY_MAX = 1024 * 1024 * 1024;
const COPY_PART = 256 * 1024 * 1024;
/**
 * Server-side copy with new metadata and tags: one CopyObject up to 1 GiB, else UploadPartCopy in 256 MiB parts,
 * four at once (S3 copies parts in parallel, so a multi-GiB model takes seconds; CopyObject's own limit is 5 GiB).
 */
async function copyObject(s3, bucket, from, toKey, target) {
    const source = `${bucket}/${from.key.split('/').map(encodeURIComponent).join('/')}`;
    if (from.size <= SINGLE_COPY_MAX) {
        await s3.send(new dist_cjs/* CopyObjectCommand */.s9Z({
            Bucket: bucket,
            Key: toKey,
            CopySource: source,
            MetadataDirective: 'REPLACE',
            Metadata: { ...target.metadata },
            ContentType: target.contentType,
            TaggingDirective: 'REPLACE',
            Tagging: target.tagging,
        }));
        return;
    }
    const created = await s3.send(new dist_cjs/* CreateMultipartUploadCommand */.nG4({
        Bucket: bucket,
        Key: toKey,
        ContentType: target.contentType,
        Metadata: { ...target.metadata },
        Tagging: target.tagging,
    }));
    const uploadId = created.UploadId;
    try {
        const parts = [];
        const pool = new TaskPool(4);
        for (let start = 0, n = 1; start < from.size; start += COPY_PART, n++) {
            const end = Math.min(from.size, start + COPY_PART) - 1;
            const slot = { PartNumber: n, ETag: '' };
            parts.push(slot);
            await pool.add(async () => {
                const res = await s3.send(new dist_cjs/* UploadPartCopyCommand */.Xp2({
                    Bucket: bucket,
                    Key: toKey,
                    UploadId: uploadId,
                    PartNumber: slot.PartNumber,
                    CopySource: source,
                    CopySourceRange: `bytes=${start}-${end}`,
                }));
                slot.ETag = res.CopyPartResult?.ETag ?? '';
            });
        }
        await pool.drain();
        await s3.send(new dist_cjs/* CompleteMultipartUploadCommand */.Gym({ Bucket: bucket, Key: toKey, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    }
    catch (error) {
        await s3.send(new dist_cjs/* AbortMultipartUploadCommand */.tfP({ Bucket: bucket, Key: toKey, UploadId: uploadId })).catch(() => undefined);
        throw error;
    }
}

;// CONCATENATED MODULE: ./packages/model-export/src/export-model.ts













function createExportClients(inputs, tracking) {
    return {
        mlflow: new src/* MlflowClient */.pN(tracking, undefined, inputs['parallel-downloads'] + 4),
        s3: new dist_cjs/* S3Client */.YxF({ ...awsClientConfig(inputs.region), requestChecksumCalculation: 'WHEN_REQUIRED' }),
    };
}
/** MLflow model URI -> immutable model data in S3 (see export-key.ts for the naming and idempotency design). */
async function exportModel(inputs, clients, logger, tuning = {}) {
    const started = Date.now();
    const { mlflow, s3 } = clients;
    const uri = inputs['model-uri'];
    const { bucket, key: prefixKey } = inputs['s3-prefix'];
    const prefixUrl = `s3://${bucket}/${prefixKey}`;
    const compression = inputs.compression;
    const model = await logger.group(`Resolve ${uri.kind === 'run' ? `runs:/${uri.runId}/${uri.path}` : `models:/${uri.name}`}`, async () => {
        const resolved = await (0,src/* resolveModel */.AX)(mlflow, uri, {
            waitTimeoutMs: inputs['wait-timeout-seconds'] * 1000,
            pollIntervalMs: tuning.pollIntervalMs,
            logger,
        });
        logger.info(`${resolved.uri} -> ${resolved.name ? `${resolved.name} v${resolved.version} (stage ${resolved.stage ?? '—'}, aliases ${resolved.aliases.join(', ') || '—'}), ` : ''}run ${resolved.runId}, artifacts at ${resolved.downloadUri}`);
        return resolved;
    });
    const runPath = uri.kind === 'run' ? uri.path : undefined;
    const location = (0,src/* artifactLocation */.sN)(model.downloadUri, uri.kind === 'run' ? { runId: uri.runId, runPath: uri.path } : undefined);
    const files = await (0,src/* listModelFiles */.J8)(mlflow, location);
    checkModelFiles(model, files);
    const contentBytes = files.reduce((s, f) => s + f.size, 0);
    logger.info(`${files.length} files, ${formatBytes(contentBytes)}`);
    await checkBucket(s3, bucket, prefixUrl);
    const names = exportNames(prefixKey, model, runPath);
    const id = exportId(model, files, compression);
    const done = (r) => ({
        ...r,
        model,
        compression,
        files: files.length,
        contentBytes,
        seconds: (Date.now() - started) / 1000,
    });
    const previous = await findExport(s3, bucket, names, id, compression, files);
    if (previous) {
        logger.info(`Already exported as ${previous.url} (same model version and files): nothing to upload`);
        return done({ modelDataUrl: previous.url, sha256: previous.sha256, sizeBytes: previous.size, reused: true });
    }
    const cleared = await clearPrefix(s3, bucket, stagingPrefix(names));
    if (cleared > 0)
        logger.info(`Removed ${cleared} leftovers of an earlier, interrupted export of this version`);
    const staging = `${stagingPrefix(names)}${(0,external_node_crypto_.randomUUID)()}/`;
    // gzip: ranges only feed the tar, so small ones keep memory low; none: each range is an S3 part (>= 5 MiB).
    const rangeBytes = tuning.rangeBytes ?? (compression === 'gzip' ? 2 * 1024 * 1024 : partSizeFor(Math.max(...files.map((f) => f.size), 0), MIN_PART));
    const uploadConcurrency = tuning.uploadConcurrency ?? 2;
    const report = progressReporter(contentBytes, (line) => logger.info(line));
    const parallel = inputs['parallel-downloads'];
    // Ranges land in reused buffers. Holders: downloads in flight, the one being handed over, and for none the
    // uploads in flight (a range is a part); gzip copies each range into its blocks before pulling the next.
    const buffers = new BufferPool(rangeBytes, parallel + 1 + (compression === 'none' ? uploadConcurrency : 0));
    const ranges = () => fetchInOrder(mlflow, location, files, parallel, rangeBytes, report, buffers);
    const metadata = exportMetadata(model, id);
    try {
        return await logger.group(`Export ${compression === 'gzip' ? 'model.tar.gz' : 'files'} to ${prefixUrl}`, async () => {
            if (compression === 'gzip') {
                const stagingKey = `${staging}model.tar.gz`;
                const writer = new MultipartWriter(s3, { bucket, key: stagingKey, contentType: 'application/gzip', metadata }, partSizeFor((0,tar_format/* tarSize */.v$)(files.map((f) => ({ ...f, mtime: 0 })))), new TaskPool(uploadConcurrency));
                const stats = { lz77Blocks: 0, huffmanBlocks: 0 };
                const out = await streamGzipArchive(ranges(), Math.floor(model.createdAt / 1000), writer, {
                    blockSize: tuning.gzipBlockBytes,
                    concurrency: tuning.gzipConcurrency,
                    level: tuning.gzipLevel ?? inputs['compression-level'],
                    stats,
                }).catch(async (error) => {
                    await writer.abort().catch(() => undefined);
                    throw error;
                });
                const streamed = Date.now();
                logger.info(`streamed ${formatBytes(out.bytes)} (${((100 * out.bytes) / Math.max(1, contentBytes)).toFixed(1)}% of the files) in ${((streamed - started) / 1000).toFixed(1)} s since start; ` +
                    `${stats.huffmanBlocks} blocks Huffman-coded only, ${stats.lz77Blocks} with LZ77 at level ${tuning.gzipLevel ?? inputs['compression-level']}`);
                const key = `${finalFolder(names, out.sha256)}model.tar.gz`;
                await copyObject(s3, bucket, { key: stagingKey, size: out.bytes }, key, {
                    contentType: 'application/gzip',
                    metadata: exportMetadata(model, id, out.sha256),
                    tagging: exportTagging(model, out.sha256),
                });
                logger.info(`copied to the final key in ${((Date.now() - streamed) / 1000).toFixed(1)} s`);
                await clearPrefix(s3, bucket, staging);
                logger.info(`s3://${bucket}/${key}: ${formatBytes(out.bytes)}, sha256 ${out.sha256}`);
                return done({ modelDataUrl: `s3://${bucket}/${key}`, sha256: out.sha256, sizeBytes: out.bytes, reused: false, gzipBlocks: stats });
            }
            const out = await uploadFiles(s3, ranges(), { bucket, folder: staging, metadata, concurrency: uploadConcurrency });
            const streamed = Date.now();
            logger.info(`streamed ${files.length} files in ${((streamed - started) / 1000).toFixed(1)} s since start`);
            const folder = finalFolder(names, out.sha256);
            const pool = new TaskPool(8);
            // MLmodel last: its metadata marks the folder complete for the next run's reuse check.
            for (const f of [...files.slice(1), files[0]]) {
                const copy = () => copyObject(s3, bucket, { key: staging + f.path, size: f.size }, folder + f.path, {
                    contentType: 'application/octet-stream',
                    metadata: exportMetadata(model, id, out.sha256),
                    tagging: exportTagging(model, out.sha256),
                });
                if (f.path === 'MLmodel')
                    await pool.drain().then(copy);
                else
                    await pool.add(copy);
            }
            await pool.drain();
            logger.info(`copied to the final folder in ${((Date.now() - streamed) / 1000).toFixed(1)} s`);
            await clearPrefix(s3, bucket, staging);
            logger.info(`s3://${bucket}/${folder}: ${files.length} files, manifest sha256 ${out.sha256}`);
            return done({ modelDataUrl: `s3://${bucket}/${folder}`, sha256: out.sha256, sizeBytes: out.bytes, reused: false });
        });
    }
    catch (error) {
        // Parts were aborted by their writers; this also removes staged objects, so a failed run leaves nothing behind.
        await clearPrefix(s3, bucket, staging).catch(() => undefined);
        throw error;
    }
}
function checkModelFiles(model, files) {
    if (files.length === 0)
        throw new src/* ModelNotFoundError */.pC(`${model.uri}: no artifacts at ${model.downloadUri} (the path does not exist or is empty)`);
    if (files[0].path !== 'MLmodel') {
        const found = files.slice(0, 8).map((f) => f.path);
        throw new src/* ModelNotFoundError */.pC(`${model.uri}: ${model.downloadUri} has no MLmodel file at its root, so it is not an MLflow model directory (found: ${found.join(', ')}${files.length > 8 ? ', …' : ''})`);
    }
}
/** A finished export of this same identity, found by its metadata (no download needed to decide). */
async function findExport(s3, bucket, names, id, compression, files) {
    for (const folder of await listFolders(s3, bucket, `${names.modelFolder}${names.versionLabel}-`)) {
        const head = await headMetadata(s3, bucket, folder + (compression === 'gzip' ? 'model.tar.gz' : 'MLmodel'));
        if (head?.metadata['export-id'] !== id || !head.metadata.sha256)
            continue;
        if (compression === 'gzip')
            return { url: `s3://${bucket}/${folder}model.tar.gz`, sha256: head.metadata.sha256, size: head.size };
        const present = new Map((await listObjects(s3, bucket, folder)).map((o) => [o.key.slice(folder.length), o.size]));
        if (files.every((f) => present.get(f.path) === f.size))
            return { url: `s3://${bucket}/${folder}`, sha256: head.metadata.sha256, size: files.reduce((s, f) => s + f.size, 0) };
    }
    return undefined;
}

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 6 modules
var action_kit_src = __webpack_require__(6308);
;// CONCATENATED MODULE: ./packages/model-export/src/export-summary.ts


/** The action's outputs, named as in action.yml. */
function exportOutputs(r) {
    return {
        'model-data-url': r.modelDataUrl,
        'model-name': r.model.name ?? '',
        'model-version': r.model.version ?? '',
        'run-id': r.model.runId,
        'source-uri': r.model.downloadUri,
        sha256: r.sha256,
        'size-bytes': String(r.sizeBytes),
        compression: r.compression,
        reused: String(r.reused),
    };
}
const pct = (part, whole) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
/** The step summary: what was exported, from where, to where, how big, how fast. */
function exportSummary(r) {
    const mbps = r.contentBytes / 1e6 / Math.max(0.001, r.seconds);
    const what = r.model.name ? `${r.model.name} v${r.model.version}` : `run ${r.model.runId}`;
    const rows = [
        ['Model URI', (0,action_kit_src/* code */.aY)(r.model.uri)],
        ['Model', what],
        ['Stage / aliases', `${r.model.stage ?? '—'} / ${r.model.aliases.join(', ') || '—'}`],
        ['Run', (0,action_kit_src/* code */.aY)(r.model.runId)],
        ['MLflow source', (0,action_kit_src/* code */.aY)(r.model.downloadUri)],
        ['Model data', (0,action_kit_src/* code */.aY)(r.modelDataUrl)],
        ['Compression', r.compression],
        ['Files', `${r.files} (${formatBytes(r.contentBytes)})`],
        [
            'Stored size',
            `${formatBytes(r.sizeBytes)} (${r.sizeBytes} bytes${r.compression === 'gzip' ? `, ${pct(r.sizeBytes, r.contentBytes)} of the files` : ''})`,
        ],
        ...(r.gzipBlocks
            ? [
                ['gzip blocks', `${r.gzipBlocks.huffmanBlocks} Huffman-coded only (LZ77 did not pay), ${r.gzipBlocks.lz77Blocks} with LZ77`],
            ]
            : []),
        [r.compression === 'gzip' ? 'sha256 of model.tar.gz' : 'sha256 of the file manifest', (0,action_kit_src/* code */.aY)(r.sha256)],
        ['Reused', r.reused ? 'yes: identical export already in S3, nothing uploaded' : 'no: uploaded now'],
        ['Time', `${r.seconds.toFixed(1)} s${r.reused ? '' : ` (${mbps.toFixed(1)} MB/s of model data)`}`],
    ];
    const flow = [
        '```mermaid',
        'flowchart LR',
        `  A["${r.model.uri.replace(/"/g, "'")}"] --> B["${what.replace(/"/g, "'")}<br/>run ${r.model.runId.slice(0, 8)}"]`,
        `  B -->|${r.compression === 'gzip' ? 'tar + gzip, streamed' : 'files, streamed'}| C["${r.modelDataUrl.replace(/"/g, "'")}"]`,
        '```',
    ].join('\n');
    return `${(0,action_kit_src/* heading */.R_)(`Exported ${what}${r.reused ? ' (reused)' : ''}`)}${(0,action_kit_src/* table */.tp)(['', ''], rows)}\n${flow}\n`;
}

;// CONCATENATED MODULE: ./packages/model-export/src/export-run.ts



/** Creates the clients, exports, and closes the clients again (keep-alive sockets would hold the process open). */
async function runExport(inputs, tracking, logger, tuning) {
    const clients = createExportClients(inputs, tracking);
    try {
        return await exportModel(inputs, clients, logger, tuning);
    }
    finally {
        clients.mlflow.close();
        clients.s3.destroy();
    }
}


/***/ })

};
