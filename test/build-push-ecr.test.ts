import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateRepositoryCommand, DescribeRepositoriesCommand, GetLifecyclePolicyCommand } from '@aws-sdk/client-ecr';
import { helloContext, writeContext } from './support/build-push-ecr-contexts.js';
import { BuildPushWorld, expectOk, leaks } from './support/build-push-ecr-world.js';

/** build-push-ecr's committed bundle against the local world: a real engine, a real registry, the simulated ECR. */
describe('build-push-ecr against the local world', () => {
  let w: BuildPushWorld;

  beforeAll(async () => {
    w = await BuildPushWorld.start();
  }, 60_000);
  afterAll(async () => {
    await w?.stop();
  }, 60_000);

  test('new repository: builds, pushes every tag, digest from the registry, labels, pull by digest, post step logs out', async () => {
    w.requireDocker();
    w.writeUserDockerConfig({ auths: { 'other.example': { auth: 'dTpw' } }, credsStore: 'desktop' });
    const ctx = helloContext('model server v1\n', w.scratch);
    const policy = join(w.scratch, 'lifecycle.json');
    const policyText = JSON.stringify({
      rules: [
        {
          rulePriority: 1,
          selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 5 },
          action: { type: 'expire' },
        },
      ],
    });
    writeFileSync(policy, policyText);
    const run = await w.run({
      repository: 'bike-share/model-server',
      tags: 'abc123-stg\nlatest-stg',
      context: ctx.dir,
      labels: 'mlflow.model-version=7',
      'lifecycle-policy': policy,
    });
    expectOk(run);

    const [image] = await w.images('bike-share/model-server');
    expect(image).toBeDefined();
    const digest = image!.imageDigest!;
    expect(image!.imageTags?.sort()).toEqual(['abc123-stg', 'latest-stg']);
    expect(image!.imageManifestMediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(run.outputs).toEqual({
      registry: w.registry,
      'image-uri': `${w.registry}/bike-share/model-server:abc123-stg`,
      'image-digest': digest,
      'image-uri-digest': `${w.registry}/bike-share/model-server@${digest}`,
      tags: 'abc123-stg,latest-stg',
      'docker-config': run.state['docker-config'],
    });

    const ecr = w.ecr();
    const repo = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['bike-share/model-server'] }))).repositories![0]!;
    expect(repo).toMatchObject({ imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true } });
    const lifecycle = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'bike-share/model-server' }));
    expect(JSON.parse(lifecycle.lifecyclePolicyText!)).toEqual(JSON.parse(policyText));
    ecr.destroy();

    // The session's Docker config: this job's login, the user's other registries, no keychain.
    const sessionConfig = run.outputs['docker-config']!;
    const config = JSON.parse(readFileSync(join(sessionConfig, 'config.json'), 'utf8')) as {
      auths: Record<string, unknown>;
      credsStore?: string;
    };
    expect(Object.keys(config.auths).sort()).toEqual([w.registry, 'other.example'].sort());
    expect(config.credsStore).toBeUndefined();

    // Pull by digest with the session's login, as a deploy would; it is the very image that was built.
    const pulled = await w.docker(['pull', run.outputs['image-uri-digest']!], sessionConfig);
    expect(pulled.code).toBe(0);
    const inspect = async (ref: string): Promise<{ Id: string; Config: { Labels: Record<string, string> } }> =>
      (JSON.parse((await w.docker(['image', 'inspect', ref])).stdout) as { Id: string; Config: { Labels: Record<string, string> } }[])[0]!;
    const byDigest = await inspect(run.outputs['image-uri-digest']!);
    expect(byDigest.Id).toBe((await inspect(run.outputs['image-uri']!)).Id);
    expect(byDigest.Config.Labels).toMatchObject({
      'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
      'org.opencontainers.image.source': 'https://github.com/acme/bike-share',
      'io.github.actions.workflow-run': 'https://github.com/acme/bike-share/actions/runs/4242/attempts/1',
      'mlflow.model-version': '7',
    });

    expect(run.summary).toContain(digest);
    expect(run.summary).toMatch(/Repository \| bike-share\/model-server \(created, IMMUTABLE, scan on push on\)/);
    expect(run.summary).toMatch(/Build time \| \d+\.\d s/);
    expect(run.stdout).toContain('::group::docker build');

    // The ECR password is masked before use and appears nowhere else.
    const { token, password } = await w.password();
    expect(run.stdout).toContain(`::add-mask::${password}`);
    expect(leaks(run, password)).toEqual([]);
    expect(leaks(run, token)).toEqual([]);

    const post = await w.post(run);
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`logged out of ${w.registry}`);
    expect(existsSync(sessionConfig)).toBe(false);
    expect(leaks(post, password)).toEqual([]);
  });

  test('existing mutable repository: reuses the layers of its newest image from the registry, on an engine without them', async () => {
    w.requireDocker();
    const ecr = w.ecr();
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'existing-app', imageTagMutability: 'MUTABLE' }));
    ecr.destroy();
    const ctx = writeContext('FROM scratch\nCOPY a.txt /a.txt\nCOPY b.txt /b.txt\n', { 'a.txt': 'a\n', 'b.txt': 'b\n' }, w.scratch);
    const first = await w.run({ repository: 'existing-app', tags: 'v1', context: ctx.dir, 'create-repository': 'false' });
    expectOk(first);
    expect(first.summary).toContain('existing-app (existing, MUTABLE');
    expect(first.summary).toContain('no earlier image in the repository');
    await w.post(first);

    await w.forgetLocalImages();
    const second = await w.run({ repository: 'existing-app', tags: 'v2', context: ctx.dir, 'create-repository': 'false' });
    expectOk(second);
    expect(second.stdout).toContain(`::group::docker pull ${w.registry}/existing-app@${first.outputs['image-digest']!}`);
    expect(second.stdout).toContain('---> Using cache');
    expect(second.summary).toMatch(/2 of 2 steps cached — layers of/);
    expect(second.summary).toMatch(/push: 0 layers uploaded, 2 already in the registry/);
    await w.post(second);

    // A mutable tag moves: building v1 again is allowed.
    const again = await w.run({ repository: 'existing-app', tags: 'v1', context: ctx.dir });
    expect(again.code).toBe(0);
    await w.post(again);
    expect((await w.images('existing-app')).find((i) => i.imageTags?.includes('v1'))?.imageDigest).toBe(again.outputs['image-digest']);
  });

  test('re-run with existing immutable tags reports the existing digest without building; a new tag is added to it', async () => {
    w.requireDocker();
    const ctx = helloContext('rerun\n', w.scratch);
    const inputs = { repository: 'rerun-app', tags: 'sha1-stg', context: ctx.dir };
    const first = await w.run(inputs);
    expect(first.code).toBe(0);
    await w.post(first);
    const rerun = await w.run(inputs, { GITHUB_RUN_ATTEMPT: '2' });
    expectOk(rerun);
    expect(rerun.outputs['image-digest']).toBe(first.outputs['image-digest']);
    expect(rerun.stdout).toContain('reusing it, no build');
    expect(rerun.stdout).not.toContain('::group::docker build');
    expect(rerun.summary).toContain('re-run: existing image reused');
    await w.post(rerun);

    const promoted = await w.run({ ...inputs, tags: 'sha1-stg, sha1-prod' });
    expect(promoted.code).toBe(0);
    expect(promoted.outputs['image-digest']).toBe(first.outputs['image-digest']);
    expect(promoted.summary).toContain('added now: sha1-prod');
    await w.post(promoted);
    const images = await w.images('rerun-app');
    expect(images.map((i) => i.imageTags?.sort())).toEqual([['sha1-prod', 'sha1-stg']]);
  });

  test('a Dockerfile that fails to build: the failing step is shown, nothing is pushed, the post step still cleans up', async () => {
    w.requireDocker();
    const ctx = writeContext(
      'FROM scratch\nCOPY present.txt /present.txt\nCOPY missing.txt /missing.txt\n',
      { 'present.txt': 'x' },
      w.scratch,
    );
    const run = await w.run({ repository: 'broken-app', tags: 'v1', context: ctx.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::build-push-ecr: docker build failed at Step 3: COPY missing\.txt \/missing\.txt: .*missing\.txt.* \(nothing was pushed\)/,
    );
    expect(run.summary).toContain('| Failed step | Step 3: COPY missing.txt /missing.txt |');
    expect(await w.images('broken-app')).toEqual([]);
    expect(run.outputs).toEqual({});
    const post = await w.post(run);
    expect(post.code).toBe(0);
    expect(existsSync(run.state['docker-config']!)).toBe(false);
  });

  test('wrong AWS credentials: one clear line, no login, nothing to clean up', async () => {
    w.requireDocker();
    const ctx = helloContext('nope\n', w.scratch);
    const run = await w.run({ repository: 'denied-app', tags: 'v1', context: ctx.dir }, { AWS_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0' });
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      '::error::build-push-ecr: ECR GetAuthorizationToken failed: UnrecognizedClientException: The security token included in the request is invalid. — check the AWS credentials of this job (aws-actions/configure-aws-credentials)',
    ]);
    expect(run.state['docker-config']).toBeUndefined();
    const post = await w.post(run);
    expect(post.stdout).toContain('nothing to clean up');
  });

  test('build only (push: false): no repository is created, no digest', async () => {
    w.requireDocker();
    const ctx = helloContext('local only\n', w.scratch);
    const run = await w.run({ repository: 'local-only', tags: 'dev', context: ctx.dir, push: 'false', logout: 'false' });
    expectOk(run);
    expect(run.outputs['image-digest']).toBe('');
    expect(run.summary).toContain('built (push: false)');
    const ecr = w.ecr();
    await expect(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['local-only'] }))).rejects.toThrow(/does not exist/);
    ecr.destroy();
    const post = await w.post(run);
    expect(post.stdout).toContain('kept the ECR login');
    expect(existsSync(run.outputs['docker-config']!)).toBe(true);
    rmSync(run.outputs['docker-config']!, { recursive: true, force: true });
  });
});
