import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListTagsCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { inputConflict } from '@mlops-actions/action-kit';
import { isNotFound, TAG, tagValue } from '@mlops-actions/sagemaker/deploy';

/** Exactly what the source endpoint serves: the artifacts promote ships, and the lineage deploy-endpoint recorded. */
export interface SourceRelease {
  readonly endpoint: string;
  readonly configName: string;
  readonly variantName: string;
  readonly modelName: string;
  readonly image: string;
  readonly modelDataUrl: string | undefined;
  readonly roleArn: string | undefined;
  readonly environment: Record<string, string>;
  readonly instanceType: string | undefined;
  readonly instanceCount: number | undefined;
  readonly mlflowModel: string | undefined;
  readonly mlflowVersion: string | undefined;
  readonly runId: string | undefined;
}

/** Reads the source endpoint's serving variant (the one with the most traffic), its model and its config's lineage tags. */
export async function readSourceRelease(sagemaker: SageMakerClient, endpoint: string): Promise<SourceRelease> {
  let described;
  try {
    described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
  } catch (error) {
    if (isNotFound(error)) throw inputConflict('source-endpoint', endpoint, 'no such endpoint in this account and region');
    throw error;
  }
  if (described.EndpointStatus !== 'InService')
    throw inputConflict(
      'source-endpoint',
      endpoint,
      `must be InService to promote what it serves (it is ${described.EndpointStatus ?? 'unknown'})`,
    );
  const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: described.EndpointConfigName! }));
  const weights = new Map((described.ProductionVariants ?? []).map((v) => [v.VariantName, v.CurrentWeight ?? 0]));
  const variants = [...(config.ProductionVariants ?? [])].sort(
    (a, b) => (weights.get(b.VariantName) ?? 0) - (weights.get(a.VariantName) ?? 0),
  );
  const variant = variants[0]!;
  const model = await sagemaker.send(new DescribeModelCommand({ ModelName: variant.ModelName! }));
  const container = model.PrimaryContainer ?? model.Containers?.[0] ?? {};
  const tags = ((await sagemaker.send(new ListTagsCommand({ ResourceArn: config.EndpointConfigArn! }))).Tags ?? []).map((t) => ({
    Key: t.Key!,
    Value: t.Value!,
  }));
  const prefix = container.ModelDataSource?.S3DataSource?.S3Uri;
  return {
    endpoint,
    configName: described.EndpointConfigName!,
    variantName: variant.VariantName!,
    modelName: variant.ModelName!,
    image: container.Image!,
    modelDataUrl: container.ModelDataUrl ?? prefix,
    roleArn: model.ExecutionRoleArn,
    environment: container.Environment ?? {},
    instanceType: variant.InstanceType,
    instanceCount: variant.InitialInstanceCount,
    mlflowModel: tagValue(tags, TAG.mlflowModel),
    mlflowVersion: tagValue(tags, TAG.mlflowVersion),
    runId: tagValue(tags, TAG.runId),
  };
}
