// A small but real image (one gzipped tar layer holding one file, a config whose diff_id matches the layer) pushed
// over the registry HTTP API as `docker push` does: for production's "previous release", and in place of a build
// when there is no Docker engine. A real layer matters: build-push-ecr pulls the previous image as its layer cache.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { padding, TAR_END, tarHeader } from '@mlops-actions/model-export';
import { pushImage } from '@mlops-actions/testbed';

/** Pushes the image to `<registryUrl>/v2/<repository>` as `<tag>` with Basic auth AWS:<password>; returns its digest. */
export async function pushSmallImage(
  registryUrl: string,
  repository: string,
  tag: string,
  fileText: string,
  password: string,
): Promise<string> {
  const content = Buffer.from(fileText);
  const entry = { path: 'opt/ml/model-server.txt', size: content.length, mtime: Math.floor(Date.UTC(2024, 0, 1) / 1000) };
  const tar = Buffer.concat([tarHeader(entry), content, Buffer.alloc(padding(content.length)), TAR_END]);
  const image = {
    layer: gzipSync(tar),
    diffId: `sha256:${createHash('sha256').update(tar).digest('hex')}`,
    labels: { 'org.opencontainers.image.description': fileText.trim() },
  };
  return (await pushImage(registryUrl, repository, tag, image, password)).digest;
}
