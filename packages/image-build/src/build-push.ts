import { ECRClient } from '@aws-sdk/client-ecr';
import type { Logger } from '@mlops-actions/action-kit';
import { awsClientConfig } from '@mlops-actions/aws';
import type { BuildFiles, BuildInputs } from './build-inputs.js';
import { BuildOutput, type BuildStats } from './build-output.js';
import {
  buildCommand,
  buildPushes,
  detectBuilder,
  exportsRegistryCache,
  type BuildPlan,
  type Builder,
  type CachePlan,
} from './docker-args.js';
import { tail, type DockerRunner } from './docker-runner.js';
import { createDockerConfig } from './docker-session.js';
import { authorizationToken, dockerLogin } from './ecr-login.js';
import {
  INDEX_TYPES,
  addTags,
  ensureRepository,
  findRepository,
  newestImage,
  pushedImage,
  taggedManifests,
  type RepositoryState,
} from './ecr-repository.js';
import { imageLabels } from './oci-labels.js';
import { DEFAULT_SCAN_WAIT, scanGate, type ScanResult, type ScanWait } from './scan-gate.js';
import { decideTags } from './tag-reuse.js';

export interface BuildPushClients {
  readonly ecr: ECRClient;
  readonly docker: DockerRunner;
}

export interface BuildPushOptions {
  /** GITHUB_* (labels) and RUNNER_TEMP / DOCKER_CONFIG / HOME (the session's Docker config). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Masks a secret in the runner's logs (core.setSecret). */
  readonly mask: (secret: string) => void;
  /** Called as soon as the session's Docker config exists, so that the post step removes it whatever happens next. */
  readonly onSession: (dockerConfig: string, registry: string) => void;
  readonly scanWait?: ScanWait;
}

export interface BuildPushResult {
  readonly registry: string;
  readonly repository: string;
  readonly imageUri: string;
  readonly tags: readonly string[];
  readonly outcome: 'pushed' | 'built' | 'reused';
  readonly digest: string | undefined;
  readonly imageUriDigest: string | undefined;
  readonly sizeBytes: number | undefined;
  readonly mediaType: string | undefined;
  readonly builder: Builder;
  readonly repositoryState: RepositoryState | undefined;
  /** Tags added to an existing image without a build (re-run of an immutable repository). */
  readonly retagged: readonly string[];
  readonly buildMs: number | undefined;
  readonly pushMs: number | undefined;
  readonly cache: CachePlan;
  readonly stats: BuildStats | undefined;
  readonly scan: ScanResult | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly dockerConfig: string;
}

/** A build that failed: the step that failed and the end of its log, for the error line and the summary. */
export class ImageBuildError extends Error {
  constructor(
    readonly failedStep: string | undefined,
    readonly logTail: string,
  ) {
    super(
      `docker build failed${failedStep ? ` at ${failedStep}` : ''}: ${
        logTail
          .split('\n')
          .filter((l) => l.trim() !== '')
          .at(-1) ?? ''
      } (nothing was pushed)`,
    );
    this.name = 'ImageBuildError';
  }
}

export function ecrClient(region: string | undefined): ECRClient {
  return new ECRClient(awsClientConfig(region));
}

async function detect(docker: DockerRunner): Promise<Builder> {
  const engine = await docker.run(['version', '--format', '{{.Server.Version}}']);
  if (engine.code !== 0) throw new Error(`cannot reach a Docker engine: ${tail(engine, 3)}`);
  const buildx = await docker.run(['buildx', 'version']);
  const inspect = buildx.code === 0 ? await docker.run(['buildx', 'inspect']) : undefined;
  return detectBuilder(buildx.code, inspect?.stdout);
}

