export { gateInputSchema, readGateInputs } from './gate-inputs.js';
export type { GateInputs } from './gate-inputs.js';
