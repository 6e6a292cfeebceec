export { promoteInputSchema, readPromoteInputs } from './promote-inputs.js';
export type { PromoteInputs } from './promote-inputs.js';
