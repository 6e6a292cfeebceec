import type { ActionIO } from '@mlops-actions/action-kit';
import { trackingSettings } from '@mlops-actions/mlflow';
import { readExportInputs } from '@mlops-actions/model-export';

export async function main(io: ActionIO): Promise<Record<string, string>> {
  const mask = (secret: string): void => io.setSecret(secret);
  const inputs = readExportInputs((name) => io.input(name), mask);
  const tracking = trackingSettings(inputs['tracking-uri'], process.env, mask);
  // The AWS SDK and the streaming code load only now that the inputs are known to be good.
  const { runExport, exportOutputs, exportSummary } = await import('@mlops-actions/model-export/export');
  const result = await runExport(inputs, tracking, io);
  await io.summary(exportSummary(result));
  return exportOutputs(result);
}
