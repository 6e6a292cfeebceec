/** Tags the suite writes on what it creates: lineage for people, and the way back for the rollback action. */
export const TAG = {
  managedBy: 'mlops:managed-by',
  endpoint: 'mlops:endpoint',
  imageUri: 'mlops:image-uri',
  modelDataUrl: 'mlops:model-data-url',
  mlflowModel: 'mlops:mlflow-model',
  mlflowVersion: 'mlops:mlflow-version',
  runId: 'mlops:mlflow-run-id',
  gitCommit: 'mlops:git-commit',
  workflowRun: 'mlops:workflow-run',
  previousConfig: 'mlops:previous-config',
  baselineVariant: 'mlops:baseline-variant',
  candidateVariant: 'mlops:candidate-variant',
} as const;

export const MANAGED_BY = 'mlops-actions';

export interface Tag {
  Key: string;
  Value: string;
}

export interface Lineage {
  endpoint: string;
  imageUri: string;
  modelDataUrl?: string | undefined;
  mlflowModel?: string | undefined;
  mlflowVersion?: string | undefined;
  runId?: string | undefined;
}

/** The workflow run that deployed, from GitHub's environment (empty outside Actions). */
export function workflowRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
    ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
    : undefined;
}

/** Tag values must match SageMaker's pattern and length (256); drop empties. */
export function lineageTags(lineage: Lineage, extra: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv): Tag[] {
  const tags: Record<string, string | undefined> = {
    [TAG.managedBy]: MANAGED_BY,
    [TAG.endpoint]: lineage.endpoint,
    [TAG.imageUri]: lineage.imageUri,
    [TAG.modelDataUrl]: lineage.modelDataUrl,
    [TAG.mlflowModel]: lineage.mlflowModel,
    [TAG.mlflowVersion]: lineage.mlflowVersion,
    [TAG.runId]: lineage.runId,
    [TAG.gitCommit]: env.GITHUB_SHA,
    [TAG.workflowRun]: workflowRunUrl(env),
    ...extra,
  };
  return Object.entries(tags)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([Key, Value]) => ({ Key, Value: Value.slice(0, 256) }));
}

export function tagValue(tags: readonly Tag[] | undefined, key: string): string | undefined {
  return tags?.find((t) => t.Key === key)?.Value;
}
