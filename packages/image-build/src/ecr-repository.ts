import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  PutImageCommand,
  PutLifecyclePolicyCommand,
  paginateDescribeImages,
  type ECRClient,
  type Repository,
} from '@aws-sdk/client-ecr';
import type { Logger } from '@mlops-actions/action-kit';
import { awsCallFailed, errorName } from './aws-failure.js';

/** Every manifest type ECR stores; BatchGetImage without them answers only Docker v2 manifests. */
export const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
];
export const INDEX_TYPES = new Set(MANIFEST_TYPES.slice(2));

export interface RepositoryState {
  readonly name: string;
  readonly mutability: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush: boolean;
  readonly created: boolean;
}

export interface RepositorySettings {
  readonly create: boolean;
  readonly mutability: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush: boolean;
  readonly lifecyclePolicy?: string | undefined;
}

const stateOf = (r: Repository, created: boolean): RepositoryState => ({
  name: r.repositoryName ?? '',
  mutability: r.imageTagMutability === 'MUTABLE' ? 'MUTABLE' : 'IMMUTABLE',
  scanOnPush: r.imageScanningConfiguration?.scanOnPush === true,
  created,
});

/** The repository, or undefined when it does not exist. */
export async function findRepository(ecr: ECRClient, name: string): Promise<RepositoryState | undefined> {
  try {
    const out = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    const repo = out.repositories?.[0];
    return repo ? stateOf(repo, false) : undefined;
  } catch (error) {
    if (errorName(error) === 'RepositoryNotFoundException') return undefined;
    throw awsCallFailed('DescribeRepositories', error);
  }
}

/** Finds the repository or creates it with the given settings; applies the lifecycle policy when one is given. */
export async function ensureRepository(
  ecr: ECRClient,
  name: string,
  settings: RepositorySettings,
  logger: Logger,
): Promise<RepositoryState> {
  let repo = await findRepository(ecr, name);
  if (!repo) {
    if (!settings.create) throw new Error(`ECR repository '${name}' does not exist and create-repository is false`);
    try {
      const out = await ecr.send(
        new CreateRepositoryCommand({
          repositoryName: name,
          imageTagMutability: settings.mutability,
          imageScanningConfiguration: { scanOnPush: settings.scanOnPush },
        }),
      );
      repo = stateOf(out.repository ?? { repositoryName: name }, true);
      logger.info(`created ECR repository ${name} (${settings.mutability}, scan on push: ${String(settings.scanOnPush)})`);
    } catch (error) {
      // Two jobs of one workflow may race to create it: the loser uses the winner's.
      if (errorName(error) !== 'RepositoryAlreadyExistsException') throw awsCallFailed('CreateRepository', error);
      repo = await findRepository(ecr, name);
      if (!repo) throw awsCallFailed('CreateRepository', error);
    }
  }
  if (settings.lifecyclePolicy !== undefined) {
    try {
      await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: name, lifecyclePolicyText: settings.lifecyclePolicy }));
    } catch (error) {
      throw awsCallFailed('PutLifecyclePolicy', error);
    }
  }
  return repo;
}

export interface TaggedManifest {
  readonly tag: string;
  readonly digest: string;
  readonly manifest: string;
  readonly mediaType: string;
}

/** Which of `tags` the repository holds, with the manifest each names (BatchGetImage reports missing ones as failures). */
export async function taggedManifests(ecr: ECRClient, repository: string, tags: readonly string[]): Promise<TaggedManifest[]> {
  try {
    const out = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: repository,
        imageIds: tags.map((imageTag) => ({ imageTag })),
        acceptedMediaTypes: MANIFEST_TYPES,
      }),
    );
    return (out.images ?? []).map((i) => ({
      tag: i.imageId?.imageTag ?? '',
      digest: i.imageId?.imageDigest ?? '',
      manifest: i.imageManifest ?? '',
      mediaType: i.imageManifestMediaType ?? '',
    }));
  } catch (error) {
    throw awsCallFailed('BatchGetImage', error);
  }
}

/** The newest tagged single-platform image of the repository: the classic builder's `--cache-from`. */
export async function newestImage(ecr: ECRClient, repository: string): Promise<{ digest: string; tag: string } | undefined> {
  let best: { digest: string; tag: string; at: number } | undefined;
  try {
    for await (const page of paginateDescribeImages(
      { client: ecr, pageSize: 1000 },
      { repositoryName: repository, filter: { tagStatus: 'TAGGED' } },
    )) {
      for (const d of page.imageDetails ?? []) {
        if (INDEX_TYPES.has(d.imageManifestMediaType ?? '') || !d.imageDigest) continue;
        const at = d.imagePushedAt?.getTime() ?? 0;
        if (!best || at > best.at) best = { digest: d.imageDigest, tag: d.imageTags?.[0] ?? '', at };
      }
    }
  } catch (error) {
    throw awsCallFailed('DescribeImages', error);
  }
  return best && { digest: best.digest, tag: best.tag };
}

export interface PushedImage {
  readonly digest: string;
  readonly tags: string[];
  readonly sizeBytes: number | undefined;
  readonly mediaType: string;
  readonly pushedAt: Date | undefined;
}

/**
 * What the registry holds under `tags` after the push: one digest for all of them, or an error naming the tags
 * that are missing or point elsewhere. This, not docker's local state, is the digest deployments use.
 */
export async function pushedImage(ecr: ECRClient, repository: string, tags: readonly string[]): Promise<PushedImage> {
  const found = await taggedManifests(ecr, repository, tags);
  const missing = tags.filter((t) => !found.some((f) => f.tag === t));
  if (missing.length > 0) throw new Error(`the registry does not hold ${repository}:${missing.join(', ')} after the push`);
  const digests = new Set(found.map((f) => f.digest));
  if (digests.size > 1) {
    throw new Error(
      `the tags of ${repository} name different images after the push: ${found.map((f) => `${f.tag}=${f.digest}`).join(', ')}`,
    );
  }
  const digest = found[0]!.digest;
  try {
    const out = await ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageDigest: digest }] }));
    const d = out.imageDetails?.[0];
    return {
      digest,
      tags: d?.imageTags ?? [...tags],
      sizeBytes: d?.imageSizeInBytes,
      mediaType: d?.imageManifestMediaType ?? found[0]!.mediaType,
      pushedAt: d?.imagePushedAt,
    };
  } catch (error) {
    throw awsCallFailed('DescribeImages', error);
  }
}

/** Puts an existing manifest under more tags (ECR's retag recipe: no pull, no push). */
export async function addTags(ecr: ECRClient, repository: string, image: TaggedManifest, tags: readonly string[]): Promise<void> {
  for (const imageTag of tags) {
    try {
      await ecr.send(
        new PutImageCommand({
          repositoryName: repository,
          imageTag,
          imageManifest: image.manifest,
          imageManifestMediaType: image.mediaType,
          imageDigest: image.digest,
        }),
      );
    } catch (error) {
      if (errorName(error) !== 'ImageAlreadyExistsException') throw awsCallFailed('PutImage', error);
    }
  }
}
