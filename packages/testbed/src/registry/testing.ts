import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';

/** Debian's AWS CLI v2 (never the one first on PATH). */
export const AWS_CLI = process.env.WORLD_AWS_CLI ?? '/usr/bin/aws';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Parsed stdout when it is JSON. */
  readonly json: unknown;
}

export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { env: options.env ?? process.env, timeout: options.timeoutMs ?? 60000, maxBuffer: 32 * 1024 * 1024, cwd: options.cwd },
      (error, stdout, stderr) => {
        let json: unknown;
        try {
          json = stdout.trim() === '' ? undefined : JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr, json });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** `aws <args> --endpoint-url <url> --output json` with local credentials. */
export function awsCli(
  endpointUrl: string,
  args: string[],
  options: { accessKeyId?: string; region?: string; input?: string } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'AKIDLOCAL',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_REGION: options.region ?? 'us-east-1',
    AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  return run(AWS_CLI, [...args, '--endpoint-url', endpointUrl, '--output', 'json'], { env, input: options.input });
}

/** The error code in the AWS CLI's message: `An error occurred (Code) when calling ...`. */
export function cliErrorCode(result: CliResult): string | undefined {
  return /An error occurred \(([^)]+)\)/.exec(result.stderr)?.[1];
}

export { startMoto } from '../moto.js';

export interface PushedImage {
  readonly digest: string;
  readonly manifest: string;
  readonly mediaType: string;
  readonly layerSize: number;
}

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** One layer and what the image config says of it. */
export interface ImageLayer {
  /** The layer blob as pushed (e.g. a gzipped tar). */
  readonly layer: Buffer;
  /** The digest of the uncompressed layer (the config's `rootfs.diff_ids`). */
  readonly diffId: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Pushes a one-layer image over the registry HTTP API as `docker push` does (blob uploads, then the manifest),
 * with Basic auth `AWS:<password>` when given.
 */
export async function pushImage(
  registryUrl: string,
  name: string,
  reference: string,
  image: ImageLayer,
  password?: string,
): Promise<PushedImage> {
  const auth: Record<string, string> =
    password === undefined ? {} : { authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}` };
  const upload = async (bytes: Buffer): Promise<string> => {
    const digest = sha256(bytes);
    const start = await fetch(`${registryUrl}/v2/${name}/blobs/uploads/`, { method: 'POST', headers: auth });
    await start.arrayBuffer();
    if (start.status !== 202) throw new Error(`blob upload start ${name}: HTTP ${start.status}`);
    const location = new URL(start.headers.get('location')!, registryUrl);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: bytes });
    await put.arrayBuffer();
    if (put.status !== 201) throw new Error(`blob upload ${name}: HTTP ${put.status}`);
    return digest;
  };
  const { layer } = image;
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [image.diffId] },
      config: image.labels ? { Labels: image.labels } : {},
    }),
  );
  const mediaType = 'application/vnd.docker.distribution.manifest.v2+json';
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: await upload(config) },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: await upload(layer) }],
  });
  const res = await fetch(`${registryUrl}/v2/${name}/manifests/${reference}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': mediaType },
    body: manifest,
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`manifest PUT ${name}:${reference}: HTTP ${res.status} ${text}`);
  return { digest: res.headers.get('docker-content-digest')!, manifest, mediaType, layerSize: layer.length };
}

/** A test image whose one "layer" is `content` (it makes the layer, and so the digest, unique). */
export function pushTestImage(
  registryUrl: string,
  name: string,
  reference: string,
  content: string,
  password?: string,
): Promise<PushedImage> {
  const layer = Buffer.from(content);
  return pushImage(registryUrl, name, reference, { layer, diffId: sha256(layer) }, password);
}
