import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readJsonInput, type ActionIO } from '@mlops-actions/action-kit';
import { readRollbackInputs, type RollbackInputs } from '@mlops-actions/sagemaker';
import type { RegistryRestore } from '@mlops-actions/sagemaker/deploy';

/** rollback: inputs → rollbackEndpoint (+ registry restore) → incident JSON, summary and outputs. */
export async function main(io: ActionIO): Promise<Record<string, string>> {
  const inputs = readRollbackInputs(
    (name) => io.input(name),
    (secret) => io.setSecret(secret),
  );
  const gate = readJsonInput('gate-report', inputs['gate-report']);
  const { createDeployClients, rollbackEndpoint, buildIncident, incidentSummary } = await import('@mlops-actions/sagemaker/deploy');
  const clients = createDeployClients(inputs.region);
  const result = await rollbackEndpoint(inputs, clients.sagemaker, io);
  let registry: RegistryRestore | undefined;
  const model = inputs['model-name'];
  if (model !== undefined && inputs['restore-registry'] && result.mode !== 'none') {
    if (result.restoredVersion === undefined)
      io.warning(`registry not restored: the config now serving (${result.to}) records no MLflow version`);
    else registry = await restoreRegistry(model, result.restoredVersion, inputs, io);
  }
  const incident = buildIncident(inputs['endpoint-name'], inputs.reason, result, registry, gate, process.env);
  const path = resolve(inputs['incident-path']);
  writeFileSync(path, JSON.stringify(incident, null, 2) + '\n');
  await io.summary(incidentSummary(incident));
  return { 'rolled-back-to': result.to, 'rolled-back-from': result.from, 'mode-used': result.mode, 'incident-report': path };
}

/** Points the Production stage (or the alias) back at the version the restored config serves. */
async function restoreRegistry(model: string, version: string, inputs: RollbackInputs, io: ActionIO): Promise<RegistryRestore> {
  const { MlflowClient, trackingSettings } = await import('@mlops-actions/mlflow');
  const { currentHolder, moveRegistry, describeTarget } = await import('@mlops-actions/promotion/run');
  const mlflow = new MlflowClient(trackingSettings(inputs['tracking-uri'], process.env, (s) => io.setSecret(s)));
  const target = inputs.alias
    ? ({ kind: 'alias', alias: inputs.alias } as const)
    : ({ kind: 'stage', stage: inputs.stage, archiveExisting: true } as const);
  const previousVersion = await currentHolder(mlflow, model, target);
  if (previousVersion !== version) await moveRegistry(mlflow, model, version, target);
  io.info(`MLflow: ${model} ${describeTarget(target)} → v${version} (was ${previousVersion ? `v${previousVersion}` : 'none'})`);
  return { model, version, target: describeTarget(target), previousVersion };
}
