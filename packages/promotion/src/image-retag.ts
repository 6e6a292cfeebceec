import { BatchGetImageCommand, DescribeImagesCommand, PutImageCommand, type ECRClient } from '@aws-sdk/client-ecr';

export interface ImageRef {
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

export function parseImage(uri: string): ImageRef {
  const m = /^([^/]+)\/(.+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/.exec(uri);
  if (!m) throw new Error(`not an image reference: ${uri}`);
  return { registry: m[1]!, repository: m[2]!, tag: m[3], digest: m[4] };
}

export interface ResolvedImage {
  readonly repository: string;
  readonly digest: string;
  /** What deploys: <registry>/<repository>@sha256:... */
  readonly imageUriDigest: string;
  readonly productionTag: string;
  /** true when the tag already names this digest (a re-run): nothing to write. */
  readonly alreadyTagged: boolean;
  readonly manifest: string;
  readonly mediaType: string | undefined;
}

/** The production tag: the staging tag with its suffix swapped (`abc-stg` → `abc-prod`), or `v<version><suffix>`. */
export function productionTag(sourceTags: readonly string[], version: string, suffix: string): string {
  const staged = sourceTags.find((t) => /-stg$|-staging$/.test(t));
  if (staged) return staged.replace(/-(stg|staging)$/, '') + suffix;
  return `v${version}${suffix}`;
}

/** Resolves the image staging runs to its digest in ECR (from the registry, never assumed) and names its production tag. */
export async function resolveImage(ecr: ECRClient, image: string, version: string, suffix: string): Promise<ResolvedImage> {
  const ref = parseImage(image);
  const imageId = ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag ?? 'latest' };
  const got = await ecr.send(new BatchGetImageCommand({ repositoryName: ref.repository, imageIds: [imageId] }));
  const found = got.images?.[0];
  if (!found?.imageManifest || !found.imageId?.imageDigest)
    throw new Error(`image ${image} is not in ECR (${got.failures?.[0]?.failureReason ?? 'not found'})`);
  const digest = found.imageId.imageDigest;
  const described = await ecr.send(new DescribeImagesCommand({ repositoryName: ref.repository, imageIds: [{ imageDigest: digest }] }));
  const tags = described.imageDetails?.[0]?.imageTags ?? [];
  const tag = productionTag(tags, version, suffix);
  return {
    repository: ref.repository,
    digest,
    imageUriDigest: `${ref.registry}/${ref.repository}@${digest}`,
    productionTag: tag,
    alreadyTagged: tags.includes(tag),
    manifest: found.imageManifest,
    mediaType: found.imageManifestMediaType,
  };
}

/** Writes the digest's manifest under the production tag (PutImage: a real retag, no rebuild, no pull). */
export async function tagForProduction(ecr: ECRClient, image: ResolvedImage): Promise<boolean> {
  if (image.alreadyTagged) return false;
  await ecr.send(
    new PutImageCommand({
      repositoryName: image.repository,
      imageManifest: image.manifest,
      imageManifestMediaType: image.mediaType,
      imageTag: image.productionTag,
      imageDigest: image.digest,
    }),
  );
  return true;
}
