import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputConflict, type ActionIO } from '@mlops-actions/action-kit';
import { readRollbackInputs } from '@mlops-actions/sagemaker';

/** rollback: inputs → rollbackEndpoint (+ registry restore) → incident JSON, summary and outputs. */
export async function main(io: ActionIO): Promise<Record<string, string>> {
  const inputs = readRollbackInputs(
    (name) => io.input(name),
    (secret) => io.setSecret(secret),
  );
  const gate = readGateReport(inputs['gate-report']);
  const { createDeployClients, rollbackEndpoint, buildIncident, incidentSummary } = await import('@mlops-actions/sagemaker/deploy');
  const clients = createDeployClients(inputs.region);
  const result = await rollbackEndpoint(inputs, clients.sagemaker, io);
  const incident = buildIncident(inputs['endpoint-name'], inputs.reason, result, undefined, gate, process.env);
  const path = resolve(inputs['incident-path']);
  writeFileSync(path, JSON.stringify(incident, null, 2) + '\n');
  await io.summary(incidentSummary(incident));
  return { 'rolled-back-to': result.to, 'rolled-back-from': result.from, 'mode-used': result.mode, 'incident-report': path };
}

/** The gate report is read before anything changes, so a wrong path fails fast. */
function readGateReport(path: string | undefined): unknown {
  if (path === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw inputConflict(
      'gate-report',
      path,
      `must be a readable check-gate JSON report (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
