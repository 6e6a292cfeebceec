import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from './support/run-bundle.js';
import { ACTION_DIR } from './support/build-push-ecr-world.js';

/**
 * Bad input: one clear line each, before anything remote. The AWS endpoint and the Docker engine point at
 * nothing, so any call would fail with a connection error instead of the expected lines.
 */
describe('build-push-ecr bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bpe-inputs-'));
  const nowhere = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9',
    DOCKER_HOST: 'unix:///nonexistent/docker.sock',
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const errorsOf = async (inputs: Record<string, string>): Promise<string[]> => {
    const run = await runBundle(ACTION_DIR, inputs, nowhere, { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({});
    return run.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error::'))
      .map((l) => l.slice('::error::build-push-ecr: '.length));
  };

  test('every bad input at once, one line each', async () => {
    expect(
      await errorsOf({
        repository: 'Bike_Share',
        tags: 'v1, bad tag!',
        'scan-severity-threshold': 'SEVERE',
        'image-tag-mutability': 'sometimes',
        platforms: 'linux/amd64,linux/arm64',
      }),
    ).toEqual([
      `input 'repository' = "Bike_Share": must be an ECR repository name: 2-256 lowercase letters, digits and . _ - / separators`,
      `input 'tags' = "v1, bad tag!": must be Docker tags: letters, digits, _ . -, starting with a letter, digit or _, at most 128 characters each ("bad tag!" is not)`,
      `input 'platforms' = "linux/amd64,linux/arm64": must be one platform such as linux/amd64 (SageMaker rejects multi-platform images)`,
      `input 'image-tag-mutability' = "sometimes": must be one of IMMUTABLE, MUTABLE`,
      `input 'scan-severity-threshold' = "SEVERE": must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL`,
    ]);
  });

  test('empty tags and a one-letter repository', async () => {
    expect(await errorsOf({ repository: 'a', tags: ' , ' })).toEqual([
      `input 'repository' = "a": must be an ECR repository name: 2-256 lowercase letters, digits and . _ - / separators`,
      `input 'tags' = ",": must name at least one tag`,
    ]);
    expect(await errorsOf({ repository: 'ok-repo', tags: '' })).toEqual([`input 'tags' = "": is required`]);
  });

  test('a missing context, a missing Dockerfile, a lifecycle policy that is not JSON', async () => {
    expect(await errorsOf({ repository: 'ok-repo', tags: 'v1', context: 'no-such-dir' })).toEqual([
      `input 'context' = "no-such-dir": must be an existing directory (${join(dir, 'no-such-dir')} is not)`,
    ]);
    expect(await errorsOf({ repository: 'ok-repo', tags: 'v1' })).toEqual([
      `input 'file' = "": no Dockerfile in the context: set it or add one (${join(dir, 'Dockerfile')} does not exist)`,
    ]);
    writeFileSync(join(dir, 'policy.json'), '{ rules: ');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const lines = await errorsOf({ repository: 'ok-repo', tags: 'v1', file: 'Other.dockerfile', 'lifecycle-policy': 'policy.json' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `input 'file' = "Other.dockerfile": must be an existing Dockerfile (${join(dir, 'Other.dockerfile')} does not exist)`,
    );
    expect(lines[1]).toMatch(/^input 'lifecycle-policy' = "policy.json": must hold JSON \(/);
  });
});
