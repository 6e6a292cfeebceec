export { exportInputSchema, readExportInputs } from './export-inputs.js';
export type { ExportInputs } from './export-inputs.js';
