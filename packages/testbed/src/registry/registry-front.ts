import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** An error in the registry's own JSON format (`{"errors":[{"code","message"}]}`), as ECR's registry sends them. */
export interface RegistryRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/**
 * What the service behind the registry (ECR) decides for registry traffic. Every hook is optional;
 * without a policy the front only checks the password and proxies.
 */
export interface FrontPolicy {
  /** Called for every `/v2/<name>/...` request; a refusal is sent instead of proxying (e.g. unknown repository). */
  checkRepository?(name: string, method: string): RegistryRefusal | undefined;
  /** Called before a manifest PUT is proxied, with the digest of the uploaded bytes (e.g. immutable tags). */
  beforeManifestPut?(name: string, reference: string, digest: string): RegistryRefusal | undefined | Promise<RegistryRefusal | undefined>;
  /** Called after the registry accepted a manifest (a push). */
  afterManifestPut?(name: string, reference: string, digest: string, mediaType: string | undefined): void;
}

export interface RegistryFront {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `127.0.0.1:PORT`, as image references and `repositoryUri` name the registry. */
  readonly host: string;
  setPolicy(policy: FrontPolicy | undefined): void;
  close(): Promise<void>;
}

export interface RegistryFrontOptions {
  /** The registry to proxy to, `http://127.0.0.1:PORT`. */
  readonly backendUrl: string;
  readonly username?: string;
  readonly password: string;
  readonly realm?: string;
  readonly policy?: FrontPolicy;
}

const MANIFEST_PATH = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
const REPO_PATH = /^\/v2\/(.+?)\/(?:manifests|blobs|tags)(?:\/|$)/;

function registryError(res: ServerResponse, refusal: RegistryRefusal, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ errors: [{ code: refusal.code, message: refusal.message, detail: null }] });
  res.writeHead(refusal.status, {
    'content-type': 'application/json; charset=utf-8',
    'docker-distribution-api-version': 'registry/2.0',
    'content-length': String(Buffer.byteLength(body)),
    ...extra,
  });
  res.end(body);
}

function passwordMatches(header: string | undefined, username: string, password: string): boolean {
  const m = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(Buffer.from(m[1]!, 'base64').toString('utf8'));
  const expected = Buffer.from(`${username}:${password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * An HTTP front on its own loopback port: Basic auth as ECR's registry asks for it (user `AWS`), then every
 * request streamed to the real registry and the response streamed back, `Location` rewritten to the front.
 */
export async function startRegistryFront(options: RegistryFrontOptions): Promise<RegistryFront> {
  const backend = new URL(options.backendUrl);
  const username = options.username ?? 'AWS';
  const realm = options.realm ?? 'Amazon ECR';
  let policy = options.policy;
  let frontOrigin = '';

  const rewriteLocation = (location: string): string => {
    if (location.startsWith(backend.origin)) return frontOrigin + location.slice(backend.origin.length);
    return location;
  };

  const proxy = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer | undefined,
    onDone?: (upstream: IncomingMessage) => void,
  ): void => {
    const headers: OutgoingHttpHeaders = { ...req.headers };
    delete headers.authorization;
    delete headers.connection;
    delete headers['keep-alive'];
    headers.host = frontOrigin.slice('http://'.length);
    headers['x-forwarded-proto'] = 'http';
    if (body) {
      delete headers['transfer-encoding'];
      headers['content-length'] = String(body.length);
    }
    const upstreamReq = httpRequest(
      { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers },
      (upstream) => {
        const out: OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(upstream.headers)) {
          if (v === undefined || k === 'connection' || k === 'keep-alive') continue;
          out[k] = k === 'location' && typeof v === 'string' ? rewriteLocation(v) : v;
        }
        res.writeHead(upstream.statusCode ?? 502, out);
        upstream.pipe(res);
        upstream.on('end', () => onDone?.(upstream));
        upstream.on('error', () => res.destroy());
      },
    );
    upstreamReq.on('error', (error) => {
      if (!res.headersSent) registryError(res, { status: 502, code: 'UNAVAILABLE', message: `registry unreachable: ${error.message}` });
      else res.destroy();
    });
    if (body) upstreamReq.end(body);
    else req.pipe(upstreamReq);
    req.on('aborted', () => upstreamReq.destroy());
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!passwordMatches(req.headers.authorization, username, options.password)) {
      req.resume();
      return registryError(
        res,
        { status: 401, code: 'UNAUTHORIZED', message: 'authentication required' },
        { 'www-authenticate': `Basic realm="${realm}"` },
      );
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const repo = REPO_PATH.exec(path);
    if (repo && policy?.checkRepository) {
      const refusal = policy.checkRepository(decodeURIComponent(repo[1]!), req.method ?? 'GET');
      if (refusal) {
        req.resume();
        return registryError(res, refusal);
      }
    }
    const manifest = MANIFEST_PATH.exec(path);
    if (req.method === 'PUT' && manifest && policy) {
      const name = decodeURIComponent(manifest[1]!);
      const reference = decodeURIComponent(manifest[2]!);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
      const refusal = await policy.beforeManifestPut?.(name, reference, digest);
      if (refusal) return registryError(res, refusal);
      const mediaType = req.headers['content-type'];
      return proxy(req, res, body, (upstream) => {
        if (upstream.statusCode === 201) policy?.afterManifestPut?.(name, reference, digest, mediaType);
      });
    }
    proxy(req, res, undefined);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        registryError(res, { status: 500, code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 2000;
  // Docker tries TLS first on insecure registries: a TLS hello on this plain port must just fail fast.
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  frontOrigin = `http://127.0.0.1:${port}`;
  return {
    url: frontOrigin,
    host: `127.0.0.1:${port}`,
    setPolicy(next) {
      policy = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
