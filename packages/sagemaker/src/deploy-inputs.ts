import {
  boolean,
  decimal,
  inputConflict,
  integer,
  keyValues,
  list,
  oneOf,
  optional,
  readInputs,
  required,
  s3Url,
  text,
  withDefault,
  type InputSource,
  type Inputs,
} from '@mlops-actions/action-kit';
import { endpointName, imageUri, instanceType, region, roleArn, variantName } from './names.js';

/** deploy-endpoint's inputs, named as in its action.yml (a contract test compares the two). */
export const deployInputSchema = {
  'endpoint-name': required(endpointName()),
  'image-uri': required(imageUri()),
  'model-data-url': optional(text('an s3:// object or prefix')),
  'role-arn': required(roleArn()),
  'instance-type': withDefault(instanceType(), 'ml.m5.large'),
  'instance-count': withDefault(integer(1, 100), '1'),
  'variant-name': withDefault(variantName(), 'AllTraffic'),
  environment: optional(keyValues()),
  region: optional(region()),
  strategy: withDefault(oneOf(['all-at-once', 'canary', 'linear', 'ab'] as const), 'all-at-once'),
  'canary-percent': withDefault(integer(1, 99), '10'),
  'linear-step-percent': withDefault(integer(1, 99), '20'),
  'candidate-weight': withDefault(integer(1, 99), '20'),
  'wait-interval-seconds': withDefault(integer(0, 3600), '300'),
  'termination-wait-seconds': withDefault(integer(0, 3600), '0'),
  'rollback-alarms': optional(list()),
  'timeout-minutes': withDefault(decimal(0, 24 * 60), '60'),
  'poll-seconds': withDefault(decimal(0, 3600), '30'),
  'serverless-memory-mb': optional(oneOf(['1024', '2048', '3072', '4096', '5120', '6144'] as const)),
  'serverless-max-concurrency': optional(integer(1, 200)),
  'data-capture-s3-uri': optional(s3Url(true)),
  'data-capture-percent': withDefault(integer(1, 100), '100'),
  'autoscaling-min': optional(integer(1, 1000)),
  'autoscaling-max': optional(integer(1, 1000)),
  'autoscaling-target-invocations': withDefault(decimal(0), '100'),
  tags: optional(keyValues()),
  'smoke-payload': optional(text()),
  'smoke-content-type': withDefault(text(), 'application/json'),
  'dry-run': withDefault(boolean(), 'false'),
  'keep-configs': withDefault(integer(1, 100), '3'),
  'model-name': optional(text()),
  'model-version': optional(text()),
  'run-id': optional(text()),
} as const;

export type DeployInputs = Inputs<typeof deployInputSchema>;

/** Reads deploy-endpoint's inputs and the checks that span several of them. */
export function readDeployInputs(source: InputSource, mask?: (s: string) => void): DeployInputs {
  const inputs = readInputs(deployInputSchema, source, mask);
  const dataUrl = inputs['model-data-url'];
  if (dataUrl !== undefined) {
    try {
      s3Url(dataUrl.endsWith('/')).parse(dataUrl);
    } catch (error) {
      throw inputConflict('model-data-url', dataUrl, error instanceof Error ? error.message : String(error));
    }
  }
  const serverless = inputs['serverless-memory-mb'] !== undefined || inputs['serverless-max-concurrency'] !== undefined;
  if (serverless && (source('instance-type') || source('instance-count') || inputs['autoscaling-max'] !== undefined)) {
    throw inputConflict(
      'serverless-memory-mb',
      inputs['serverless-memory-mb'] ?? '',
      'cannot be combined with instance-type, instance-count or autoscaling (serverless endpoints have no instances)',
    );
  }
  if (serverless && (inputs['serverless-memory-mb'] === undefined || inputs['serverless-max-concurrency'] === undefined)) {
    throw inputConflict(
      'serverless-max-concurrency',
      String(inputs['serverless-max-concurrency'] ?? ''),
      'serverless-memory-mb and serverless-max-concurrency must be given together',
    );
  }
  const min = inputs['autoscaling-min'];
  const max = inputs['autoscaling-max'];
  if ((min === undefined) !== (max === undefined))
    throw inputConflict('autoscaling-max', String(max ?? ''), 'autoscaling-min and autoscaling-max must be given together');
  if (min !== undefined && max !== undefined && min > max)
    throw inputConflict('autoscaling-min', String(min), `must not exceed autoscaling-max (${max})`);
  return inputs;
}
