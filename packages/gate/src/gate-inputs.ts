import {
  boolean,
  keyValues,
  matching,
  optional,
  readInputs,
  required,
  text,
  url,
  withDefault,
  type InputSource,
  type Inputs,
} from '@mlops-actions/action-kit';

/** check-gate's inputs, named as in its action.yml. */
export const gateInputSchema = {
  gate: required(text('a path or inline YAML')),
  'endpoint-name': optional(text()),
  'variant-name': withDefault(text(), 'AllTraffic'),
  'baseline-variant': optional(text()),
  'model-version': optional(text()),
  vars: optional(keyValues()),
  window: optional(matching(/^\d+(s|m|h|d)$/, 'must be a duration such as 30m, 24h or 7d')),
  waivers: withDefault(text(), '.github/gate-waivers.yml'),
  'prometheus-url': optional(url()),
  'prometheus-token': optional(text(), { secret: true }),
  'report-path': withDefault(text(), 'gate-report.json'),
  'fail-on-warn': withDefault(boolean(), 'false'),
  region: optional(matching(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as ca-central-1')),
} as const;

export type GateInputs = Inputs<typeof gateInputSchema>;

export const readGateInputs = (source: InputSource, mask?: (s: string) => void): GateInputs => readInputs(gateInputSchema, source, mask);
