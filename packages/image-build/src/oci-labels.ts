/** OCI annotation keys the image always carries, so a running endpoint can be traced back to its commit and run. */
export const LABELS = {
  revision: 'org.opencontainers.image.revision',
  source: 'org.opencontainers.image.source',
  workflowRun: 'io.github.actions.workflow-run',
  workflowRef: 'io.github.actions.workflow-ref',
} as const;

/**
 * The labels of a build: the git commit and the workflow run from GitHub's variables, then the user's `labels`
 * (e.g. the MLflow model version), which win on a clash.
 */
export function imageLabels(
  env: Readonly<Record<string, string | undefined>>,
  user: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const labels: Record<string, string> = {};
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  if (env.GITHUB_SHA) labels[LABELS.revision] = env.GITHUB_SHA;
  if (env.GITHUB_REPOSITORY) labels[LABELS.source] = `${server}/${env.GITHUB_REPOSITORY}`;
  if (env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const attempt = env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
    labels[LABELS.workflowRun] = `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`;
  }
  if (env.GITHUB_WORKFLOW_REF) labels[LABELS.workflowRef] = env.GITHUB_WORKFLOW_REF;
  // No org.opencontainers.image.created: the image config records its creation time already, and with the
  // classic builder every label is a build step that a changing value would re-run.
  return { ...labels, ...user };
}
