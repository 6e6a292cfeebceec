import { ActionFailure, type ActionIO } from '@mlops-actions/action-kit';
import { readDeployInputs } from '@mlops-actions/sagemaker';

/** deploy-endpoint: inputs → deployEndpoint → outputs + summary. Fails (with outputs) unless the new config serves. */
export async function main(io: ActionIO): Promise<Record<string, string>> {
  const inputs = readDeployInputs(
    (name) => io.input(name),
    (secret) => io.setSecret(secret),
  );
  const { createDeployClients, deployEndpoint, deploySummary, explainAwsError } = await import('@mlops-actions/sagemaker/deploy');
  const clients = createDeployClients(inputs.region);
  const region = await clients.sagemaker.config.region();
  let result;
  try {
    result = await deployEndpoint(inputs, clients, io);
  } catch (error) {
    if (error instanceof ActionFailure || (error instanceof Error && error.name === 'InputErrors')) throw error;
    throw new ActionFailure(explainAwsError(error), { 'endpoint-name': inputs['endpoint-name'], status: 'failed' });
  }
  await io.summary(deploySummary(result, region));
  const outputs = {
    'endpoint-name': inputs['endpoint-name'],
    'endpoint-arn': result.endpointArn,
    'endpoint-config-name': result.status === 'planned' ? result.plan.config.EndpointConfigName : result.servingConfig,
    'previous-endpoint-config-name': result.plan.previousConfigName ?? '',
    'model-name': result.plan.model.ModelName,
    'variant-names': result.plan.config.ProductionVariants.map((v) => v.VariantName).join(','),
    status: result.status,
    plan: JSON.stringify(result.plan),
  };
  if (result.status === 'planned') io.info(`dry run: ${JSON.stringify(result.plan, null, 2)}`);
  if (result.status !== 'succeeded' && result.status !== 'planned') {
    const why: Record<string, string> = {
      'rolled-back': `SageMaker rolled the update back; ${result.servingConfig} still serves`,
      superseded: `another deployment replaced ours while we waited; ${result.servingConfig} serves now`,
      failed: 'the endpoint failed',
      'timed-out': `stopped waiting after ${inputs['timeout-minutes']} min; the endpoint was left ${result.timeline.at(-1)?.status ?? 'in an unknown state'}`,
      'smoke-failed': 'the smoke test failed',
    };
    throw new ActionFailure(
      `${why[result.status] ?? result.status}${result.failureReason ? `: ${result.failureReason}` : ''}${result.smoke ? `: ${result.smoke}` : ''}`,
      outputs,
    );
  }
  return outputs;
}