/** Decides the layer cache and fetches what it needs; a cache that cannot be had only warns. */
async function planCache(
  inputs: BuildInputs,
  builder: Builder,
  repo: RepositoryState | undefined,
  registry: string,
  clients: BuildPushClients,
  logger: Logger,
): Promise<CachePlan> {
  if (!inputs.cache) return { kind: 'none', why: 'cache: false' };
  if (exportsRegistryCache(builder)) {
    const name = inputs['cache-repository'] ?? `${inputs.repository}-cache`;
    try {
      // Mutable: the cache tag moves on every build, which an immutable repository would refuse.
      await ensureRepository(clients.ecr, name, { create: inputs['create-repository'], mutability: 'MUTABLE', scanOnPush: false }, logger);
      return { kind: 'registry', ref: `${registry}/${name}:buildcache` };
    } catch (error) {
      logger.warning(`building without a layer cache: ${(error as Error).message}`);
      return { kind: 'none', why: 'no cache repository' };
    }
  }
  if (!repo) return { kind: 'none', why: 'the repository does not exist yet' };
  const newest = await newestImage(clients.ecr, inputs.repository);
  if (!newest) return { kind: 'none', why: 'no earlier image in the repository' };
  const ref = `${registry}/${inputs.repository}@${newest.digest}`;
  if (builder.kind === 'classic') {
    // The classic builder only reuses layers of images present in the engine: pull the previous one first.
    const started = Date.now();
    const pulled = await logger.group(`docker pull ${ref} (layer cache)`, () =>
      clients.docker.run(['pull', ref], { onLine: (l) => logger.info(l) }),
    );
    if (pulled.code !== 0) {
      logger.warning(`building without a layer cache: pulling ${ref} failed: ${tail(pulled, 2)}`);
      return { kind: 'none', why: 'pull of the previous image failed' };
    }
    return { kind: 'previous-image', ref, pullMs: Date.now() - started };
  }
  return { kind: 'previous-image', ref };
}

async function runStreamed(
  title: string,
  args: string[],
  env: Record<string, string>,
  clients: BuildPushClients,
  logger: Logger,
  output: BuildOutput,
) {
  return logger.group(title, () =>
    clients.docker.run(args, {
      env,
      onLine: (line) => {
        output.feed(line);
        logger.info(line);
      },
    }),
  );
}

/**
 * Logs in to ECR, makes sure the repository exists, builds (buildx or the classic builder), pushes every tag,
 * reads the digest back from the registry and, when asked, gates on the image scan.
 */
