import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { awsCallFailed } from './aws-failure.js';
import { tail, type DockerRunner } from './docker-runner.js';

export interface RegistryLogin {
  /** `proxyEndpoint` as ECR returned it, e.g. `https://123456789012.dkr.ecr.eu-west-1.amazonaws.com`. */
  readonly proxyEndpoint: string;
  /** The same without the scheme: the host part of every image reference. */
  readonly registry: string;
}

/**
 * The registry address and password from GetAuthorizationToken. Both the token and the password are masked
 * (`mask`) and registered with the runner before anything else can print them.
 */
export async function authorizationToken(
  ecr: ECRClient,
  docker: DockerRunner,
  mask: (secret: string) => void,
): Promise<RegistryLogin & { readonly password: string }> {
  let data;
  try {
    data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
  } catch (error) {
    throw awsCallFailed('GetAuthorizationToken', error);
  }
  if (!data?.authorizationToken || !data.proxyEndpoint) throw new Error('ECR GetAuthorizationToken returned no authorization data');
  mask(data.authorizationToken);
  docker.addSecret(data.authorizationToken);
  const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  if (password === '') throw new Error('ECR GetAuthorizationToken returned a token that is not AWS:<password>');
  mask(password);
  docker.addSecret(password);
  return { proxyEndpoint: data.proxyEndpoint, registry: data.proxyEndpoint.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, ''), password };
}

/** `docker login --username AWS --password-stdin <proxyEndpoint>`: the password goes through stdin only. */
export async function dockerLogin(docker: DockerRunner, login: RegistryLogin & { readonly password: string }): Promise<void> {
  const out = await docker.run(['login', '--username', 'AWS', '--password-stdin', login.proxyEndpoint], { stdin: login.password });
  if (out.code !== 0) throw new Error(`docker login to ${login.proxyEndpoint} failed: ${tail(out, 4)}`);
}
