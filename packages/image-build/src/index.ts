// The light entry: inputs and the post step's cleanup. The AWS SDK loads only through './run' (build-run.ts).
export { buildInputSchema, checkBuildFiles, readBuildInputs, ECR_REPOSITORY, IMAGE_TAG, SEVERITIES } from './build-inputs.js';
export type { BuildFiles, BuildInputs, Severity } from './build-inputs.js';
export { DockerRunner } from './docker-runner.js';
export { STATE, closeDockerSession, createDockerConfig } from './docker-session.js';
export type { SavedSession } from './docker-session.js';
export { buildCommand, detectBuilder } from './docker-args.js';
export type { BuildPlan, Builder, CachePlan } from './docker-args.js';
export { BuildOutput } from './build-output.js';
export { imageLabels, LABELS } from './oci-labels.js';
export { decideTags } from './tag-reuse.js';
