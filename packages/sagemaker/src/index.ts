export { readDeployInputs, deployInputSchema } from './deploy-inputs.js';
export type { DeployInputs } from './deploy-inputs.js';
export { endpointName, imageUri, instanceType, region, roleArn, SAGEMAKER_NAME, variantName } from './names.js';
export { readRollbackInputs, rollbackInputSchema } from './rollback-inputs.js';
export type { RollbackInputs } from './rollback-inputs.js';
