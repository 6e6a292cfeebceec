import { randomUUID } from 'node:crypto';
import { AwsError } from '../aws-error.js';
import type { RequestContext, SimulatedService } from '../gateway.js';
import type { FrontPolicy, RegistryRefusal } from '../registry/registry-front.js';
import type { SimClock } from '../sim-clock.js';
import { RegistryClient, sha256Digest, type StoredManifest } from './ecr-registry-client.js';
import {
  NAME_RE,
  DIGEST_RE,
  DOCKER_TAG_RE,
  TOKEN_TTL_MS,
  SCAN_QUOTA_MS,
  imageIdText,
  partition,
  page,
  manifestSize,
  checkFindings,
  ecrModel,
  artifactMediaType,
  validateLifecyclePolicy,
  type Finding,
  type Scan,
  type Repo,
  type ImageRecord,
  type ImageId,
  ECR_REPOSITORY_NAME_PATTERN,
} from './ecr-records.js';

export { ECR_REPOSITORY_NAME_PATTERN, type Finding } from './ecr-records.js';

export interface EcrOptions {
  readonly registry: {
    /** The Basic-auth front, `http://127.0.0.1:PORT`: `proxyEndpoint` and the host of `repositoryUri`. */
    readonly url: string;
    /** The registry itself, for ECR's own calls. */
    readonly backendUrl: string;
    /** The registry's storage root: lets ECR see untagged images, push times, and untag without deleting. */
    readonly storageDir?: string;
    /** Hooks ECR's policy into the front (unknown repositories, immutable tags, scan on push). */
    readonly attach?: (policy: FrontPolicy | undefined) => void;
  };
  /** The password of user `AWS` at the front. */
  readonly password: string;
  readonly clock: SimClock;
  /** Account for registry errors before any API call told it (default: the first request's account). */
  readonly accountId?: string;
  /** Simulated duration of an image scan (default 1500 ms, scaled by the clock). */
  readonly scanDurationMs?: number;
}

/**
 * Amazon ECR's control plane (JSON 1.1) over the world's real OCI registry: repositories are registry paths of
 * the same name; images, tags and manifests are what the registry holds; ECR's own state is the repository
 * settings, lifecycle policies and scans.
 */
