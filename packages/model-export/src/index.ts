export { exportInputSchema, readExportInputs } from './export-inputs.js';
export type { ExportInputs } from './export-inputs.js';
export { padding, TAR_END, tarHeader } from './tar-format.js';
export type { TarEntry } from './tar-format.js';
