// The light part of the gate: inputs, the gate file, waivers, the verdict and the report. No AWS SDK here:
// `@mlops-actions/gate/run` (run-gate.ts) loads it, only after the inputs and files are valid.
export { gateInputSchema, readGateInputs } from './gate-inputs.js';
export type { GateInputs } from './gate-inputs.js';
export { loadGate } from './gate-file.js';
export { prepareGate, DEFAULT_WAIVERS, isInlineGate } from './gate-prepare.js';
export type { PreparedGate } from './gate-prepare.js';
export { loadWaivers } from './waivers.js';
export type { Waiver } from './waivers.js';
export { GATE_SCHEMA, WAIVERS_SCHEMA } from './gate-schema.js';
export { reportMarkdown, verdictLine } from './report-markdown.js';
export type { CheckReport, GateReport, WaiverReport } from './gate-report.js';
export type { Check, Gate, Status, Verdict } from './gate-model.js';
