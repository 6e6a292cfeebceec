import type { ActionIO } from './action-io.js';
import { ActionFailure, errorMessage } from './input-error.js';
import { InputErrors } from './inputs.js';

/** An action's body: reads its inputs through `io`, does its work, returns its outputs. */
export type ActionMain = (io: ActionIO) => Promise<Readonly<Record<string, string>>>;

/**
 * The edge: publishes outputs, and turns anything thrown into one `setFailed` call,
 * prefixed with the action's name. Outputs of an `ActionFailure` are still published so later steps can chain.
 */
export async function runAction(actionName: string, main: ActionMain, io: ActionIO): Promise<boolean> {
  try {
    const outputs = await main(io);
    for (const [name, value] of Object.entries(outputs)) io.setOutput(name, value);
    return true;
  } catch (error) {
    if (error instanceof ActionFailure) for (const [name, value] of Object.entries(error.outputs)) io.setOutput(name, value);
    const lines = error instanceof InputErrors ? error.errors.map((e) => e.message) : [errorMessage(error)];
    io.setFailed(lines.map((line) => `${actionName}: ${line}`).join('\n'));
    return false;
  }
}
