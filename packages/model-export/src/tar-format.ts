/**
 * The POSIX ustar format, written here rather than pulled in as a dependency: regular files only (no symlinks,
 * no device nodes), fixed owner and mode, and a PAX extended header only where ustar cannot hold a path
 * (> 100 bytes that cannot be split at a '/') or a size (>= 8 GiB). GNU tar, bsdtar and Python's tarfile read it.
 */
const BLOCK = 512;

export interface TarEntry {
  readonly path: string;
  readonly size: number;
  /** Seconds since the epoch. */
  readonly mtime: number;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function splitUstarPath(path: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return { name, prefix };
  }
  return undefined;
}

function header(name: string, prefix: string, size: number, mtime: number, type: '0' | 'x'): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.max(0, Math.floor(mtime)), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(type, 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  h.write('root', 265, 'ascii');
  h.write('root', 297, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

/** A PAX record "<len> <key>=<value>\n", whose length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len++;
  return `${len}${body}`;
}

const MAX_USTAR_SIZE = 8 ** 11 - 1;

/** Header block(s) for one regular file: a PAX header first when ustar fields cannot hold the path or size. */
export function tarHeader(entry: TarEntry): Buffer {
  if (entry.path === '' || entry.path.startsWith('/') || entry.path.split('/').includes('..'))
    throw new Error(`refusing to archive unsafe path ${JSON.stringify(entry.path)}`);
  const split = splitUstarPath(entry.path);
  const big = entry.size > MAX_USTAR_SIZE;
  if (split && !big) return header(split.name, split.prefix, entry.size, entry.mtime, '0');
  const records = (split ? '' : paxRecord('path', entry.path)) + (big ? paxRecord('size', String(entry.size)) : '');
  const pax = Buffer.from(records, 'utf8');
  const fallbackName = split?.name ?? entry.path.slice(-100).replace(/^[^/]*\//, '');
  return Buffer.concat([
    header('PaxHeaders/' + fallbackName.slice(-80), '', pax.length, entry.mtime, 'x'),
    pax,
    Buffer.alloc(padding(pax.length)),
    header(split?.name ?? fallbackName, split?.prefix ?? '', big ? 0 : entry.size, entry.mtime, '0'),
  ]);
}

/** Zero bytes after a file's data up to the next 512-byte boundary. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Two zero blocks end an archive. */
export const TAR_END = Buffer.alloc(2 * BLOCK);

/** Bytes the archive of these entries will take (headers, data, padding, end), for part sizing and progress. */
export function tarSize(entries: readonly TarEntry[]): number {
  return entries.reduce((sum, e) => sum + tarHeader(e).length + e.size + padding(e.size), TAR_END.length);
}
