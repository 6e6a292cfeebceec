/** An error as an AWS service returns it: a code, a message, an HTTP status, and who is at fault. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export const validationError = (message: string): AwsError => new AwsError('ValidationException', message);

/** The world never pretends: an operation of the model that it does not simulate says so by name. */
export const notImplemented = (service: string, operation: string): AwsError =>
  new AwsError('NotImplemented', `The local world does not implement ${service}.${operation}`, 501, 'Receiver');
