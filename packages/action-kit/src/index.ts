export type { ActionIO, Logger } from './action-io.js';
export { ActionFailure, InputError, errorMessage } from './input-error.js';
export * from './kinds.js';
export { InputErrors, inputConflict, optional, readInputs, required, withDefault } from './inputs.js';
export type { Field, InputSchema, InputSource, Inputs } from './inputs.js';
export { MemoryIO } from './memory-io.js';
export { cell, code, heading, table } from './markdown.js';
export { runAction } from './run-action.js';
export type { ActionMain } from './run-action.js';
