export { startWorld, writeEnvFile } from './world.js';
export type { World, WorldOptions } from './world.js';
export { AwsError } from './aws-error.js';
export { Gateway } from './gateway.js';
export { startMoto } from './moto.js';
export { startMlflowServer } from './mlflow/index.js';
export type { MlflowServer } from './mlflow/index.js';
export { pushImage, type ImageLayer, type PushedImage } from './registry/testing.js';
