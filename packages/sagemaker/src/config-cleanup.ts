import {
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointConfigCommand,
  ListEndpointConfigsCommand,
  ListTagsCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { Logger } from '@mlops-actions/action-kit';
import { MANAGED_BY, TAG, tagValue } from './lineage-tags.js';

export interface CleanupResult {
  readonly deletedConfigs: string[];
  readonly deletedModels: string[];
  readonly kept: string[];
}

/**
 * Deletes endpoint configs (and their models) that this suite created for this endpoint, beyond the newest `keep`.
 * Never the current config, never the one a rollback would return to, never anything without our tags.
 */
export async function cleanupConfigs(
  sagemaker: SageMakerClient,
  endpoint: string,
  protect: readonly (string | undefined)[],
  keep: number,
  logger: Logger,
): Promise<CleanupResult> {
  const ours: { name: string; arn: string; created: number }[] = [];
  let NextToken: string | undefined;
  do {
    const page = await sagemaker.send(
      new ListEndpointConfigsCommand({
        NameContains: endpoint,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
        NextToken,
      }),
    );
    for (const c of page.EndpointConfigs ?? []) {
      const tags = (await sagemaker.send(new ListTagsCommand({ ResourceArn: c.EndpointConfigArn! }))).Tags ?? [];
      const t = tags.map((x) => ({ Key: x.Key!, Value: x.Value! }));
      if (tagValue(t, TAG.managedBy) === MANAGED_BY && tagValue(t, TAG.endpoint) === endpoint)
        ours.push({ name: c.EndpointConfigName!, arn: c.EndpointConfigArn!, created: c.CreationTime?.getTime() ?? 0 });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  ours.sort((a, b) => b.created - a.created);
  const protectedNames = new Set(protect.filter((p): p is string => p !== undefined));
  const kept = ours.filter((c, i) => protectedNames.has(c.name) || i < keep).map((c) => c.name);
  const doomed = ours.filter((c) => !kept.includes(c.name));
  const modelsInUse = new Set<string>();
  for (const name of kept) {
    const d = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }));
    for (const v of d.ProductionVariants ?? []) if (v.ModelName) modelsInUse.add(v.ModelName);
  }
  const deletedConfigs: string[] = [];
  const deletedModels: string[] = [];
  for (const c of doomed) {
    const d = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: c.name }));
    await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: c.name }));
    deletedConfigs.push(c.name);
    for (const v of d.ProductionVariants ?? []) {
      if (!v.ModelName || modelsInUse.has(v.ModelName) || deletedModels.includes(v.ModelName)) continue;
      await sagemaker.send(new DeleteModelCommand({ ModelName: v.ModelName })).catch(() => undefined);
      deletedModels.push(v.ModelName);
    }
  }
  if (deletedConfigs.length > 0) logger.info(`cleanup: deleted ${deletedConfigs.join(', ')}; kept ${kept.join(', ')}`);
  return { deletedConfigs, deletedModels, kept };
}
