/**
 * The docker command line of a build, as a pure function of the plan: tested without an engine, and the one place
 * that decides what SageMaker will be given (a single-platform Docker v2 manifest, no attestation index).
 */
export type Builder = { readonly kind: 'classic' } | { readonly kind: 'buildx'; readonly driver: string };

export type CachePlan =
  | { readonly kind: 'none'; readonly why: string }
  /** Classic builder (and buildx's docker driver): layers of the repository's newest image, pulled beforehand. */
  | { readonly kind: 'previous-image'; readonly ref: string; readonly pullMs?: number }
  /** buildx with a container driver: a registry cache in its own mutable repository. */
  | { readonly kind: 'registry'; readonly ref: string };

export interface BuildPlan {
  readonly builder: Builder;
  readonly context: string;
  readonly dockerfile: string;
  /** `<registry>/<repository>:<tag>`, one per tag. */
  readonly refs: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly target: string | undefined;
  readonly platform: string | undefined;
  readonly cache: CachePlan;
  readonly push: boolean;
  readonly attestations: boolean;
}

export interface DockerCommand {
  readonly args: string[];
  readonly env: Record<string, string>;
}

/** Whether buildx can export a registry cache (the docker driver cannot export any cache but inline). */
export const exportsRegistryCache = (builder: Builder): boolean => builder.kind === 'buildx' && builder.driver !== 'docker';

function common(plan: BuildPlan): string[] {
  const args = ['--file', plan.dockerfile];
  for (const ref of plan.refs) args.push('--tag', ref);
  for (const [k, v] of Object.entries(plan.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(plan.labels)) args.push('--label', `${k}=${v}`);
  if (plan.target !== undefined) args.push('--target', plan.target);
  if (plan.platform !== undefined) args.push('--platform', plan.platform);
  return args;
}

/** `docker build` (classic, DOCKER_BUILDKIT=0) or `docker buildx build` for the plan. */
export function buildCommand(plan: BuildPlan): DockerCommand {
  if (plan.builder.kind === 'classic') {
    const args = ['build', ...common(plan)];
    if (plan.cache.kind === 'previous-image') args.push('--cache-from', plan.cache.ref);
    args.push(plan.context);
    // The classic builder writes Docker v2 schema 2 manifests and never attestations; pushing is a separate step.
    return { args, env: { DOCKER_BUILDKIT: '0' } };
  }
  const args = ['buildx', 'build', '--progress', 'plain', ...common(plan)];
  // SageMaker's CreateModel rejects OCI image indexes, which provenance/SBOM attestations turn the image into.
  const attest = plan.attestations && plan.push;
  args.push(...(attest ? ['--provenance', 'mode=max', '--sbom', 'true'] : ['--provenance', 'false', '--sbom', 'false']));
  if (plan.push) args.push('--output', `type=image,push=true,oci-mediatypes=${attest ? 'true' : 'false'}`);
  else args.push('--load');
  if (plan.cache.kind === 'registry') {
    args.push('--cache-from', `type=registry,ref=${plan.cache.ref}`);
    // ECR accepts a cache only as an image manifest; ignore-error keeps a failed export from failing the build.
    args.push('--cache-to', `type=registry,ref=${plan.cache.ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`);
  } else if (plan.cache.kind === 'previous-image') {
    args.push('--cache-from', `type=registry,ref=${plan.cache.ref}`, '--cache-to', 'type=inline');
  }
  args.push(plan.context);
  return { args, env: { DOCKER_BUILDKIT: '1' } };
}

/** Whether the build step itself pushes (buildx) or `docker push` must follow (classic). */
export const buildPushes = (plan: BuildPlan): boolean => plan.push && plan.builder.kind === 'buildx';

/** The builder from `docker buildx version` and `docker buildx inspect` answers (undefined code: not run). */
export function detectBuilder(buildxVersionCode: number, inspectOutput: string | undefined): Builder {
  if (buildxVersionCode !== 0) return { kind: 'classic' };
  const driver = /^Driver:\s+(\S+)/m.exec(inspectOutput ?? '')?.[1] ?? 'docker';
  return { kind: 'buildx', driver };
}
