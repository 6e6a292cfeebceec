// The deployment engine (loads the AWS SDK clients): imported by actions only after their inputs are valid.
export { createDeployClients, type DeployClients } from './deploy-clients.js';
export { deployEndpoint, readCurrentState, type DeployResult, type DeployStatus } from './deploy-endpoint.js';
export { deploySummary, consoleUrl } from './deploy-summary.js';
export { waitForEndpoint, describeProgress, SETTLED, type TimelineEntry } from './endpoint-waiter.js';
export { planDeployment, deploymentConfig, type DeploymentPlan } from './endpoint-plan.js';
export { lineageTags, tagValue, TAG, MANAGED_BY } from './lineage-tags.js';
export { explainAwsError, isNotFound, isExpiredCredentials } from './aws-errors.js';
export { rollbackEndpoint, type RollbackResult, type RollbackMode } from './rollback-endpoint.js';
export { ROLLBACK_TAG } from './rollback-tags.js';
export { buildIncident, incidentSummary, type Incident, type RegistryRestore } from './incident-report.js';
