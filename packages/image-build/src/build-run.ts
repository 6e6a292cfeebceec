// The heavy entry, imported dynamically once the inputs are valid: it loads the ECR client.
export { buildAndPush, ecrClient, ImageBuildError } from './build-push.js';
export type { BuildPushClients, BuildPushOptions, BuildPushResult } from './build-push.js';
export { buildFailureSummary, buildSummary, formatBytes } from './build-summary.js';
export { atOrAbove, scanGate, DEFAULT_SCAN_WAIT } from './scan-gate.js';
export type { ScanResult, ScanWait } from './scan-gate.js';
