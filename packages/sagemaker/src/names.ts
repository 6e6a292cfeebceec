import { matching, type Kind } from '@mlops-actions/action-kit';

/** SageMaker's name rule for endpoints, configs and models. */
export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

export const endpointName = (): Kind<string> =>
  matching(SAGEMAKER_NAME, 'must match ^[a-zA-Z0-9](-*[a-zA-Z0-9])* and be at most 63 characters', 63);

export const roleArn = (): Kind<string> =>
  matching(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>');

export const instanceType = (): Kind<string> =>
  matching(/^ml\.[a-z0-9-]+\.[a-z0-9]+$/, 'must be a SageMaker instance type such as ml.m5.large');

export const variantName = (): Kind<string> =>
  matching(SAGEMAKER_NAME, 'must match ^[a-zA-Z0-9](-*[a-zA-Z0-9])* and be at most 63 characters', 63);

export const imageUri = (): Kind<string> =>
  matching(
    /^[a-zA-Z0-9.-]+(:\d+)?\/[a-z0-9._/-]+(:[\w.-]{1,128}|@sha256:[a-f0-9]{64})$/,
    'must be <registry>/<repository>:<tag> or <registry>/<repository>@sha256:<digest>',
  );

export const region = (): Kind<string> => matching(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'must be an AWS region such as ca-central-1');
