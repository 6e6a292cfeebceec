import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gateway } from '../src/gateway.js';
import { findDockerEngine, startRegistry, type DockerEngine, type NoDockerEngine, type StartedRegistry } from '../src/registry/index.js';
import { awsCli, cliErrorCode, run, type CliResult } from '../src/registry/testing.js';
import { createEcr } from '../src/services/ecr.js';
import { SimClock } from '../src/sim-clock.js';

/** docker login / build / push / pull against the world's ECR, with a Docker engine found or started by the helper. */
describe('ECR with a real Docker client', () => {
  let engine: DockerEngine | NoDockerEngine;
  let reg: StartedRegistry;
  let gw: Gateway;
  const clock = new SimClock(0.1);
  const dockerConfig = mkdtempSync(join(tmpdir(), 'world-docker-config-'));
  const context = mkdtempSync(join(tmpdir(), 'world-docker-build-'));
  const made = new Set<string>();

  const docker = (args: string[], input?: string): Promise<CliResult> => {
    if (!engine.available) throw new Error('no engine');
    return run(engine.dockerCli, args, { env: engine.env({ DOCKER_CONFIG: dockerConfig, DOCKER_BUILDKIT: '0' }), input, timeoutMs: 60000 });
  };
  const build = async (ref: string, content: string): Promise<void> => {
    writeFileSync(join(context, 'hello.txt'), content);
    writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
    const built = await docker(['build', '-q', '-t', ref, context]);
    expect(built.stderr.replace(/DEPRECATED[\s\S]*?variable\.\s*/, '').trim()).toBe('');
    expect(built.code).toBe(0);
    made.add(ref);
  };

  beforeAll(async () => {
    engine = await findDockerEngine();
    if (!engine.available) return;
    reg = await startRegistry();
    gw = new Gateway({ accountId: '123456789012', region: 'us-east-1', accessKeyId: 'AKIDLOCAL' });
    gw.register(
      createEcr({
        registry: { url: reg.frontUrl, backendUrl: reg.backendUrl, storageDir: reg.storageDir, attach: reg.attach },
        password: reg.password,
        clock,
      }),
    );
    await gw.listen();
  }, 60000);

  afterAll(async () => {
    if (engine?.available) {
      // Leave nothing behind in a reused engine.
      if (made.size > 0) await docker(['image', 'rm', '-f', ...made]);
      const dangling = await docker(['image', 'ls', '-q', '--filter', `reference=${reg?.frontHost ?? 'none'}/*`]);
      const ids = dangling.stdout.split('\n').filter((l) => l.trim() !== '');
      if (ids.length > 0) await docker(['image', 'rm', '-f', ...ids]);
      await engine.stop();
    }
    clock.stop();
    await gw?.close();
    await reg?.stop();
    rmSync(dockerConfig, { recursive: true, force: true });
    rmSync(context, { recursive: true, force: true });
  }, 60000);

  test('login with the authorization token, build FROM scratch, push, describe, retag with put-image, pull by digest', async () => {
    if (!engine.available) {
      console.warn(`skipped: ${engine.reason}`);
      return;
    }
    const [created, token] = await Promise.all([
      awsCli(gw.url, ['ecr', 'create-repository', '--repository-name', 'team/model-server']),
      awsCli(gw.url, ['ecr', 'get-authorization-token']),
    ]);
    expect(created.code).toBe(0);
    const repositoryUri = (created.json as { repository: { repositoryUri: string } }).repository.repositoryUri;
    const auth = (token.json as { authorizationData: { authorizationToken: string; proxyEndpoint: string }[] }).authorizationData[0]!;
    const [user, password] = Buffer.from(auth.authorizationToken, 'base64').toString().split(':') as [string, string];
    expect(user).toBe('AWS');

    const wrong = await docker(['login', '--username', 'AWS', '--password-stdin', auth.proxyEndpoint], 'wrong-password');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/401|unauthorized/i);
    const login = await docker(['login', '--username', 'AWS', '--password-stdin', auth.proxyEndpoint], password);
    expect(login.stderr + login.stdout).toContain('Login Succeeded');

    await build(`${repositoryUri}:v1`, 'model server v1\n');
    const push = await docker(['push', `${repositoryUri}:v1`]);
    expect(push.code).toBe(0);
    const pushedDigest = /digest: (sha256:[a-f0-9]{64})/.exec(push.stdout)?.[1];
    expect(pushedDigest).toBeDefined();

    const described = await awsCli(gw.url, ['ecr', 'describe-images', '--repository-name', 'team/model-server']);
    const details = (described.json as { imageDetails: { imageDigest: string; imageTags: string[]; imageManifestMediaType: string }[] })
      .imageDetails;
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({
      imageDigest: pushedDigest,
      imageTags: ['v1'],
      imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    });

    // The retag recipe of AWS's docs: batch-get-image, then put-image under a new tag.
    const got = await awsCli(gw.url, [
      'ecr',
      'batch-get-image',
      '--repository-name',
      'team/model-server',
      '--image-ids',
      'imageTag=v1',
      '--query',
      'images[0].imageManifest',
    ]);
    const manifest = got.json as string;
    const put = await awsCli(gw.url, [
      'ecr',
      'put-image',
      '--repository-name',
      'team/model-server',
      '--image-tag',
      'stable',
      '--image-manifest',
      manifest,
    ]);
    expect(put.code).toBe(0);
    expect((put.json as { image: { imageId: { imageDigest: string } } }).image.imageId.imageDigest).toBe(pushedDigest);

    // Remove the local image, then pull it back from the registry by digest and by the new tag.
    await docker(['image', 'rm', '-f', `${repositoryUri}:v1`]);
    made.delete(`${repositoryUri}:v1`);
    const pull = await docker(['pull', `${repositoryUri}@${pushedDigest!}`]);
    expect(pull.code).toBe(0);
    made.add(`${repositoryUri}@${pushedDigest!}`);
    const pullTag = await docker(['pull', `${repositoryUri}:stable`]);
    expect(pullTag.stdout).toContain(pushedDigest!);
    made.add(`${repositoryUri}:stable`);

    // Without login the registry refuses.
    await docker(['logout', auth.proxyEndpoint]);
    const anonymous = await docker(['pull', `${repositoryUri}:stable`]);
    expect(anonymous.code).not.toBe(0);
  });

  test('an immutable repository refuses to move a pushed tag, docker push of the same image is accepted', async () => {
    if (!engine.available) {
      console.warn(`skipped: ${engine.reason}`);
      return;
    }
    const created = await awsCli(gw.url, [
      'ecr',
      'create-repository',
      '--repository-name',
      'frozen-app',
      '--image-tag-mutability',
      'IMMUTABLE',
    ]);
    const uri = (created.json as { repository: { repositoryUri: string } }).repository.repositoryUri;
    const login = await docker(['login', '--username', 'AWS', '--password-stdin', reg.frontUrl], reg.password);
    expect(login.code).toBe(0);
    await build(`${uri}:v1`, 'frozen one\n');
    expect((await docker(['push', `${uri}:v1`])).code).toBe(0);
    expect((await docker(['push', `${uri}:v1`])).code).toBe(0);
    await build(`${uri}:v1`, 'frozen two\n');
    const refused = await docker(['push', `${uri}:v1`]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      "The image tag 'v1' already exists in the 'frozen-app' repository and cannot be overwritten because the repository is immutable.",
    );
    const scanned = await awsCli(gw.url, [
      'ecr',
      'describe-image-scan-findings',
      '--repository-name',
      'frozen-app',
      '--image-id',
      'imageTag=v1',
    ]);
    expect(cliErrorCode(scanned)).toBe('ScanNotFoundException');
  });

  test('the helper reuses an engine that answers and never stops it', async () => {
    if (!engine.available) {
      console.warn(`skipped: ${engine.reason}`);
      return;
    }
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = engine.dockerHost;
    try {
      const reused = await findDockerEngine({ reuseOnly: true });
      expect(reused).toMatchObject({ available: true, started: false, dockerHost: engine.dockerHost });
      if (reused.available) await reused.stop();
      expect((await docker(['version', '--format', '{{.Server.Version}}'])).code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
