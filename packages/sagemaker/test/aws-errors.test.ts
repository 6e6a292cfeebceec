import { explainAwsError, isExpiredCredentials, isNotFound } from '../src/aws-errors.js';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('AWS errors as a person reads them', () => {
  it('turns an expired session during a long wait into the advice that fixes it', () => {
    const e = awsError('ExpiredTokenException', 'The security token included in the request is expired');
    expect(isExpiredCredentials(e)).toBe(true);
    expect(explainAwsError(e)).toContain('raise role-duration-seconds in aws-actions/configure-aws-credentials');
  });

  it('recognises SageMaker’s not-found answers, and only those', () => {
    expect(isNotFound(awsError('ValidationException', 'Could not find endpoint "arn:aws:sagemaker:us-east-1:1:endpoint/x".'))).toBe(true);
    expect(isNotFound(awsError('ValidationException', 'Cannot update in-progress endpoint "arn"'))).toBe(false);
    expect(isNotFound(awsError('ThrottlingException', 'Rate exceeded'))).toBe(false);
  });

  it('keeps the code and the message of other errors', () => {
    expect(explainAwsError(awsError('AccessDeniedException', 'not authorized to perform sagemaker:CreateModel'))).toBe(
      'AccessDeniedException: not authorized to perform sagemaker:CreateModel',
    );
  });
});
