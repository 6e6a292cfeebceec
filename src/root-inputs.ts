import {
  inputConflict,
  oneOf,
  optional,
  readInputs,
  required,
  s3Url,
  text,
  url,
  withDefault,
  type InputSource,
  type Inputs,
} from '@mlops-actions/action-kit';
import { buildInputSchema } from '@mlops-actions/image-build';
import { modelUri } from '@mlops-actions/mlflow';
import { deployInputSchema } from '@mlops-actions/sagemaker';

/**
 * The root action's inputs: a subset of its parts', with the same kinds (taken from the parts' schemas, so a rule
 * changes in one place). Each part re-reads its own inputs through its own reader before anything remote happens.
 */
export const rootInputSchema = {
  'model-uri': required(modelUri()),
  'tracking-uri': optional(url()),
  's3-prefix': required(s3Url(true)),
  compression: withDefault(oneOf(['gzip', 'none'] as const), 'gzip'),
  'image-uri': optional(deployInputSchema['image-uri'].kind),
  repository: optional(buildInputSchema.repository.kind),
  tags: optional(buildInputSchema.tags.kind),
  context: withDefault(text(), '.'),
  file: optional(text()),
  'endpoint-name': deployInputSchema['endpoint-name'],
  'role-arn': deployInputSchema['role-arn'],
  'instance-type': deployInputSchema['instance-type'],
  'instance-count': deployInputSchema['instance-count'],
  strategy: withDefault(oneOf(['all-at-once', 'canary', 'linear'] as const), 'all-at-once'),
  'rollback-alarms': deployInputSchema['rollback-alarms'],
  'timeout-minutes': deployInputSchema['timeout-minutes'],
  'poll-seconds': deployInputSchema['poll-seconds'],
  'smoke-payload': deployInputSchema['smoke-payload'],
  'smoke-content-type': deployInputSchema['smoke-content-type'],
  region: deployInputSchema.region,
} as const;

export type RootInputs = Inputs<typeof rootInputSchema>;

export function readRootInputs(source: InputSource, mask?: (s: string) => void): RootInputs {
  const inputs = readInputs(rootInputSchema, source, mask);
  if ((inputs['image-uri'] === undefined) === (inputs.repository === undefined))
    throw inputConflict(
      'image-uri',
      source('image-uri') ?? '',
      'give exactly one of image-uri (a prebuilt image) or repository (build and push here)',
    );
  if (inputs.repository !== undefined && (inputs.tags ?? []).length === 0)
    throw inputConflict('tags', '', 'is required when repository is given (the image tags to push)');
  return inputs;
}
