// Simulated MLflow 2.x tracking + model-registry server for tests.
export { startMlflowServer, MLFLOW_VERSION, type MlflowServer, type MlflowServerOptions } from './mlflow-server.js';
export type { MlflowFaults } from './mlflow-faults.js';
export { MlflowStore } from './mlflow-store.js';
export { ArtifactStore } from './artifact-store.js';
export { MlflowError } from './mlflow-errors.js';
export type * from './mlflow-types.js';