export async function buildAndPush(
  inputs: BuildInputs,
  files: BuildFiles,
  clients: BuildPushClients,
  logger: Logger,
  options: BuildPushOptions,
): Promise<BuildPushResult> {
  const builder = await detect(clients.docker);
  logger.info(
    builder.kind === 'buildx' ? `builder: docker buildx (driver ${builder.driver})` : 'builder: classic (docker buildx is not installed)',
  );

  const login = await authorizationToken(clients.ecr, clients.docker, options.mask);
  const dockerConfig = createDockerConfig(options.env);
  options.onSession(dockerConfig, login.registry);
  clients.docker.setEnv('DOCKER_CONFIG', dockerConfig);
  await dockerLogin(clients.docker, login);
  logger.info(`logged in to ${login.registry}`);

  const registry = login.registry;
  const base = `${registry}/${inputs.repository}`;
  const tags = inputs.tags;
  const repositoryState = inputs.push
    ? await ensureRepository(
        clients.ecr,
        inputs.repository,
        {
          create: inputs['create-repository'],
          mutability: inputs['image-tag-mutability'],
          scanOnPush: inputs['scan-on-push'],
          lifecyclePolicy: files.lifecyclePolicy,
        },
        logger,
      )
    : await findRepository(clients.ecr, inputs.repository);
  const labels = imageLabels(options.env, inputs.labels);
  const result = {
    registry,
    repository: inputs.repository,
    imageUri: `${base}:${tags[0]!}`,
    tags,
    builder,
    repositoryState,
    labels,
    dockerConfig,
    retagged: [] as string[],
    buildMs: undefined as number | undefined,
    pushMs: undefined as number | undefined,
    stats: undefined as BuildStats | undefined,
  };

  if (inputs.push && repositoryState) {
    const decision = decideTags(
      inputs.repository,
      repositoryState.mutability,
      tags,
      await taggedManifests(clients.ecr, inputs.repository, tags),
    );
    if (decision.action === 'conflict') throw new Error(decision.message);
    if (decision.action === 'reuse') {
      logger.info(`every tag already names ${decision.image.digest} in immutable ${inputs.repository}: reusing it, no build`);
      await addTags(clients.ecr, inputs.repository, decision.image, decision.missing);
      return finish(
        { ...result, outcome: 'reused', retagged: [...decision.missing], cache: { kind: 'none', why: 'no build' } },
        inputs,
        clients,
        options,
      );
    }
  }

  const cache = await planCache(inputs, builder, repositoryState, registry, clients, logger);
  const plan: BuildPlan = {
    builder,
    context: files.context,
    dockerfile: files.dockerfile,
    refs: tags.map((t) => `${base}:${t}`),
    buildArgs: inputs['build-args'] ?? {},
    labels,
    target: inputs.target,
    platform: inputs.platforms,
    cache,
    push: inputs.push,
    attestations: inputs.attestations,
  };
  if (inputs.attestations && inputs.push && builder.kind === 'buildx')
    logger.warning(
      'attestations: true pushes an OCI image index, which SageMaker CreateModel rejects: do not deploy this image to SageMaker',
    );
  else if (inputs.attestations) logger.warning('attestations: true is ignored: only buildx pushing an image can attach attestations');

  const output = new BuildOutput(builder.kind === 'classic' ? Object.keys(labels).length : 0);
  const command = buildCommand(plan);
  const buildStarted = Date.now();
  const built = await runStreamed(
    buildPushes(plan) ? 'docker buildx build --push' : 'docker build',
    command.args,
    command.env,
    clients,
    logger,
    output,
  );
  result.buildMs = Date.now() - buildStarted;
  if (built.code !== 0) throw new ImageBuildError(output.stats().failedStep, tail(built, 15));

  if (inputs.push && !buildPushes(plan)) {
    const pushStarted = Date.now();
    for (const ref of plan.refs) {
      const pushed = await runStreamed(`docker push ${ref}`, ['push', ref], {}, clients, logger, output);
      if (pushed.code !== 0) throw new Error(`docker push ${ref} failed: ${tail(pushed, 4)}`);
    }
    result.pushMs = Date.now() - pushStarted;
  }
  result.stats = output.stats();
  if (result.stats.cacheExportError)
    logger.warning(`the layer cache was not exported (the build is fine): ${result.stats.cacheExportError}`);
  return finish({ ...result, outcome: inputs.push ? 'pushed' : 'built', cache }, inputs, clients, options, logger);
}

async function finish(
  partial: Omit<BuildPushResult, 'digest' | 'imageUriDigest' | 'sizeBytes' | 'mediaType' | 'scan'>,
  inputs: BuildInputs,
  clients: BuildPushClients,
  options: BuildPushOptions,
  logger?: Logger,
): Promise<BuildPushResult> {
  if (partial.outcome === 'built')
    return { ...partial, digest: undefined, imageUriDigest: undefined, sizeBytes: undefined, mediaType: undefined, scan: undefined };
  const image = await pushedImage(clients.ecr, inputs.repository, partial.tags);
  if (INDEX_TYPES.has(image.mediaType) && !inputs.attestations)
    logger?.warning(`${inputs.repository}@${image.digest} is an image index (${image.mediaType}): SageMaker CreateModel will reject it`);
  const threshold = inputs['scan-severity-threshold'];
  const scan =
    threshold === undefined
      ? undefined
      : await scanGate(clients.ecr, inputs.repository, image.digest, threshold, options.scanWait ?? DEFAULT_SCAN_WAIT);
  return {
    ...partial,
    digest: image.digest,
    imageUriDigest: `${partial.registry}/${inputs.repository}@${image.digest}`,
    sizeBytes: image.sizeBytes,
    mediaType: image.mediaType,
    scan,
  };
}
