import { ActionFailure, type ActionIO } from '@mlops-actions/action-kit';
import { readRollbackInputs } from '@mlops-actions/sagemaker';

export async function main(io: ActionIO): Promise<Record<string, string>> {
  readRollbackInputs(
    (name) => io.input(name),
    (secret) => io.setSecret(secret),
  );
  await Promise.resolve();
  throw new ActionFailure('inputs are valid, but this action is not implemented in this build yet');
}
