import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand, type ImageDetail } from '@aws-sdk/client-ecr';
import { startWorld, type World } from '@mlops-actions/testbed';
import { runBundle, type BundleRun } from './run-bundle.js';

export const ACTION_DIR = 'actions/build-push-ecr';

export interface DockerOut {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The local world with a Docker engine, for build-push-ecr's integration tests: runs the committed bundle as
 * GitHub would (with a private HOME, so the runner's own ~/.docker stays out of it), talks to ECR with the SDK,
 * and removes every image it made from a reused engine.
 */
export class BuildPushWorld {
  readonly scratch = mkdtempSync(join(tmpdir(), 'bpe-test-'));
  readonly home = join(this.scratch, 'home');
  private constructor(readonly world: World) {
    mkdirSync(join(this.home, '.docker'), { recursive: true });
  }

  static async start(opts: { timeScale?: number } = {}): Promise<BuildPushWorld> {
    return new BuildPushWorld(await startWorld({ docker: true, mlflow: false, s3: false, timeScale: opts.timeScale ?? 0.2 }));
  }

  /** Fails (never skips) a test that needs Docker when there is none, with the world's reason. */
  requireDocker(): void {
    if (!this.world.docker)
      throw new Error(`no Docker engine for build-push-ecr's tests: ${this.world.dockerUnavailable ?? 'unknown reason'}`);
  }

  get registry(): string {
    return this.world.env.WORLD_REGISTRY!;
  }

  /** The environment of a bundle run: the world's AWS variables, its engine, a GitHub-like run context. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {
      ...this.world.env,
      HOME: this.home,
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REPOSITORY: 'acme/bike-share',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      ...extra,
    };
    if (this.world.docker?.dockerHost) env.DOCKER_HOST = this.world.docker.dockerHost;
    return env;
  }

  run(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<BundleRun> {
    return runBundle(ACTION_DIR, inputs, this.env(extraEnv));
  }

  post(main: BundleRun, extraEnv: Record<string, string> = {}): Promise<BundleRun> {
    return runBundle(ACTION_DIR, {}, this.env(extraEnv), { post: true, state: main.state });
  }

  ecr(): ECRClient {
    const e = this.world.env;
    return new ECRClient({
      region: e.AWS_REGION!,
      endpoint: e.AWS_ENDPOINT_URL_ECR!,
      credentials: { accessKeyId: e.AWS_ACCESS_KEY_ID!, secretAccessKey: e.AWS_SECRET_ACCESS_KEY! },
    });
  }

  /** The registry password, as the action gets it: the secret that must never show. */
  async password(): Promise<{ token: string; password: string }> {
    const ecr = this.ecr();
    const out = await ecr.send(new GetAuthorizationTokenCommand({}));
    ecr.destroy();
    const token = out.authorizationData![0]!.authorizationToken!;
    return { token, password: Buffer.from(token, 'base64').toString().split(':')[1]! };
  }

  async images(repository: string): Promise<ImageDetail[]> {
    const ecr = this.ecr();
    try {
      return (await ecr.send(new DescribeImagesCommand({ repositoryName: repository }))).imageDetails ?? [];
    } finally {
      ecr.destroy();
    }
  }

  async admin(route: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.world.adminUrl}/${route}`, { method: 'POST', body: JSON.stringify(body) });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`admin ${route}: ${JSON.stringify(json)}`);
    return json;
  }

  /** A docker client call against the world's engine, with the given DOCKER_CONFIG (default: an empty one). */
  docker(args: string[], dockerConfig = join(this.scratch, 'client-config')): Promise<DockerOut> {
    mkdirSync(dockerConfig, { recursive: true });
    return new Promise((resolve) => {
      const child = spawn('docker', args, {
        env: this.world.docker!.env({ DOCKER_CONFIG: dockerConfig }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  }

  /**
   * Removes the world's images from the engine, as a fresh runner would start: no local layer cache. Only images
   * of this world's registry (their untagged build parents go with them), so a reused engine keeps everything else.
   */
  async forgetLocalImages(): Promise<void> {
    if (!this.world.docker) return;
    const listed = await this.docker(['image', 'ls', '--no-trunc', '--format', '{{.Repository}} {{.ID}}']);
    const ids = listed.stdout
      .split('\n')
      .map((l) => l.trim().split(' '))
      .filter(([repo]) => repo?.startsWith(`${this.registry}/`))
      .map(([, id]) => id!);
    if (ids.length > 0) await this.docker(['image', 'rm', '-f', ...new Set(ids)]);
    await this.docker(['image', 'prune', '-f']);
  }

  writeUserDockerConfig(config: unknown): void {
    writeFileSync(join(this.home, '.docker', 'config.json'), JSON.stringify(config));
  }

  async stop(): Promise<void> {
    await this.forgetLocalImages().catch(() => undefined);
    await this.world.stop();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/** Every place a secret could leak from a bundle run, except the `::add-mask::` command that hides it on GitHub. */
export function leaks(run: BundleRun, secret: string): string[] {
  const places: string[] = [];
  const logLines = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  if (logLines.some((l) => l.includes(secret))) places.push('stdout');
  if (run.stderr.includes(secret)) places.push('stderr');
  if (run.summary.includes(secret)) places.push('summary');
  if (Object.values(run.outputs).some((v) => v.includes(secret))) places.push('outputs');
  if (Object.values(run.state).some((v) => v.includes(secret))) places.push('state');
  return places;
}

/** A run that succeeded: exit 0 and no error annotation (shows them when not). */
export function expectOk(run: BundleRun): void {
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect({ code: run.code, errors }).toEqual({ code: 0, errors: [] });
}
