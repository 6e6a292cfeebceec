import {
  integer,
  matching,
  oneOf,
  optional,
  readInputs,
  required,
  s3Url,
  url,
  withDefault,
  type InputSource,
  type Inputs,
} from '@mlops-actions/action-kit';
import { modelUri } from '@mlops-actions/mlflow';

/** export-mlflow-model's inputs, named as in its action.yml. */
export const exportInputSchema = {
  'model-uri': required(modelUri()),
  'tracking-uri': optional(url()),
  's3-prefix': required(s3Url(true)),
  compression: withDefault(oneOf(['gzip', 'none'] as const), 'gzip'),
  'compression-level': withDefault(integer(1, 9), '1'),
  'parallel-downloads': withDefault(integer(1, 32), '4'),
  'wait-timeout-seconds': withDefault(integer(0, 3600), '300'),
  region: optional(matching(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as ca-central-1')),
} as const;

export type ExportInputs = Inputs<typeof exportInputSchema>;

export const readExportInputs = (source: InputSource, mask?: (s: string) => void): ExportInputs =>
  readInputs(exportInputSchema, source, mask);
