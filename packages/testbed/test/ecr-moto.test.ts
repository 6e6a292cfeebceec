import { Gateway } from '../src/gateway.js';
import { startRegistry, type StartedRegistry } from '../src/registry/index.js';
import { awsCli, cliErrorCode, startMoto, type CliResult } from '../src/registry/testing.js';
import { createEcr } from '../src/services/ecr.js';
import { SimClock } from '../src/sim-clock.js';

/** The same AWS CLI calls against moto_server and the world: same shapes, same error codes. */
describe('ECR differential against moto', () => {
  let reg: StartedRegistry;
  let gw: Gateway;
  let moto: { url: string; stop(): Promise<void> };
  const clock = new SimClock(0.1);

  beforeAll(async () => {
    [reg, moto] = await Promise.all([startRegistry(), startMoto()]);
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
    clock.stop();
    await gw?.close();
    await reg?.stop();
    await moto?.stop();
  });

  /** The structure of a value: keys and JSON types, not the values. */
  const shape = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shape);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => [k, shape(x)]),
      );
    return typeof v;
  };
  const both = async (args: string[]): Promise<[CliResult, CliResult]> => await Promise.all([awsCli(moto.url, args), awsCli(gw.url, args)]);

  test('CreateRepository, DescribeRepositories, GetAuthorizationToken: same shapes and error codes', async () => {
    const create = [
      'ecr',
      'create-repository',
      '--repository-name',
      'diff/app',
      '--image-tag-mutability',
      'IMMUTABLE',
      '--image-scanning-configuration',
      'scanOnPush=true',
    ];
    const [mc, wc] = await both(create);
    expect(wc.code).toBe(0);
    expect(shape(wc.json)).toEqual(shape(mc.json));
    const mr = (mc.json as { repository: Record<string, unknown> }).repository;
    const wr = (wc.json as { repository: Record<string, unknown> }).repository;
    for (const key of [
      'repositoryArn',
      'registryId',
      'repositoryName',
      'imageTagMutability',
      'imageScanningConfiguration',
      'encryptionConfiguration',
    ]) {
      expect([key, wr[key]]).toEqual([key, mr[key]]);
    }
    expect(String(wr.repositoryUri).endsWith('/diff/app')).toBe(true);

    const errors = await Promise.all([
      both(create),
      both(['ecr', 'create-repository', '--repository-name', 'Upper/Case']),
      both(['ecr', 'describe-repositories', '--repository-names', 'does-not-exist']),
    ]);
    for (const [m, w] of errors) {
      expect(m.code).not.toBe(0);
      expect(cliErrorCode(w)).toBe(cliErrorCode(m));
    }
    expect(errors.map(([, w]) => cliErrorCode(w))).toEqual([
      'RepositoryAlreadyExistsException',
      'InvalidParameterException',
      'RepositoryNotFoundException',
    ]);
    // moto and ECR word these the same.
    expect(errors[0][1].stderr.trim()).toBe(errors[0][0].stderr.trim());
    expect(errors[2][1].stderr.trim()).toBe(errors[2][0].stderr.trim());

    const [md, wd] = await both(['ecr', 'describe-repositories']);
    expect(shape(wd.json)).toEqual(shape(md.json));

    const [mt, wt] = await both(['ecr', 'get-authorization-token']);
    expect(shape(wt.json)).toEqual(shape(mt.json));
    const decoded = (r: CliResult): string[] =>
      Buffer.from((r.json as { authorizationData: { authorizationToken: string }[] }).authorizationData[0]!.authorizationToken, 'base64')
        .toString()
        .split(':');
    expect(decoded(wt)[0]).toBe(decoded(mt)[0]);
  });
});
