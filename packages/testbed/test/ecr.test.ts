import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  ListImagesCommand,
  PutImageCommand,
  PutLifecyclePolicyCommand,
  StartImageScanCommand,
} from '@aws-sdk/client-ecr';
import { Gateway } from '../src/gateway.js';
import { startRegistry, type StartedRegistry } from '../src/registry/index.js';
import { awsCli, cliErrorCode, pushTestImage } from '../src/registry/testing.js';
import { createEcr } from '../src/services/ecr.js';
import { SimClock } from '../src/sim-clock.js';

const ACCOUNT = '123456789012';
const LIFECYCLE = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      description: 'keep ten',
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 },
      action: { type: 'expire' },
    },
  ],
});

describe('ECR over the real registry', () => {
  let reg: StartedRegistry;
  let gw: Gateway;
  let ecr: ECRClient;
  const clock = new SimClock(1); // scans take 1.5 s: long enough to see IN_PROGRESS on a loaded machine

  beforeAll(async () => {
    reg = await startRegistry();
    gw = new Gateway({ accountId: ACCOUNT, region: 'us-east-1', accessKeyId: 'AKIDLOCAL' });
    gw.register(
      createEcr({
        registry: { url: reg.frontUrl, backendUrl: reg.backendUrl, storageDir: reg.storageDir, attach: reg.attach },
        password: reg.password,
        clock,
      }),
    );
    await gw.listen();
    ecr = new ECRClient({
      endpoint: gw.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    ecr?.destroy();
    clock.stop();
    await gw?.close();
    await reg?.stop();
  });

  const admin = async (route: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${gw.url}/_world/ecr/${route}`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return await res.json();
  };
  const waitFor = async <T>(probe: () => Promise<T | undefined>, ms = 15000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  test('repositories through the AWS CLI: create, describe, errors, authorization token', async () => {
    const [created, bad, token] = await Promise.all([
      awsCli(gw.url, [
        'ecr',
        'create-repository',
        '--repository-name',
        'team/cli-app',
        '--image-scanning-configuration',
        'scanOnPush=true',
        '--image-tag-mutability',
        'IMMUTABLE',
      ]),
      awsCli(gw.url, ['ecr', 'create-repository', '--repository-name', 'Bad_Name']),
      awsCli(gw.url, ['ecr', 'get-authorization-token']),
    ]);
    expect(created.code).toBe(0);
    const repo = (created.json as { repository: Record<string, unknown> }).repository;
    expect(repo).toEqual({
      repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team/cli-app`,
      registryId: ACCOUNT,
      repositoryName: 'team/cli-app',
      repositoryUri: `${reg.frontHost}/team/cli-app`,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'AES256' },
    });
    expect(cliErrorCode(bad)).toBe('InvalidParameterException');
    expect(bad.stderr).toContain("Invalid parameter at 'repositoryName' failed to satisfy constraint");

    const data = (token.json as { authorizationData: { authorizationToken: string; proxyEndpoint: string; expiresAt: string }[] })
      .authorizationData;
    expect(data).toHaveLength(1);
    expect(Buffer.from(data[0]!.authorizationToken, 'base64').toString()).toBe(`AWS:${reg.password}`);
    expect(data[0]!.proxyEndpoint).toBe(reg.frontUrl);
    expect(Date.parse(data[0]!.expiresAt)).toBeGreaterThan(Date.now() + 11 * 3600 * 1000);

    const [dup, missing, described] = await Promise.all([
      awsCli(gw.url, ['ecr', 'create-repository', '--repository-name', 'team/cli-app']),
      awsCli(gw.url, ['ecr', 'describe-repositories', '--repository-names', 'nope']),
      awsCli(gw.url, ['ecr', 'describe-repositories', '--repository-names', 'team/cli-app']),
    ]);
    expect(cliErrorCode(dup)).toBe('RepositoryAlreadyExistsException');
    expect(dup.stderr).toContain(`The repository with name 'team/cli-app' already exists in the registry with id '${ACCOUNT}'`);
    expect(cliErrorCode(missing)).toBe('RepositoryNotFoundException');
    expect(missing.stderr).toContain(`The repository with name 'nope' does not exist in the registry with id '${ACCOUNT}'`);
    expect((described.json as { repositories: unknown[] }).repositories).toEqual([repo]);
  });

  test('images come from the registry: describe, list, batch-get, put-image retag, delete', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'svc' }));
    // Pushing to a repository ECR does not know is refused at the registry, as ECR's registry does.
    await expect(pushTestImage(reg.frontUrl, 'unknown-repo', 'v1', 'x', reg.password)).rejects.toThrow(/HTTP 404/);

    const v1 = await pushTestImage(reg.frontUrl, 'svc', 'v1', 'first layer', reg.password);
    const v2 = await pushTestImage(reg.frontUrl, 'svc', 'v2', 'second layer!', reg.password);

    const described = await awsCli(gw.url, ['ecr', 'describe-images', '--repository-name', 'svc']);
    const details = (described.json as { imageDetails: Record<string, unknown>[] }).imageDetails;
    expect(details).toEqual([
      {
        registryId: ACCOUNT,
        repositoryName: 'svc',
        imageDigest: v1.digest,
        imageTags: ['v1'],
        imageSizeInBytes: v1.layerSize,
        imagePushedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        imageManifestMediaType: v1.mediaType,
        artifactMediaType: 'application/vnd.docker.container.image.v1+json',
      },
      expect.objectContaining({ imageDigest: v2.digest, imageTags: ['v2'] }),
    ]);

    // batch-get-image + put-image: a real retag in the registry.
    const got = await awsCli(gw.url, ['ecr', 'batch-get-image', '--repository-name', 'svc', '--image-ids', 'imageTag=v1']);
    const image = (got.json as { images: { imageManifest: string; imageManifestMediaType: string; imageId: unknown }[] }).images[0]!;
    expect(image.imageManifest).toBe(v1.manifest);
    expect(image.imageManifestMediaType).toBe(v1.mediaType);
    expect(image.imageId).toEqual({ imageDigest: v1.digest, imageTag: 'v1' });
    const put = await awsCli(gw.url, [
      'ecr',
      'put-image',
      '--repository-name',
      'svc',
      '--image-tag',
      'prod',
      '--image-manifest',
      image.imageManifest,
    ]);
    expect(put.code).toBe(0);
    expect((put.json as { image: { imageId: unknown } }).image.imageId).toEqual({ imageDigest: v1.digest, imageTag: 'prod' });
    const tags = (await (await fetch(`${reg.backendUrl}/v2/svc/tags/list`)).json()) as { tags: string[] };
    expect(tags.tags.sort()).toEqual(['prod', 'v1', 'v2']);

    // The same manifest under the same tag again: ECR's ImageAlreadyExistsException.
    await expect(
      ecr.send(new PutImageCommand({ repositoryName: 'svc', imageTag: 'prod', imageManifest: v1.manifest })),
    ).rejects.toMatchObject({
      name: 'ImageAlreadyExistsException',
    });
    await expect(
      ecr.send(new PutImageCommand({ repositoryName: 'svc', imageTag: 'x', imageManifest: v1.manifest, imageDigest: v2.digest })),
    ).rejects.toMatchObject({
      name: 'ImageDigestDoesNotMatchException',
    });

    // A manifest whose layers are not in the target repository: ECR's LayersNotFoundException.
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'svc-copy' }));
    await expect(
      ecr.send(new PutImageCommand({ repositoryName: 'svc-copy', imageTag: 'v1', imageManifest: v1.manifest })),
    ).rejects.toMatchObject({
      name: 'LayersNotFoundException',
    });

    const listed = await ecr.send(new ListImagesCommand({ repositoryName: 'svc' }));
    expect(listed.imageIds).toEqual(
      expect.arrayContaining([
        { imageDigest: v1.digest, imageTag: 'prod' },
        { imageDigest: v1.digest, imageTag: 'v1' },
        { imageDigest: v2.digest, imageTag: 'v2' },
      ]),
    );
    expect(listed.imageIds).toHaveLength(3);
    const paged = await ecr.send(new ListImagesCommand({ repositoryName: 'svc', maxResults: 2 }));
    expect(paged.imageIds).toHaveLength(2);
    const rest = await ecr.send(new ListImagesCommand({ repositoryName: 'svc', maxResults: 2, nextToken: paged.nextToken }));
    expect(rest.imageIds).toHaveLength(1);
    expect(rest.nextToken).toBeUndefined();

    const byIds = await ecr.send(new DescribeImagesCommand({ repositoryName: 'svc', imageIds: [{ imageTag: 'prod' }] }));
    expect(byIds.imageDetails?.[0]?.imageTags).toEqual(['prod', 'v1']);
    await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'svc', imageIds: [{ imageTag: 'nope' }] }))).rejects.toMatchObject({
      name: 'ImageNotFoundException',
      message: `The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within the repository with name 'svc' in the registry with id '${ACCOUNT}'`,
    });

    const batch = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: 'svc',
        imageIds: [{ imageDigest: v2.digest }, { imageTag: 'missing' }, { imageDigest: 'bad' }],
      }),
    );
    expect(batch.images?.map((i) => i.imageId?.imageDigest)).toEqual([v2.digest]);
    expect(batch.failures?.map((f) => f.failureCode)).toEqual(['ImageNotFound', 'InvalidImageDigest']);

    // Untag one of two tags: the image stays; delete by digest: every tag goes.
    const untag = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'svc', imageIds: [{ imageTag: 'prod' }] }));
    expect(untag.imageIds).toEqual([{ imageDigest: v1.digest, imageTag: 'prod' }]);
    expect(
      (await ecr.send(new DescribeImagesCommand({ repositoryName: 'svc', imageIds: [{ imageDigest: v1.digest }] }))).imageDetails?.[0]
        ?.imageTags,
    ).toEqual(['v1']);
    const deleted = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'svc', imageIds: [{ imageDigest: v2.digest }] }));
    expect(deleted.imageIds).toEqual([{ imageDigest: v2.digest, imageTag: 'v2' }]);
    const head = await fetch(`${reg.backendUrl}/v2/svc/manifests/${v2.digest}`, { method: 'HEAD' });
    expect(head.status).toBe(404);

    // A tag moved by a push leaves the old image untagged, as in ECR.
    const v1b = await pushTestImage(reg.frontUrl, 'svc', 'v1', 'replacement layer', reg.password);
    const untagged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'svc', filter: { tagStatus: 'UNTAGGED' } }));
    expect(untagged.imageDetails?.map((d) => [d.imageDigest, d.imageTags])).toEqual([[v1.digest, undefined]]);
    const tagged = await ecr.send(new DescribeImagesCommand({ repositoryName: 'svc', filter: { tagStatus: 'TAGGED' } }));
    expect(tagged.imageDetails?.map((d) => d.imageDigest)).toEqual([v1b.digest]);

    await expect(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'svc' }))).rejects.toMatchObject({
      name: 'RepositoryNotEmptyException',
    });
    const gone = await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'svc', force: true }));
    expect(gone.repository?.repositoryName).toBe('svc');
    await expect(ecr.send(new DescribeImagesCommand({ repositoryName: 'svc' }))).rejects.toMatchObject({
      name: 'RepositoryNotFoundException',
    });
    // Re-created, the repository is empty again.
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'svc' }));
    expect((await ecr.send(new DescribeImagesCommand({ repositoryName: 'svc' }))).imageDetails).toEqual([]);
  });

  test('immutable tags: PutImage and docker-style pushes refuse to move a tag, same digest is accepted', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'frozen', imageTagMutability: 'IMMUTABLE' }));
    const a = await pushTestImage(reg.frontUrl, 'frozen', 'v1', 'frozen a', reg.password);
    // Pushing the same image again under the same tag is fine (docker push of an unchanged image).
    const again = await pushTestImage(reg.frontUrl, 'frozen', 'v1', 'frozen a', reg.password);
    expect(again.digest).toBe(a.digest);
    await expect(pushTestImage(reg.frontUrl, 'frozen', 'v1', 'frozen b', reg.password)).rejects.toThrow(
      "The image tag 'v1' already exists in the 'frozen' repository and cannot be overwritten because the repository is immutable.",
    );
    const b = await pushTestImage(reg.frontUrl, 'frozen', 'v2', 'frozen b', reg.password);

    const refused = await awsCli(gw.url, [
      'ecr',
      'put-image',
      '--repository-name',
      'frozen',
      '--image-tag',
      'v1',
      '--image-manifest',
      b.manifest,
    ]);
    expect(cliErrorCode(refused)).toBe('ImageTagAlreadyExistsException');
    expect(refused.stderr).toContain(
      "The image tag 'v1' already exists in the 'frozen' repository and cannot be overwritten because the repository is immutable.",
    );
    // A new tag is fine.
    const ok = await ecr.send(new PutImageCommand({ repositoryName: 'frozen', imageTag: 'release', imageManifest: b.manifest }));
    expect(ok.image?.imageId?.imageDigest).toBe(b.digest);
  });

  test('lifecycle policies are validated and kept', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'policy-repo' }));
    await expect(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'policy-repo' }))).rejects.toMatchObject({
      name: 'LifecyclePolicyNotFoundException',
    });
    await expect(
      ecr.send(
        new PutLifecyclePolicyCommand({
          repositoryName: 'policy-repo',
          lifecyclePolicyText: JSON.stringify({ description: 'no rules here'.padEnd(120, '.') }),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('Lifecycle policy validation failure') });
    await expect(
      ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'policy-repo', lifecyclePolicyText: `not json ${'.'.repeat(100)}` })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    const put = await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'policy-repo', lifecyclePolicyText: LIFECYCLE }));
    expect(put).toMatchObject({ registryId: ACCOUNT, repositoryName: 'policy-repo', lifecyclePolicyText: LIFECYCLE });
    const got = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'policy-repo' }));
    expect(got.lifecyclePolicyText).toBe(LIFECYCLE);
    expect(got.lastEvaluatedAt).toBeInstanceOf(Date);
  });

  test('scans: manual and on push, IN_PROGRESS then COMPLETE, findings from the admin route', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'scanned' }));
    const img = await pushTestImage(reg.frontUrl, 'scanned', 'v1', 'scan me', reg.password);
    await expect(
      ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'scanned', imageId: { imageTag: 'v1' } })),
    ).rejects.toMatchObject({
      name: 'ScanNotFoundException',
    });
    await admin('setFindings', {
      repository: 'scanned',
      digest: img.digest,
      findings: [
        { name: 'CVE-2024-0001', severity: 'HIGH', description: 'bad' },
        { name: 'CVE-2024-0002', severity: 'HIGH' },
        { name: 'CVE-2024-0003', severity: 'LOW' },
      ],
    });
    const started = await ecr.send(new StartImageScanCommand({ repositoryName: 'scanned', imageId: { imageTag: 'v1' } }));
    expect(started.imageScanStatus?.status).toBe('IN_PROGRESS');
    expect(started.imageId).toEqual({ imageDigest: img.digest, imageTag: 'v1' });
    await expect(ecr.send(new StartImageScanCommand({ repositoryName: 'scanned', imageId: { imageTag: 'v1' } }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    const done = await waitFor(async () => {
      const r = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'scanned', imageId: { imageDigest: img.digest } }));
      return r.imageScanStatus?.status === 'COMPLETE' ? r : undefined;
    });
    expect(done.imageScanFindings?.findingSeverityCounts).toEqual({ HIGH: 2, LOW: 1 });
    expect(done.imageScanFindings?.findings?.map((f) => [f.name, f.severity])).toEqual([
      ['CVE-2024-0001', 'HIGH'],
      ['CVE-2024-0002', 'HIGH'],
      ['CVE-2024-0003', 'LOW'],
    ]);
    const detail = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'scanned' }))).imageDetails?.[0];
    expect(detail?.imageScanStatus?.status).toBe('COMPLETE');
    expect(detail?.imageScanFindingsSummary?.findingSeverityCounts).toEqual({ HIGH: 2, LOW: 1 });

    // Scan on push: findings for every image of the repository, set before the push.
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'auto-scan', imageScanningConfiguration: { scanOnPush: true } }));
    await admin('setFindings', { repository: 'auto-scan', findings: [{ name: 'CVE-2023-9999', severity: 'CRITICAL' }] });
    const pushed = await pushTestImage(reg.frontUrl, 'auto-scan', 'latest', 'auto scan me', reg.password);
    const first = await ecr.send(new DescribeImagesCommand({ repositoryName: 'auto-scan' }));
    expect(first.imageDetails?.[0]?.imageScanStatus?.status).toBe('IN_PROGRESS');
    const cli = await waitFor(async () => {
      const r = await awsCli(gw.url, [
        'ecr',
        'describe-image-scan-findings',
        '--repository-name',
        'auto-scan',
        '--image-id',
        `imageDigest=${pushed.digest}`,
      ]);
      return (r.json as { imageScanStatus: { status: string } }).imageScanStatus.status === 'COMPLETE' ? r : undefined;
    });
    expect((cli.json as { imageScanFindings: unknown }).imageScanFindings).toMatchObject({
      findingSeverityCounts: { CRITICAL: 1 },
      findings: [{ name: 'CVE-2023-9999', severity: 'CRITICAL' }],
    });
  });

  test('input is validated against the model and the caller must sign with the world key', async () => {
    await expect(ecr.send(new DescribeRepositoriesCommand({ maxResults: 5000 }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(ecr.send(new CreateRepositoryCommand({ repositoryName: 'x' }))).rejects.toMatchObject({ name: 'ValidationException' });
    const denied = await awsCli(gw.url, ['ecr', 'describe-repositories'], { accessKeyId: 'AKIDOTHER' });
    expect(cliErrorCode(denied)).toBe('UnrecognizedClientException');
    const all = await ecr.send(new DescribeRepositoriesCommand({}));
    expect(all.repositories?.map((r) => r.repositoryName)).toEqual(
      expect.arrayContaining(['team/cli-app', 'frozen', 'scanned', 'auto-scan']),
    );
  });
});
