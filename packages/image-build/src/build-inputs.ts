import {
  boolean,
  keyValues,
  list,
  matching,
  oneOf,
  optional,
  readInputs,
  required,
  text,
  withDefault,
  type InputSource,
  type Inputs,
} from '@mlops-actions/action-kit';

/** ECR's repository name rule. */
export const ECR_REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
/** Docker's tag rule. */
export const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;

/** build-push-ecr's inputs, named as in its action.yml. */
export const buildInputSchema = {
  repository: required(
    matching(ECR_REPOSITORY, 'must be an ECR repository name: 2-256 lowercase letters, digits and . _ - / separators', 256),
  ),
  tags: required(
    list(matching(IMAGE_TAG, 'must be a Docker tag: letters, digits, _ . -, starting with a letter, digit or _, at most 128 characters')),
  ),
  context: withDefault(text(), '.'),
  file: optional(text()),
  'build-args': optional(keyValues()),
  labels: optional(keyValues()),
  target: optional(text()),
  platforms: optional(
    matching(/^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/, 'must be one platform such as linux/amd64 (SageMaker rejects multi-platform images)'),
  ),
  'create-repository': withDefault(boolean(), 'true'),
  'scan-on-push': withDefault(boolean(), 'true'),
  'image-tag-mutability': withDefault(oneOf(['IMMUTABLE', 'MUTABLE'] as const), 'IMMUTABLE'),
  'lifecycle-policy': optional(text()),
  cache: withDefault(boolean(), 'true'),
  'scan-severity-threshold': optional(oneOf(SEVERITIES)),
  attestations: withDefault(boolean(), 'false'),
  push: withDefault(boolean(), 'true'),
  logout: withDefault(boolean(), 'true'),
} as const;

export type BuildInputs = Inputs<typeof buildInputSchema>;

export function readBuildInputs(source: InputSource, mask?: (s: string) => void): BuildInputs {
  const inputs = readInputs(buildInputSchema, source, mask);
  return inputs;
}
