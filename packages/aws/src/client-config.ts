/**
 * Settings every AWS client of the suite shares. Credentials, profile and endpoints come from the SDK's standard
 * chain (AWS_PROFILE, OIDC web identity from configure-aws-credentials, AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>),
 * so the same code talks to AWS or to the local world without a special path.
 */
export interface AwsClientConfig {
  region: string;
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
}

export class MissingRegionError extends Error {}

export function awsClientConfig(region: string | undefined, env: NodeJS.ProcessEnv = process.env): AwsClientConfig {
  const resolved = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!resolved)
    throw new MissingRegionError('input \'region\' = "": is required when AWS_REGION is not set (configure-aws-credentials sets it)');
  // Throttling storms and 5xx bursts are retried with jittered backoff by the SDK; more attempts than its default 3.
  return { region: resolved, maxAttempts: Number(env.AWS_MAX_ATTEMPTS ?? 8), retryMode: 'adaptive' };
}
