import { CreateRepositoryCommand } from '@aws-sdk/client-ecr';
import { helloContext } from './support/build-push-ecr-contexts.js';
import { BuildPushWorld, expectOk } from './support/build-push-ecr-world.js';

/** The scan gate: wait for ECR's scan of the pushed digest, fail on findings at or above the threshold. */
describe('build-push-ecr scan gate against the local world', () => {
  let w: BuildPushWorld;

  beforeAll(async () => {
    w = await BuildPushWorld.start({ timeScale: 0.5 });
  }, 60_000);
  afterAll(async () => {
    await w?.stop();
  }, 60_000);

  const findings = [
    { name: 'CVE-2024-0001', severity: 'HIGH', description: 'openssl: something bad' },
    { name: 'CVE-2024-0002', severity: 'MEDIUM', description: 'zlib: something less bad' },
    { name: 'CVE-2024-0003', severity: 'LOW' },
  ];

  test('fails on findings at or above the threshold, lists them, and still publishes the digest', async () => {
    w.requireDocker();
    const ecr = w.ecr();
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'scanned-app', imageScanningConfiguration: { scanOnPush: true } }));
    ecr.destroy();
    await w.admin('ecr/setFindings', { repository: 'scanned-app', findings });
    const ctx = helloContext('scan me\n', w.scratch);
    const run = await w.run({ repository: 'scanned-app', tags: 'v1', context: ctx.dir, 'scan-severity-threshold': 'high' });
    expect(run.code).toBe(1);
    const [image] = await w.images('scanned-app');
    expect(run.outputs['image-digest']).toBe(image!.imageDigest);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      `::error::build-push-ecr: scan gate failed for ${run.outputs['image-uri-digest']!}: 1 finding(s) at or above HIGH: CVE-2024-0001 (HIGH)`,
    ]);
    expect(run.summary).toContain('### Findings at or above HIGH');
    expect(run.summary).toContain(
      '[CVE-2024-0001](https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2024-0001) | HIGH | openssl: something bad',
    );
    expect(run.summary).not.toContain('CVE-2024-0002');
    expect(run.summary).toMatch(/Scan \| FAILED: threshold HIGH; HIGH: 1, MEDIUM: 1, LOW: 1/);
    await w.post(run);
  });

  test('passes when every finding is below the threshold; starts the scan itself when the repository does not scan on push', async () => {
    w.requireDocker();
    const ecr = w.ecr();
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'manual-scan', imageScanningConfiguration: { scanOnPush: false } }));
    ecr.destroy();
    await w.admin('ecr/setFindings', { repository: 'manual-scan', findings });
    const ctx = helloContext('scan me too\n', w.scratch);
    const run = await w.run({ repository: 'manual-scan', tags: 'v1', context: ctx.dir, 'scan-severity-threshold': 'CRITICAL' });
    expectOk(run);
    expect(run.summary).toMatch(/Scan \| passed: threshold CRITICAL; HIGH: 1, MEDIUM: 1, LOW: 1; waited \d+\.\d s/);
    expect(w.world.gateway.requests.filter((r) => r.operation === 'StartImageScan').map((r) => r.status)).toEqual([200]);
    await w.post(run);
  });
});
