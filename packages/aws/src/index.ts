export { awsClientConfig, MissingRegionError } from './client-config.js';
export type { AwsClientConfig } from './client-config.js';
