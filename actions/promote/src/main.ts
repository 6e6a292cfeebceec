import { ActionFailure, type ActionIO } from '@mlops-actions/action-kit';
import { readPromoteInputs } from '@mlops-actions/promotion';

export async function main(io: ActionIO): Promise<Record<string, string>> {
  readPromoteInputs(
    (name) => io.input(name),
    (secret) => io.setSecret(secret),
  );
  await Promise.resolve();
  throw new ActionFailure('inputs are valid, but this action is not implemented in this build yet');
}
