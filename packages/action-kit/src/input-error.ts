/** A bad input: the edge turns it into one line naming the action, the input, the value and what was expected. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly expected: string,
  ) {
    super(`input '${input}' = ${JSON.stringify(value)}: ${expected}`);
    this.name = 'InputError';
  }
}

/** A failure that still has outputs to publish (so later steps can chain, e.g. a rollback reading `status`). */
export class ActionFailure extends Error {
  constructor(
    message: string,
    readonly outputs: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ActionFailure';
  }
}

/** The message of anything thrown, without assuming it is an Error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