export function createEcr(opts: EcrOptions): SimulatedService & { readonly policy: FrontPolicy } {
  const registry = new RegistryClient(opts.registry.backendUrl.replace(/\/+$/, ''), opts.registry.storageDir);
  const frontUrl = opts.registry.url.replace(/\/+$/, '');
  const frontHost = new URL(frontUrl).host;
  const scanMs = opts.scanDurationMs ?? 1500;
  const repos = new Map<string, Repo>();
  let accountId = opts.accountId;

  const registryIdOf = (ctx: RequestContext, given?: string): string => {
    accountId ??= ctx.accountId;
    return given ?? ctx.accountId;
  };

  const checkName = (name: string): void => {
    if (!NAME_RE.test(name)) {
      throw new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '${ECR_REPOSITORY_NAME_PATTERN}''`,
      );
    }
  };

  const repoOf = (name: string, ctx: RequestContext, registryId?: string): Repo => {
    checkName(name);
    const id = registryIdOf(ctx, registryId);
    const repo = repos.get(name);
    if (!repo || repo.registryId !== id) {
      throw new AwsError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${id}'`,
      );
    }
    return repo;
  };

  const repositoryOut = (r: Repo): Record<string, unknown> => ({
    repositoryArn: r.arn,
    registryId: r.registryId,
    repositoryName: r.name,
    repositoryUri: r.uri,
    createdAt: r.createdAt,
    imageTagMutability: r.mutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: { ...r.encryption },
  });

  const startScan = (repo: Repo, digest: string): Scan => {
    repo.scans.get(digest)?.cancel();
    const scan: Scan = { status: 'IN_PROGRESS', startedAt: new Date(), cancel: () => {} };
    scan.cancel = opts.clock.schedule(scanMs, () => {
      scan.status = 'COMPLETE';
      scan.completedAt = new Date();
    });
    repo.scans.set(digest, scan);
    return scan;
  };

  /** Records a push ECR has just learnt of; starts the scan when the repository scans on push. */
  const noticePush = (repo: Repo, digest: string, at: Date): void => {
    if (!repo.pushedAt.has(digest)) repo.pushedAt.set(digest, at);
    if (repo.scanOnPush && !repo.scans.has(digest)) startScan(repo, digest);
  };

  /** Every image of a repository as the registry holds it: tags via its API, untagged ones via its storage. */
  const images = async (repo: Repo): Promise<ImageRecord[]> => {
    const byDigest = new Map<string, string[]>();
    const tags = await registry.tags(repo.name);
    const resolved = await Promise.all(tags.map(async (tag) => [tag, await registry.resolve(repo.name, tag)] as const));
    for (const [tag, digest] of resolved) {
      if (digest === undefined) continue;
      byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag]);
    }
    const revisions = registry.revisions(repo.name);
    if (revisions) {
      for (const r of revisions) if (!byDigest.has(r.digest)) byDigest.set(r.digest, []);
    } else {
      for (const digest of repo.pushedAt.keys()) {
        if (!byDigest.has(digest) && (await registry.resolve(repo.name, digest)) !== undefined) byDigest.set(digest, []);
      }
    }
    const out: ImageRecord[] = [];
    for (const [digest, imageTags] of byDigest) {
      noticePush(repo, digest, registry.writtenAt(repo.name, digest) ?? new Date());
      out.push({ digest, tags: imageTags.sort(), pushedAt: repo.pushedAt.get(digest)! });
    }
    return out.sort((a, b) => a.pushedAt.getTime() - b.pushedAt.getTime() || a.digest.localeCompare(b.digest));
  };

  const forgetImage = (repo: Repo, digest: string): void => {
    repo.pushedAt.delete(digest);
    repo.scans.get(digest)?.cancel();
    repo.scans.delete(digest);
  };

  /** Finds the image an imageId names, or explains why not (ECR's BatchGetImage/BatchDeleteImage failure codes). */
  const findImage = (all: ImageRecord[], id: ImageId): { image: ImageRecord } | { failureCode: string; failureReason: string } => {
    if (id.imageDigest === undefined && id.imageTag === undefined) {
      return { failureCode: 'MissingDigestAndTag', failureReason: 'Invalid request parameters: both tag and digest cannot be null' };
    }
    if (id.imageDigest !== undefined && !DIGEST_RE.test(id.imageDigest)) {
      return {
        failureCode: 'InvalidImageDigest',
        failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'",
      };
    }
    const byDigest = id.imageDigest === undefined ? undefined : all.find((i) => i.digest === id.imageDigest);
    const byTag = id.imageTag === undefined ? undefined : all.find((i) => i.tags.includes(id.imageTag!));
    if (id.imageDigest !== undefined && id.imageTag !== undefined) {
      if (byDigest && byTag && byDigest !== byTag)
        return {
          failureCode: 'ImageTagDoesNotMatchDigest',
          failureReason: 'Invalid request parameters: given tag does not map to the given digest',
        };
      if (byDigest && byTag) return { image: byDigest };
      return { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' };
    }
    const image = byDigest ?? byTag;
    return image ? { image } : { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' };
  };

  const requireImage = (repo: Repo, all: ImageRecord[], id: ImageId): ImageRecord => {
    const found = findImage(all, id);
    if ('image' in found) return found.image;
    if (found.failureCode === 'ImageNotFound') {
      throw new AwsError(
        'ImageNotFoundException',
        `The image with imageId ${imageIdText(id)} does not exist within the repository with name '${repo.name}' in the registry with id '${repo.registryId}'`,
      );
    }
    throw new AwsError('InvalidParameterException', found.failureReason);
  };

  const findingsOf = (repo: Repo, digest: string): Finding[] => repo.findings.get(digest) ?? repo.defaultFindings ?? [];
  const severityCounts = (findings: Finding[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    return counts;
  };
  const scanStatus = (scan: Scan): { status: string; description: string } =>
    scan.status === 'COMPLETE'
      ? { status: 'COMPLETE', description: 'The scan was completed successfully.' }
      : { status: 'IN_PROGRESS', description: 'The scan is in progress.' };

  const imageDetail = async (repo: Repo, image: ImageRecord): Promise<Record<string, unknown> | undefined> => {
    const manifest = await registry.manifest(repo.name, image.digest);
    if (!manifest) return undefined;
    const scan = repo.scans.get(image.digest);
    const findings = findingsOf(repo, image.digest);
    return {
      registryId: repo.registryId,
      repositoryName: repo.name,
      imageDigest: image.digest,
      imageTags: image.tags.length > 0 ? image.tags : undefined,
      imageSizeInBytes: manifestSize(manifest.bytes),
      imagePushedAt: image.pushedAt,
      imageScanStatus: scan ? scanStatus(scan) : undefined,
      imageScanFindingsSummary:
        scan?.status === 'COMPLETE'
          ? {
              imageScanCompletedAt: scan.completedAt,
              vulnerabilitySourceUpdatedAt: scan.completedAt,
              findingSeverityCounts: severityCounts(findings),
            }
          : undefined,
      imageManifestMediaType: manifest.mediaType,
      artifactMediaType: artifactMediaType(manifest),
    };
  };

  const immutableTagMessage = (tag: string, repo: string): string =>
    `The image tag '${tag}' already exists in the '${repo}' repository and cannot be overwritten because the repository is immutable.`;

  const policy: FrontPolicy = {
    checkRepository(name): RegistryRefusal | undefined {
      if (repos.has(name)) return undefined;
      return {
        status: 404,
        code: 'NAME_UNKNOWN',
        message: `The repository with name '${name}' does not exist in the registry with id '${accountId ?? '000000000000'}'`,
      };
    },
    async beforeManifestPut(name, reference, digest): Promise<RegistryRefusal | undefined> {
      const repo = repos.get(name);
      if (!repo || repo.mutability !== 'IMMUTABLE' || reference.includes(':')) return undefined;
      const current = await registry.resolve(name, reference);
      if (current === undefined || current === digest) return undefined;
      return { status: 400, code: 'TAG_INVALID', message: immutableTagMessage(reference, name) };
    },
    afterManifestPut(name, _reference, digest) {
      const repo = repos.get(name);
      if (repo) noticePush(repo, digest, new Date());
    },
  };
  opts.registry.attach?.(policy);

  type In<T> = T & { registryId?: string; repositoryName: string };

  const operations = {
    GetAuthorizationToken(input: { registryIds?: string[] }, ctx: RequestContext) {
      const ids = input.registryIds ?? [registryIdOf(ctx)];
      const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
      return {
        authorizationData: ids.map(() => ({
          authorizationToken: Buffer.from(`AWS:${opts.password}`).toString('base64'),
          expiresAt,
          proxyEndpoint: frontUrl,
        })),
      };
    },

    CreateRepository(
      input: In<{
        tags?: { Key?: string; Value?: string }[];
        imageTagMutability?: 'MUTABLE' | 'IMMUTABLE';
        imageScanningConfiguration?: { scanOnPush?: boolean };
        encryptionConfiguration?: { encryptionType: string; kmsKey?: string };
      }>,
      ctx: RequestContext,
    ) {
      const name = input.repositoryName;
      checkName(name);
      const registryId = registryIdOf(ctx, input.registryId);
      if (repos.has(name)) {
        throw new AwsError(
          'RepositoryAlreadyExistsException',
          `The repository with name '${name}' already exists in the registry with id '${registryId}'`,
        );
      }
      const enc = input.encryptionConfiguration ?? { encryptionType: 'AES256' };
      if (enc.encryptionType === 'AES256' && enc.kmsKey !== undefined) {
        throw new AwsError(
          'InvalidParameterException',
          "Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'KMS key should not be specified for AES256 encryption type'",
        );
      }
      const repo: Repo = {
        name,
        registryId,
        arn: `arn:${partition(ctx.region)}:ecr:${ctx.region}:${registryId}:repository/${name}`,
        uri: `${frontHost}/${name}`,
        createdAt: new Date(),
        mutability: input.imageTagMutability ?? 'MUTABLE',
        scanOnPush: input.imageScanningConfiguration?.scanOnPush ?? false,
        encryption:
          enc.encryptionType === 'KMS'
            ? {
                encryptionType: 'KMS',
                kmsKey: enc.kmsKey ?? `arn:${partition(ctx.region)}:kms:${ctx.region}:${registryId}:key/${randomUUID()}`,
              }
            : { encryptionType: 'AES256' },
        tags: input.tags ?? [],
        pushedAt: new Map(),
        scans: new Map(),
        findings: new Map(),
      };
      // A repository name may have been used before: it starts empty in the registry too.
      registry.removeRepository(name);
      repos.set(name, repo);
      return { repository: repositoryOut(repo) };
    },

    DescribeRepositories(
      input: { registryId?: string; repositoryNames?: string[]; nextToken?: string; maxResults?: number },
      ctx: RequestContext,
    ) {
      const registryId = registryIdOf(ctx, input.registryId);
      if (input.repositoryNames) {
        if (input.maxResults !== undefined || input.nextToken !== undefined) {
          throw new AwsError(
            'InvalidParameterException',
            'Invalid parameter: maxResults and nextToken cannot be specified with repositoryNames',
          );
        }
        return { repositories: input.repositoryNames.map((n) => repositoryOut(repoOf(n, ctx, registryId))) };
      }
      const all = [...repos.values()].filter((r) => r.registryId === registryId);
      const p = page(all, input.maxResults, input.nextToken, 'repository');
      return { repositories: p.items.map(repositoryOut), nextToken: p.nextToken };
    },

    async DeleteRepository(input: In<{ force?: boolean }>, ctx: RequestContext) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      const all = await images(repo);
      if (all.length > 0 && !input.force) {
        throw new AwsError(
          'RepositoryNotEmptyException',
          `The repository with name '${repo.name}' in registry with id '${repo.registryId}' cannot be deleted because it still contains images`,
        );
      }
      for (const image of all) {
        await registry.deleteManifest(repo.name, image.digest);
        forgetImage(repo, image.digest);
      }
      registry.removeRepository(repo.name);
      repos.delete(repo.name);
      return { repository: repositoryOut(repo) };
    },

    async DescribeImages(
      input: In<{ imageIds?: ImageId[]; nextToken?: string; maxResults?: number; filter?: { tagStatus?: string } }>,
      ctx: RequestContext,
    ) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      const all = await images(repo);
      let selected: ImageRecord[];
      if (input.imageIds) {
        if (input.maxResults !== undefined || input.nextToken !== undefined) {
          throw new AwsError('InvalidParameterException', 'Invalid parameter: maxResults and nextToken cannot be specified with imageIds');
        }
        selected = [];
        for (const id of input.imageIds) {
          const image = requireImage(repo, all, id);
          if (!selected.includes(image)) selected.push(image);
        }
      } else {
        const status = input.filter?.tagStatus ?? 'ANY';
        selected = all.filter((i) => status === 'ANY' || (status === 'TAGGED') === i.tags.length > 0);
      }
      const p = input.imageIds ? { items: selected } : page(selected, input.maxResults, input.nextToken, 'image');
      const details = (await Promise.all(p.items.map((i) => imageDetail(repo, i)))).filter((d) => d !== undefined);
      return { imageDetails: details, nextToken: 'nextToken' in p ? p.nextToken : undefined };
    },

    async ListImages(input: In<{ nextToken?: string; maxResults?: number; filter?: { tagStatus?: string } }>, ctx: RequestContext) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      const status = input.filter?.tagStatus ?? 'ANY';
      const ids: ImageId[] = [];
      for (const image of await images(repo)) {
        if (image.tags.length === 0) {
          if (status !== 'TAGGED') ids.push({ imageDigest: image.digest });
        } else if (status !== 'UNTAGGED') {
          for (const tag of image.tags) ids.push({ imageDigest: image.digest, imageTag: tag });
        }
      }
      const p = page(ids, input.maxResults, input.nextToken, 'image');
      return { imageIds: p.items, nextToken: p.nextToken };
    },

    async BatchGetImage(input: In<{ imageIds: ImageId[]; acceptedMediaTypes?: string[] }>, ctx: RequestContext) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      const all = await images(repo);
      const result: { images: unknown[]; failures: unknown[] } = { images: [], failures: [] };
      for (const id of input.imageIds) {
        const found = findImage(all, id);
        if (!('image' in found)) {
          result.failures.push({ imageId: { ...id }, ...found });
          continue;
        }
        const manifest = await registry.manifest(repo.name, found.image.digest);
        if (!manifest) {
          result.failures.push({ imageId: { ...id }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
          continue;
        }
        if (input.acceptedMediaTypes && !input.acceptedMediaTypes.includes(manifest.mediaType)) {
          result.failures.push({
            imageId: { ...id },
            failureCode: 'UnsupportedImageType',
            failureReason: `Manifest media type ${manifest.mediaType} is not accepted`,
          });
          continue;
        }
        result.images.push({
          registryId: repo.registryId,
          repositoryName: repo.name,
          imageId: { imageDigest: manifest.digest, imageTag: id.imageTag },
          imageManifest: manifest.bytes.toString('utf8'),
          imageManifestMediaType: manifest.mediaType,
        });
      }
      return result;
    },

    async PutImage(
      input: In<{ imageManifest: string; imageManifestMediaType?: string; imageTag?: string; imageDigest?: string }>,
      ctx: RequestContext,
    ) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      const bytes = Buffer.from(input.imageManifest, 'utf8');
      let parsed: { mediaType?: string; schemaVersion?: number };
      try {
        parsed = JSON.parse(input.imageManifest) as typeof parsed;
      } catch {
        throw new AwsError(
          'InvalidParameterException',
          "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'",
        );
      }
      const digest = sha256Digest(bytes);
      if (input.imageDigest !== undefined && input.imageDigest !== digest) {
        throw new AwsError(
          'ImageDigestDoesNotMatchException',
          `Invalid parameter at 'imageDigest' failed to satisfy constraint: 'The provided digest ${input.imageDigest} does not match the digest of the image manifest ${digest}'`,
        );
      }
      const mediaType =
        input.imageManifestMediaType ??
        parsed.mediaType ??
        (parsed.schemaVersion === 1
          ? 'application/vnd.docker.distribution.manifest.v1+json'
          : 'application/vnd.oci.image.manifest.v1+json');
      if (
        input.imageManifestMediaType !== undefined &&
        parsed.mediaType !== undefined &&
        parsed.mediaType !== input.imageManifestMediaType
      ) {
        throw new AwsError(
          'InvalidParameterException',
          `Invalid parameter at 'imageManifestMediaType' failed to satisfy constraint: 'Manifest media type ${parsed.mediaType} does not match the provided media type ${input.imageManifestMediaType}'`,
        );
      }
      const tag = input.imageTag;
      if (tag !== undefined && !DOCKER_TAG_RE.test(tag)) {
        throw new AwsError(
          'InvalidParameterException',
          `Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}''`,
        );
      }
      const current = tag === undefined ? await registry.resolve(repo.name, digest) : await registry.resolve(repo.name, tag);
      if (current === digest) {
        throw new AwsError(
          'ImageAlreadyExistsException',
          `Image with digest '${digest}' and tag '${tag ?? 'null'}' already exists in the repository with name '${repo.name}' in registry with id '${repo.registryId}'`,
        );
      }
      if (tag !== undefined && current !== undefined && repo.mutability === 'IMMUTABLE') {
        throw new AwsError('ImageTagAlreadyExistsException', immutableTagMessage(tag, repo.name));
      }
      const put = await registry.putManifest(repo.name, tag ?? digest, bytes, mediaType);
      if ('error' in put) {
        const { code, message, detail } = put.error;
        if (code === 'MANIFEST_BLOB_UNKNOWN' || code === 'BLOB_UNKNOWN') {
          const missing = typeof detail === 'string' ? detail : JSON.stringify(detail ?? '');
          throw new AwsError(
            'LayersNotFoundException',
            `Layers with digests '[${missing}]' required for pushing image into repository with name '${repo.name}' in the registry with id '${repo.registryId}' do not exist`,
          );
        }
        throw new AwsError(
          'InvalidParameterException',
          `Invalid parameter at 'imageManifest' failed to satisfy constraint: '${code}: ${message}'`,
        );
      }
      noticePush(repo, digest, new Date());
      return {
        image: {
          registryId: repo.registryId,
          repositoryName: repo.name,
          imageId: { imageDigest: digest, imageTag: tag },
          imageManifest: input.imageManifest,
          imageManifestMediaType: mediaType,
        },
      };
    },

    async BatchDeleteImage(input: In<{ imageIds: ImageId[] }>, ctx: RequestContext) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      const result: { imageIds: ImageId[]; failures: unknown[] } = { imageIds: [], failures: [] };
      for (const id of input.imageIds) {
        const all = await images(repo);
        const found = findImage(all, id);
        if (!('image' in found)) {
          result.failures.push({ imageId: { ...id }, ...found });
          continue;
        }
        const image = found.image;
        if (id.imageDigest === undefined && id.imageTag !== undefined && image.tags.length > 1) {
          await untag(repo, image, id.imageTag);
          result.imageIds.push({ imageDigest: image.digest, imageTag: id.imageTag });
          continue;
        }
        await registry.deleteManifest(repo.name, image.digest);
        forgetImage(repo, image.digest);
        if (image.tags.length === 0) result.imageIds.push({ imageDigest: image.digest });
        for (const tag of image.tags) result.imageIds.push({ imageDigest: image.digest, imageTag: tag });
      }
      return result;
    },

    PutLifecyclePolicy(input: In<{ lifecyclePolicyText: string }>, ctx: RequestContext) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      validateLifecyclePolicy(input.lifecyclePolicyText);
      repo.lifecyclePolicy = input.lifecyclePolicyText;
      return { registryId: repo.registryId, repositoryName: repo.name, lifecyclePolicyText: repo.lifecyclePolicy };
    },

    GetLifecyclePolicy(input: In<object>, ctx: RequestContext) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      if (repo.lifecyclePolicy === undefined) {
        throw new AwsError(
          'LifecyclePolicyNotFoundException',
          `Lifecycle policy does not exist for the repository with name '${repo.name}' in the registry with id '${repo.registryId}'`,
        );
      }
      return {
        registryId: repo.registryId,
        repositoryName: repo.name,
        lifecyclePolicyText: repo.lifecyclePolicy,
        lastEvaluatedAt: new Date(0),
      };
    },

    async StartImageScan(input: In<{ imageId: ImageId }>, ctx: RequestContext) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      const image = requireImage(repo, await images(repo), input.imageId);
      const previous = repo.scans.get(image.digest);
      if (previous && Date.now() - previous.startedAt.getTime() < SCAN_QUOTA_MS) {
        throw new AwsError('LimitExceededException', 'The scan quota per image has been exceeded. Wait and try again.');
      }
      const scan = startScan(repo, image.digest);
      return {
        registryId: repo.registryId,
        repositoryName: repo.name,
        imageId: { imageDigest: image.digest, imageTag: input.imageId.imageTag },
        imageScanStatus: scanStatus(scan),
      };
    },

    async DescribeImageScanFindings(input: In<{ imageId: ImageId; nextToken?: string; maxResults?: number }>, ctx: RequestContext) {
      const repo = repoOf(input.repositoryName, ctx, input.registryId);
      const image = requireImage(repo, await images(repo), input.imageId);
      const scan = repo.scans.get(image.digest);
      const imageId = { imageDigest: image.digest, imageTag: input.imageId.imageTag };
      if (!scan) {
        throw new AwsError(
          'ScanNotFoundException',
          `Image scan does not exist for the image with '${imageIdText(imageId)}' in the repository with name '${repo.name}' in the registry with id '${repo.registryId}'`,
        );
      }
      const base = { registryId: repo.registryId, repositoryName: repo.name, imageId, imageScanStatus: scanStatus(scan) };
      if (scan.status !== 'COMPLETE') return base;
      const findings = findingsOf(repo, image.digest);
      const p = page(findings, input.maxResults, input.nextToken, 'finding');
      return {
        ...base,
        imageScanFindings: {
          imageScanCompletedAt: scan.completedAt,
          vulnerabilitySourceUpdatedAt: scan.completedAt,
          findingSeverityCounts: severityCounts(findings),
          findings: p.items.map((f) => ({
            name: f.name,
            description: f.description,
            uri: f.uri ?? `https://cve.mitre.org/cgi-bin/cvename.cgi?name=${encodeURIComponent(f.name)}`,
            severity: f.severity,
            attributes: f.attributes ?? [],
          })),
        },
        nextToken: p.nextToken,
      };
    },
  };

  async function untag(repo: Repo, image: ImageRecord, tag: string): Promise<void> {
    if (DOCKER_TAG_RE.test(tag) && registry.removeTag(repo.name, tag)) return;
    // Without the storage dir the registry cannot drop one tag: delete the manifest and put it back under the others.
    const manifest: StoredManifest | undefined = await registry.manifest(repo.name, image.digest);
    if (!manifest) return;
    await registry.deleteManifest(repo.name, image.digest);
    for (const other of image.tags.filter((t) => t !== tag))
      await registry.putManifest(repo.name, other, manifest.bytes, manifest.mediaType);
  }

  return {
    id: 'ecr',
    model: ecrModel(),
    operations: operations as unknown as SimulatedService['operations'],
    policy,
    admin: {
      /** `POST /_world/ecr/setFindings {repository, digest?, findings:[{name, severity, description?}]}`: a scan's findings (all images without digest). */
      setFindings(body: { repository?: string; digest?: string; findings?: unknown }) {
        const repo = body.repository === undefined ? undefined : repos.get(body.repository);
        if (!repo) throw new Error(`no repository ${String(body.repository)}`);
        const findings = checkFindings(body.findings);
        if (body.digest === undefined) {
          repo.defaultFindings = findings;
          repo.findings.clear();
        } else repo.findings.set(body.digest, findings);
        return { ok: true, repository: repo.name, digest: body.digest, count: findings.length };
      },
      /** `POST /_world/ecr/state`: repositories and their scans, for debugging tests. */
      state() {
        return [...repos.values()].map((r) => ({
          name: r.name,
          mutability: r.mutability,
          scanOnPush: r.scanOnPush,
          scans: Object.fromEntries([...r.scans].map(([d, s]) => [d, s.status])),
        }));
      },
    },
  };
}
