import { errorMessage } from '@mlops-actions/action-kit';

const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);

/** The error name of an SDK failure (its `name`), without assuming what was thrown. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/**
 * One line for a failed ECR call: the operation, the service's code and message, and what to check when the
 * cause is credentials or permissions.
 */
export function awsCallFailed(operation: string, error: unknown): Error {
  const name = errorName(error);
  let hint = '';
  if (CREDENTIAL_ERRORS.has(name) || /credential/i.test(errorMessage(error)))
    hint = ' — check the AWS credentials of this job (aws-actions/configure-aws-credentials)';
  else if (name === 'AccessDeniedException') hint = ' — the role needs the permissions in workflows-examples/iam/build-push-ecr.json';
  return new Error(`ECR ${operation} failed: ${name ? `${name}: ` : ''}${errorMessage(error)}${hint}`, { cause: error });
}
