import { AWS_CLI, run, type CliResult as RunResult } from '../../src/registry/testing.js';

export { AWS_CLI };

/** A CLI result whose JSON tests index into freely. */
export interface CliResult extends RunResult {
  json: any;
}

/**
 * The Debian AWS CLI v2 (AWS's own client and service models) with exactly the given environment, e.g. the world's.
 * Version 2.9 predates AWS_ENDPOINT_URL_*, so the endpoint is passed.
 */
export async function awsCli(env: Readonly<Record<string, string>>, endpoint: string, args: string[]): Promise<CliResult> {
  return run(AWS_CLI, [...args, '--endpoint-url', endpoint, '--output', 'json', '--no-cli-pager'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' },
  });
}
