// The promotion engine (loads the AWS SDK and MLflow clients): imported by the action only after its inputs are valid.
export { promote, type PromoteClients, type PromoteResult } from './promote.js';
export { promoteSummary } from './promote-summary.js';
export { resolveImage, tagForProduction, productionTag, parseImage } from './image-retag.js';
export { createPromoteClients } from './promote-clients.js';
export { currentHolder, moveRegistry, describeTarget, type RegistryTarget } from './registry-promotion.js';
