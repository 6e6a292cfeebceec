import { ActionFailure, readJsonInput, type ActionIO } from '@mlops-actions/action-kit';
import { readPromoteInputs } from '@mlops-actions/promotion';

/** promote: inputs → promote (deploy exactly what the source serves, retag, move the registry) → outputs + summary. */
export async function main(io: ActionIO): Promise<Record<string, string>> {
  const inputs = readPromoteInputs(
    (name) => io.input(name),
    (secret) => io.setSecret(secret),
  );
  const gate = readJsonInput('gate-report', inputs['gate-report']);
  const { createPromoteClients, promote, promoteSummary } = await import('@mlops-actions/promotion/run');
  const clients = createPromoteClients(inputs.region, inputs['tracking-uri'], (secret) => io.setSecret(secret));
  const region = await clients.sagemaker.config.region();
  const result = await promote(inputs, clients, io);
  await io.summary(promoteSummary(result, inputs['model-name'], region, gate));
  const outputs = {
    version: result.version,
    'previous-version': result.previousVersion ?? '',
    'image-uri-digest': result.image.imageUriDigest,
    'model-data-url': result.source.modelDataUrl ?? '',
    'endpoint-config-name': result.deploy.servingConfig,
    'previous-endpoint-config-name': result.deploy.plan.previousConfigName ?? '',
  };
  if (!result.registryMoved)
    throw new ActionFailure(
      `deploying to ${inputs['target-endpoint']} ended ${result.deploy.status}${result.deploy.failureReason ? ` (${result.deploy.failureReason})` : ''}; the MLflow registry and ECR tags were left as they were`,
      outputs,
    );
  return outputs;
}
