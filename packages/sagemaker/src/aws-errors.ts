/** How AWS errors read to a person: the code, the message, and what to do about the ones with a known fix. */
interface AwsLikeError {
  name?: string;
  message?: string;
  Code?: string;
}

export function isNotFound(error: unknown): boolean {
  const e = error as AwsLikeError;
  return (
    /Could not find|does not exist|not found/i.test(e.message ?? '') && (e.name === 'ValidationException' || e.name === 'ResourceNotFound')
  );
}

export function isExpiredCredentials(error: unknown): boolean {
  const e = error as AwsLikeError;
  return ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'].includes(e.name ?? e.Code ?? '');
}

export function explainAwsError(error: unknown): string {
  const e = error as AwsLikeError;
  if (isExpiredCredentials(error))
    return `AWS credentials expired during a long wait (${e.name ?? ''}): raise role-duration-seconds in aws-actions/configure-aws-credentials (and the role's maximum session duration) above this action's timeout-minutes`;
  return e.name && e.message ? `${e.name}: ${e.message}` : error instanceof Error ? error.message : String(error);
}
