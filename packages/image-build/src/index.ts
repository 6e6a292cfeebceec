export { buildInputSchema, readBuildInputs, ECR_REPOSITORY, IMAGE_TAG, SEVERITIES } from './build-inputs.js';
export type { BuildInputs } from './build-inputs.js';
