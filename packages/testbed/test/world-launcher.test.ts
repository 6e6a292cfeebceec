import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { awsCli } from './support/aws-cli.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');

function descendants(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // the process ended while we looked
    }
  }
  return kids;
}

describe('npm run world', () => {
  it('writes the env file once every service answers, serves a real client, and leaves nothing after SIGTERM', async () => {
    const envFile = join(mkdtempSync(join(tmpdir(), 'world-')), 'w.env');
    const child = spawn('npm', ['run', '--silent', 'world', '--', '--env-file', envFile, '--time-scale', '0.2'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const started = Date.now();
    while (!out.includes('world: up') && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('world: up');
    expect(existsSync(envFile)).toBe(true);
    const env = Object.fromEntries(
      readFileSync(envFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    for (const key of [
      'AWS_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ENDPOINT_URL_SAGEMAKER',
      'AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME',
      'AWS_ENDPOINT_URL_ECR',
      'AWS_ENDPOINT_URL_S3',
      'AWS_ENDPOINT_URL_CLOUDWATCH',
      'AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING',
      'AWS_ENDPOINT_URL_STS',
      'MLFLOW_TRACKING_URI',
      'WORLD_ADMIN_URL',
    ])
      expect({ key, set: (env[key] ?? '') !== '' }).toEqual({ key, set: true });
    const who = await awsCli(env, env.AWS_ENDPOINT_URL_STS!, ['sts', 'get-caller-identity']);
    expect(who.json.Account).toBe(env.WORLD_ACCOUNT_ID);
    const bucket = await awsCli(env, env.AWS_ENDPOINT_URL_S3!, ['s3api', 'create-bucket', '--bucket', 'world-test']);
    expect(bucket.code).toBe(0);
    expect(await (await fetch(`${env.MLFLOW_TRACKING_URI!}/health`)).text()).toBe('OK');

    const tree = descendants(child.pid!);
    expect(tree.length).toBeGreaterThan(1); // node, moto_server, docker-registry
    // As a terminal or CI runner does: signal the whole process group (npm, its shell, the world).
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await new Promise((r) => setTimeout(r, 500));
    const alive = tree.filter((pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '));
    expect(alive).toEqual([]);
    await expect(fetch(`${env.AWS_ENDPOINT_URL_SAGEMAKER!}/`)).rejects.toThrow();
  }, 60_000);
});
