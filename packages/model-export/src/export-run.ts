// The heavy half of the package (AWS SDK, streaming): the action imports it only after its inputs are valid.
import type { Logger } from '@mlops-actions/action-kit';
import type { TrackingSettings } from '@mlops-actions/mlflow';
import type { ExportInputs } from './export-inputs.js';
import { createExportClients, exportModel, type ExportResult, type ExportTuning } from './export-model.js';

export { createExportClients, exportModel } from './export-model.js';
export type { ExportClients, ExportResult, ExportTuning } from './export-model.js';
export { exportOutputs, exportSummary } from './export-summary.js';

/** Creates the clients, exports, and closes the clients again (keep-alive sockets would hold the process open). */
export async function runExport(
  inputs: ExportInputs,
  tracking: TrackingSettings,
  logger: Logger,
  tuning?: ExportTuning,
): Promise<ExportResult> {
  const clients = createExportClients(inputs, tracking);
  try {
    return await exportModel(inputs, clients, logger, tuning);
  } finally {
    clients.mlflow.close();
    clients.s3.destroy();
  }
}
