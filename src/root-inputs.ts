import { inputConflict, oneOf, optional, readInputs, text, withDefault, type InputSource, type Inputs } from '@mlops-actions/action-kit';
import { buildInputSchema } from '@mlops-actions/image-build';
import { exportInputSchema } from '@mlops-actions/model-export';
import { deployInputSchema } from '@mlops-actions/sagemaker';

/**
 * The root action's inputs: a subset of its parts', with the same kinds (taken from the parts' schemas, so a rule
 * changes in one place). Each part re-reads its own inputs through its own reader before anything remote happens.
 */
export const rootInputSchema = {
  'model-uri': exportInputSchema['model-uri'],
  'tracking-uri': exportInputSchema['tracking-uri'],
  's3-prefix': exportInputSchema['s3-prefix'],
  compression: exportInputSchema.compression,
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
