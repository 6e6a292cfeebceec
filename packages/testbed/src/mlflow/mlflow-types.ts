// Records held by the simulated MLflow server (the persisted state).

export interface KeyValue {
  key: string;
  value: string;
}

export interface MetricRecord {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface ExperimentRecord {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: 'active' | 'deleted';
  creation_time: number;
  last_update_time: number;
  tags: KeyValue[];
}

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface RunRecord {
  run_id: string;
  experiment_id: string;
  run_name: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: 'active' | 'deleted';
  metrics: MetricRecord[];
  params: KeyValue[];
  tags: KeyValue[];
}

export const STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type Stage = (typeof STAGES)[number];

export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

export interface ModelVersionRecord {
  name: string;
  version: number;
  creation_timestamp: number;
  last_updated_timestamp: number;
  current_stage: Stage;
  description: string;
  source: string;
  run_id: string;
  run_link: string;
  status: ModelVersionStatus;
  tags: KeyValue[];
}

export interface RegisteredModelRecord {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  tags: KeyValue[];
  /** alias -> version number */
  aliases: Record<string, number>;
  /** Version numbers are never reused, even after deletion. */
  last_version: number;
  versions: ModelVersionRecord[];
}

export interface MlflowState {
  next_experiment_id: number;
  experiments: Record<string, ExperimentRecord>;
  runs: Record<string, RunRecord>;
  registered_models: Record<string, RegisteredModelRecord>;
}

export function emptyState(now: number): MlflowState {
  return {
    next_experiment_id: 1,
    experiments: {
      '0': {
        experiment_id: '0',
        name: 'Default',
        artifact_location: 'mlflow-artifacts:/0',
        lifecycle_stage: 'active',
        creation_time: now,
        last_update_time: now,
        tags: [],
      },
    },
    runs: {},
    registered_models: {},
  };
}

/** Replace or add `tag` in `tags` (by key). */
export function upsertTag(tags: KeyValue[], tag: KeyValue): void {
  const existing = tags.find((t) => t.key === tag.key);
  if (existing) existing.value = tag.value;
  else tags.push({ key: tag.key, value: tag.value });
}
