import { execFile } from 'node:child_process';

/** The Debian AWS CLI v2 (AWS's own client and service models). Version 2.9 predates AWS_ENDPOINT_URL_*, so the endpoint is passed. */
export const AWS_CLI = process.env.WORLD_AWS_CLI ?? '/usr/bin/aws';

export interface CliResult {
  code: number;
  json: any;
  stdout: string;
  stderr: string;
}

export function awsCli(env: Readonly<Record<string, string>>, endpoint: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      AWS_CLI,
      [...args, '--endpoint-url', endpoint, '--output', 'json', '--no-cli-pager'],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' } },
      (error, stdout, stderr) => {
        let json: any;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, json, stdout, stderr });
      },
    );
  });
}
