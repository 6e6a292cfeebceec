import {
  boolean,
  decimal,
  integer,
  inputConflict,
  list,
  matching,
  oneOf,
  optional,
  readInputs,
  required,
  text,
  url,
  withDefault,
  type InputSource,
  type Inputs,
} from '@mlops-actions/action-kit';
import { endpointName, instanceType, region, roleArn } from '@mlops-actions/sagemaker';

/** promote's inputs, named as in its action.yml. */
export const promoteInputSchema = {
  'model-name': required(text()),
  version: optional(matching(/^\d+$/, 'must be a model version number')),
  'from-stage': withDefault(oneOf(['Staging', 'Production', 'None', 'Archived'] as const), 'Staging'),
  'to-stage': withDefault(oneOf(['Staging', 'Production', 'Archived'] as const), 'Production'),
  alias: optional(matching(/^[\w-]{1,255}$/, 'must be an MLflow alias: letters, digits, _ and -')),
  'archive-existing': withDefault(boolean(), 'true'),
  'source-endpoint': required(endpointName()),
  'target-endpoint': required(endpointName()),
  'image-tag-suffix': withDefault(matching(/^[\w.-]{0,64}$/, 'must be tag characters: letters, digits, _ . -'), '-prod'),
  'gate-report': optional(text()),
  'tracking-uri': optional(url()),
  'role-arn': optional(roleArn()),
  'instance-type': optional(instanceType()),
  'instance-count': optional(integer(1, 100)),
  strategy: withDefault(oneOf(['all-at-once', 'canary', 'linear'] as const), 'canary'),
  'canary-percent': withDefault(integer(1, 99), '10'),
  'linear-step-percent': withDefault(integer(1, 99), '20'),
  'wait-interval-seconds': withDefault(integer(0, 3600), '300'),
  'rollback-alarms': optional(list()),
  'timeout-minutes': withDefault(decimal(0, 24 * 60), '60'),
  'poll-seconds': withDefault(decimal(0, 3600), '30'),
  region: optional(region()),
} as const;

export type PromoteInputs = Inputs<typeof promoteInputSchema>;

export function readPromoteInputs(source: InputSource, mask?: (s: string) => void): PromoteInputs {
  const inputs = readInputs(promoteInputSchema, source, mask);
  if (inputs['source-endpoint'] === inputs['target-endpoint']) {
    throw inputConflict(
      'target-endpoint',
      inputs['target-endpoint'],
      'must differ from source-endpoint (promoting an endpoint onto itself changes nothing)',
    );
  }
  return inputs;
}
