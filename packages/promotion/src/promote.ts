import type { ECRClient } from '@aws-sdk/client-ecr';
import { ActionFailure, type Logger } from '@mlops-actions/action-kit';
import type { MlflowClient } from '@mlops-actions/mlflow';
import { readDeployInputs } from '@mlops-actions/sagemaker';
import { deployEndpoint, type DeployClients, type DeployResult } from '@mlops-actions/sagemaker/deploy';
import { resolveImage, tagForProduction, type ResolvedImage } from './image-retag.js';
import type { PromoteInputs } from './promote-inputs.js';
import { chooseVersion, currentHolder, describeTarget, moveRegistry, type RegistryTarget } from './registry-promotion.js';
import { readSourceRelease, type SourceRelease } from './source-release.js';

export interface PromoteClients extends DeployClients {
  readonly ecr: ECRClient;
  readonly mlflow: MlflowClient;
}

export interface PromoteResult {
  readonly source: SourceRelease;
  readonly version: string;
  readonly previousVersion: string | undefined;
  readonly target: RegistryTarget;
  readonly image: ResolvedImage;
  readonly retagged: boolean;
  readonly deploy: DeployResult;
  readonly registryMoved: boolean;
}

/**
 * Ships exactly what the source endpoint serves (same image digest, same model data) to the target endpoint through
 * deploy-endpoint's code, then tags the digest for production in ECR and moves the MLflow stage or alias — the
 * registry changes only after the deployment succeeded.
 */
export async function promote(
  inputs: PromoteInputs,
  clients: PromoteClients,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PromoteResult> {
  const model = inputs['model-name'];
  const target: RegistryTarget = inputs.alias
    ? { kind: 'alias', alias: inputs.alias }
    : { kind: 'stage', stage: inputs['to-stage'], archiveExisting: inputs['archive-existing'] };
  const source = await readSourceRelease(clients.sagemaker, inputs['source-endpoint']);
  if (source.mlflowModel !== undefined && source.mlflowModel !== model)
    throw new ActionFailure(`source endpoint '${source.endpoint}' serves MLflow model '${source.mlflowModel}', not '${model}'`);
  const version = await chooseVersion(clients.mlflow, model, inputs.version, source.mlflowVersion, inputs['from-stage']);
  const previousVersion = await currentHolder(clients.mlflow, model, target);
  const image = await resolveImage(clients.ecr, source.image, version, inputs['image-tag-suffix']);
  logger.info(
    `promoting ${model} v${version} from ${source.endpoint} (${source.configName}) to ${inputs['target-endpoint']}: ${image.imageUriDigest}, ${source.modelDataUrl ?? 'no model data'}`,
  );

  const deployInputs = readDeployInputs(
    (name) =>
      ({
        'endpoint-name': inputs['target-endpoint'],
        'image-uri': image.imageUriDigest,
        'model-data-url': source.modelDataUrl,
        'role-arn': inputs['role-arn'] ?? source.roleArn,
        'instance-type': inputs['instance-type'] ?? source.instanceType,
        'instance-count': String(inputs['instance-count'] ?? source.instanceCount ?? 1),
        'variant-name': source.variantName,
        environment: Object.entries(source.environment)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n'),
        region: inputs.region,
        strategy: inputs.strategy,
        'canary-percent': String(inputs['canary-percent']),
        'linear-step-percent': String(inputs['linear-step-percent']),
        'wait-interval-seconds': String(inputs['wait-interval-seconds']),
        'rollback-alarms': inputs['rollback-alarms']?.join('\n'),
        'timeout-minutes': String(inputs['timeout-minutes']),
        'poll-seconds': String(inputs['poll-seconds']),
        'model-name': model,
        'model-version': version,
        'run-id': source.runId,
      })[name],
  );
  const deploy = await deployEndpoint(deployInputs, clients, logger, { env });
  const partial = { source, version, previousVersion, target, image, deploy };
  if (deploy.status !== 'succeeded') return { ...partial, retagged: false, registryMoved: false };

  const retagged = await tagForProduction(clients.ecr, image);
  logger.info(
    retagged
      ? `ECR: ${image.repository}:${image.productionTag} → ${image.digest}`
      : `ECR: ${image.productionTag} already names ${image.digest}`,
  );
  await moveRegistry(clients.mlflow, model, version, target);
  logger.info(
    `MLflow: ${model} v${version} → ${describeTarget(target)}${previousVersion && previousVersion !== version ? ` (was v${previousVersion})` : ''}`,
  );
  return { ...partial, retagged, registryMoved: true };
}
