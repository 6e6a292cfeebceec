import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every manifest type the registry stores; the registry answers with the stored one. */
export const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
  'application/vnd.docker.distribution.manifest.v1+json',
];

export interface StoredManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

export interface RegistryErrorBody {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly detail: unknown;
}

export const sha256Digest = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** ECR's own calls to the real registry: its HTTP API, plus its storage directory for what the API does not tell. */
export class RegistryClient {
  constructor(
    private readonly backendUrl: string,
    private readonly storageDir: string | undefined,
  ) {}

  private url(name: string, rest: string): string {
    return `${this.backendUrl}/v2/${name}/${rest}`;
  }

  async tags(name: string): Promise<string[]> {
    const res = await fetch(this.url(name, 'tags/list?n=10000'));
    if (res.status === 404) {
      await res.arrayBuffer();
      return [];
    }
    if (!res.ok) throw new Error(`registry tags/list ${name}: HTTP ${res.status}`);
    const body = (await res.json()) as { tags?: string[] | null };
    return body.tags ?? [];
  }

  /** The digest a tag or digest resolves to, or undefined. */
  async resolve(name: string, reference: string): Promise<string | undefined> {
    const res = await fetch(this.url(name, `manifests/${encodeURIComponent(reference)}`), {
      method: 'HEAD',
      headers: { accept: MANIFEST_TYPES.join(', ') },
    });
    await res.arrayBuffer();
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`registry HEAD manifest ${name}:${reference}: HTTP ${res.status}`);
    return res.headers.get('docker-content-digest') ?? undefined;
  }

  async manifest(name: string, reference: string): Promise<StoredManifest | undefined> {
    const res = await fetch(this.url(name, `manifests/${encodeURIComponent(reference)}`), {
      headers: { accept: MANIFEST_TYPES.join(', ') },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`registry GET manifest ${name}:${reference}: HTTP ${res.status}`);
    return {
      digest: res.headers.get('docker-content-digest') ?? sha256Digest(bytes),
      mediaType: (res.headers.get('content-type') ?? '').split(';')[0]!.trim(),
      bytes,
    };
  }

  /** PUT a manifest under a tag or digest; returns the registry's error when it refuses. */
  async putManifest(
    name: string,
    reference: string,
    bytes: Buffer,
    mediaType: string,
  ): Promise<{ digest: string } | { error: RegistryErrorBody }> {
    const res = await fetch(this.url(name, `manifests/${encodeURIComponent(reference)}`), {
      method: 'PUT',
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    const text = await res.text();
    if (res.status === 201) return { digest: res.headers.get('docker-content-digest') ?? sha256Digest(bytes) };
    let first: { code?: string; message?: string; detail?: unknown } = {};
    try {
      first = (JSON.parse(text) as { errors?: (typeof first)[] }).errors?.[0] ?? {};
    } catch {
      /* not JSON */
    }
    return { error: { status: res.status, code: first.code ?? 'UNKNOWN', message: first.message ?? text, detail: first.detail } };
  }

  /** Deletes a manifest by digest (the registry drops every tag pointing at it). */
  async deleteManifest(name: string, digest: string): Promise<boolean> {
    const res = await fetch(this.url(name, `manifests/${digest}`), { method: 'DELETE' });
    await res.arrayBuffer();
    if (res.status === 202 || res.status === 404) return res.status === 202;
    throw new Error(`registry DELETE manifest ${name}@${digest}: HTTP ${res.status}`);
  }

  private repoDir(name: string): string | undefined {
    return this.storageDir === undefined ? undefined : join(this.storageDir, 'docker', 'registry', 'v2', 'repositories', name);
  }

  /** Whether the storage directory is known (untagged manifests, push times, tag removal). */
  get hasStorage(): boolean {
    return this.storageDir !== undefined;
  }

  /** Every manifest revision of the repository with the time it was written; undefined without a storage dir. */
  revisions(name: string): { digest: string; writtenAt: Date }[] | undefined {
    const dir = this.repoDir(name);
    if (dir === undefined) return undefined;
    const root = join(dir, '_manifests', 'revisions', 'sha256');
    if (!existsSync(root)) return [];
    const out: { digest: string; writtenAt: Date }[] = [];
    for (const hex of readdirSync(root)) {
      const link = join(root, hex, 'link');
      if (existsSync(link)) out.push({ digest: `sha256:${hex}`, writtenAt: statSync(link).mtime });
    }
    return out;
  }

  /** When the registry stored this manifest in this repository, if the storage dir tells. */
  writtenAt(name: string, digest: string): Date | undefined {
    const dir = this.repoDir(name);
    const hex = digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : undefined;
    if (dir === undefined || hex === undefined || !/^[a-f0-9]{64}$/.test(hex)) return undefined;
    const link = join(dir, '_manifests', 'revisions', 'sha256', hex, 'link');
    return existsSync(link) ? statSync(link).mtime : undefined;
  }

  /** Removes one tag, keeping the manifest (the registry's API cannot). Returns false without a storage dir. */
  removeTag(name: string, tag: string): boolean {
    const dir = this.repoDir(name);
    if (dir === undefined) return false;
    rmSync(join(dir, '_manifests', 'tags', tag), { recursive: true, force: true });
    return true;
  }

  /** Forgets the repository's registry path entirely (blobs stay in the registry's shared blob store). */
  removeRepository(name: string): void {
    const dir = this.repoDir(name);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}
