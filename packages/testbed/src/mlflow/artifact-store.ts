// Artifacts kept as plain files under a root directory (a temp dir or the persist dir).
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalidParam } from './mlflow-errors.js';

export interface ArtifactEntry {
  name: string;
  is_dir: boolean;
  file_size?: number;
}

/**
 * MLflow's `validate_path_is_safe`: no `#`, no backslashes, no `..` component, not absolute.
 * Returns the path without leading/trailing slashes.
 */
export function validateArtifactPath(relPath: string): string {
  const bad = invalidParam('Invalid path');
  let p = relPath;
  if (p.startsWith('file://')) p = p.slice('file://'.length);
  if (p.includes('#') || p.includes('\\') || p.includes('\0')) throw bad;
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw bad;
  if (p.split('/').includes('..')) throw bad;
  return p.replace(/\/+$/, '');
}

export class ArtifactStore {
  constructor(readonly root: string) {}

  /** Absolute file path for a validated relative artifact path. */
  resolve(relPath: string): string {
    const safe = validateArtifactPath(relPath);
    const full = path.resolve(this.root, safe);
    if (full !== this.root && !full.startsWith(this.root + path.sep)) throw invalidParam('Invalid path');
    return full;
  }

  /** Entries of a directory, sorted by name; `undefined` when it does not exist or is a file. */
  async list(relPath: string): Promise<ArtifactEntry[] | undefined> {
    const dir = this.resolve(relPath);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) return undefined;
    const names = (await readdir(dir)).sort();
    const entries: ArtifactEntry[] = [];
    for (const name of names) {
      const s = await stat(path.join(dir, name)).catch(() => undefined);
      if (!s) continue;
      entries.push(s.isDirectory() ? { name, is_dir: true } : { name, is_dir: false, file_size: s.size });
    }
    return entries;
  }

  /** Size of a regular file, or `undefined` when there is none at that path. */
  async fileSize(relPath: string): Promise<number | undefined> {
    const s = await stat(this.resolve(relPath)).catch(() => undefined);
    return s?.isFile() ? s.size : undefined;
  }

  async isDirectory(relPath: string): Promise<boolean> {
    const s = await stat(this.resolve(relPath)).catch(() => undefined);
    return s?.isDirectory() ?? false;
  }

  /** Stream `body` into the file at `relPath` (parents created; never buffered whole). */
  async write(relPath: string, body: Readable): Promise<void> {
    const full = this.resolve(relPath);
    await mkdir(path.dirname(full), { recursive: true });
    await pipeline(body, createWriteStream(full));
  }

  /** Read stream over bytes [start, end] (inclusive) of the file. */
  open(relPath: string, start?: number, end?: number): ReadStream {
    // 1 MiB reads: a range is a few large socket writes, not dozens of 64 KiB ones.
    return createReadStream(this.resolve(relPath), { start, end, highWaterMark: 1024 * 1024 });
  }

  async remove(relPath: string): Promise<void> {
    await rm(this.resolve(relPath), { recursive: true, force: true });
  }
}
