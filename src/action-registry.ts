import type { ActionMain, InputSchema } from '@mlops-actions/action-kit';
import { deployInputSchema, rollbackInputSchema } from '@mlops-actions/sagemaker';
import { exportInputSchema } from '@mlops-actions/model-export';
import { buildInputSchema } from '@mlops-actions/image-build';
import { gateInputSchema } from '@mlops-actions/gate';
import { promoteInputSchema } from '@mlops-actions/promotion';

/** Every action of the suite: its folder, its input schema, and its body (loaded only when run). */
export interface ActionEntry {
  readonly dir: string;
  readonly schema: InputSchema;
  readonly load: () => Promise<ActionMain>;
}

export const ACTIONS: Readonly<Record<string, ActionEntry>> = {
  'build-push-ecr': {
    dir: 'actions/build-push-ecr',
    schema: buildInputSchema,
    load: async () => (await import('../actions/build-push-ecr/src/main.js')).main,
  },
  'export-mlflow-model': {
    dir: 'actions/export-mlflow-model',
    schema: exportInputSchema,
    load: async () => (await import('../actions/export-mlflow-model/src/main.js')).main,
  },
  'deploy-endpoint': {
    dir: 'actions/deploy-endpoint',
    schema: deployInputSchema,
    load: async () => (await import('../actions/deploy-endpoint/src/main.js')).main,
  },
  'check-gate': {
    dir: 'actions/check-gate',
    schema: gateInputSchema,
    load: async () => (await import('../actions/check-gate/src/main.js')).main,
  },
  promote: { dir: 'actions/promote', schema: promoteInputSchema, load: async () => (await import('../actions/promote/src/main.js')).main },
  rollback: {
    dir: 'actions/rollback',
    schema: rollbackInputSchema,
    load: async () => (await import('../actions/rollback/src/main.js')).main,
  },
};
