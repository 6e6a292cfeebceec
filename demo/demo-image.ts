// A small but real image (one gzipped tar layer holding one file, a config whose diff_id matches the layer) pushed
// over the registry HTTP API as `docker push` does: for production's "previous release", and in place of a build
// when there is no Docker engine. A real layer matters: build-push-ecr pulls the previous image as its layer cache.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A ustar archive with one regular file. */
export function tarOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const put = (offset: number, length: number, value: string): void => void header.write(value, offset, length, 'ascii');
  const octal = (n: number, width: number): string => `${n.toString(8).padStart(width - 1, '0')}\0`;
  put(0, 100, name);
  put(100, 8, octal(0o644, 8));
  put(108, 8, octal(0, 8));
  put(116, 8, octal(0, 8));
  put(124, 12, octal(content.length, 12));
  put(136, 12, octal(Math.floor(Date.UTC(2024, 0, 1) / 1000), 12));
  put(148, 8, '        '); // the checksum is computed with its own field as spaces
  put(156, 1, '0');
  put(257, 6, 'ustar\0');
  put(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  put(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/** Pushes the image to `<registryUrl>/v2/<repository>` as `<tag>` with Basic auth AWS:<password>; returns its digest. */
export async function pushSmallImage(
  registryUrl: string,
  repository: string,
  tag: string,
  fileText: string,
  password: string,
): Promise<string> {
  const auth = { authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}` };
  const upload = async (bytes: Buffer): Promise<string> => {
    const digest = sha256(bytes);
    const start = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: auth });
    await start.arrayBuffer();
    if (start.status !== 202) throw new Error(`blob upload to ${repository}: HTTP ${start.status}`);
    const location = new URL(start.headers.get('location') ?? '', registryUrl);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: bytes });
    await put.arrayBuffer();
    if (put.status !== 201) throw new Error(`blob upload to ${repository}: HTTP ${put.status}`);
    return digest;
  };
  const tar = tarOneFile('opt/ml/model-server.txt', Buffer.from(fileText));
  const layer = gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: { 'org.opencontainers.image.description': fileText.trim() } },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    }),
  );
  const mediaType = 'application/vnd.docker.distribution.manifest.v2+json';
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: await upload(config) },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: await upload(layer) }],
  });
  const res = await fetch(`${registryUrl}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': mediaType },
    body: manifest,
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`manifest ${repository}:${tag}: HTTP ${res.status} ${text}`);
  return res.headers.get('docker-content-digest') ?? sha256(Buffer.from(manifest));
}
