import {
  boolean,
  decimal,
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
import { endpointName, region, variantName } from './names.js';

/** rollback's inputs, named as in its action.yml. */
export const rollbackInputSchema = {
  'endpoint-name': required(endpointName()),
  mode: withDefault(oneOf(['auto', 'weights', 'config'] as const), 'auto'),
  'to-endpoint-config': optional(endpointName()),
  'baseline-variant': optional(variantName()),
  'candidate-variant': optional(variantName()),
  'model-name': optional(text()),
  'restore-registry': withDefault(boolean(), 'true'),
  stage: withDefault(oneOf(['Production', 'Staging'] as const), 'Production'),
  alias: optional(matching(/^[\w-]{1,255}$/, 'must be an MLflow alias: letters, digits, _ and -')),
  reason: optional(text()),
  'gate-report': optional(text()),
  'incident-path': withDefault(text(), 'incident.json'),
  'tracking-uri': optional(url()),
  'timeout-minutes': withDefault(decimal(0, 24 * 60), '30'),
  'poll-seconds': withDefault(decimal(0, 3600), '30'),
  region: optional(region()),
} as const;

export type RollbackInputs = Inputs<typeof rollbackInputSchema>;

export const readRollbackInputs = (source: InputSource, mask?: (s: string) => void): RollbackInputs =>
  readInputs(rollbackInputSchema, source, mask);
