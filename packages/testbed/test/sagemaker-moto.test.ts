import { startMoto, type MotoServer } from '../src/moto.js';
import { startWorld, type World } from '../src/world.js';
import { awsCli, type CliResult } from './support/aws-cli.js';

/**
 * The same AWS CLI calls against moto_server's SageMaker and the world's: CreateModel, CreateEndpointConfig,
 * CreateEndpoint, DescribeEndpoint(Config), UpdateEndpointWeightsAndCapacities — same fields and values where moto
 * implements them, and the same error codes for unknown resources (moto does not refuse duplicate models, so that
 * refusal is checked against SageMaker's documented behaviour in sagemaker.test.ts instead).
 */
describe('SageMaker differential against moto', () => {
  let world: World;
  let moto: MotoServer;
  const account = '123456789012';
  const env = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1' };

  beforeAll(async () => {
    [world, moto] = await Promise.all([
      startWorld({ timeScale: 0, accountId: account, s3: false, registry: false, mlflow: false }),
      startMoto(),
    ]);
    env.AWS_ACCESS_KEY_ID = world.env.AWS_ACCESS_KEY_ID!;
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
    await moto?.stop();
  });

  const both = (args: string[]): Promise<[CliResult, CliResult]> =>
    Promise.all([
      awsCli(env, moto.url, ['sagemaker', ...args]),
      awsCli({ ...env, ...world.env }, world.env.AWS_ENDPOINT_URL_SAGEMAKER!, ['sagemaker', ...args]),
    ]);
  const code = (r: CliResult): string | undefined => /\(([A-Za-z]+)\)/.exec(r.stderr)?.[1];
  const pick = (o: Record<string, unknown>, keys: string[]): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k, o[k]]));
  const role = `arn:aws:iam::${account}:role/exec`;
  const variants = (weightB: number) => [
    `VariantName=Baseline,ModelName=diff-model,InitialInstanceCount=1,InstanceType=ml.m5.large,InitialVariantWeight=${1 - weightB}`,
    `VariantName=Candidate,ModelName=diff-model,InitialInstanceCount=1,InstanceType=ml.m5.large,InitialVariantWeight=${weightB}`,
  ];

  async function settled(): Promise<[any, any]> {
    for (let i = 0; i < 50; i++) {
      const [m, w] = await both(['describe-endpoint', '--endpoint-name', 'diff-endpoint']);
      if (m.json?.EndpointStatus === 'InService' && w.json?.EndpointStatus === 'InService') return [m.json, w.json];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('diff-endpoint never InService on both');
  }

  it('creates a model, a two-variant config and an endpoint with the same results', async () => {
    const [mModel, wModel] = await both([
      'create-model',
      '--model-name',
      'diff-model',
      '--primary-container',
      'Image=123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1',
      '--execution-role-arn',
      role,
    ]);
    expect(wModel.json).toEqual(mModel.json);
    const [mConfig, wConfig] = await both([
      'create-endpoint-config',
      '--endpoint-config-name',
      'diff-config',
      '--production-variants',
      ...variants(0.2),
    ]);
    expect(wConfig.json).toEqual(mConfig.json);
    const [mEp, wEp] = await both(['create-endpoint', '--endpoint-name', 'diff-endpoint', '--endpoint-config-name', 'diff-config']);
    expect(wEp.json).toEqual(mEp.json);

    const [mc, wc] = await both(['describe-endpoint-config', '--endpoint-config-name', 'diff-config']);
    expect(pick(wc.json, ['EndpointConfigName', 'EndpointConfigArn'])).toEqual(pick(mc.json, ['EndpointConfigName', 'EndpointConfigArn']));
    const variant = (v: any) => pick(v, ['VariantName', 'ModelName', 'InitialInstanceCount', 'InstanceType', 'InitialVariantWeight']);
    expect(wc.json.ProductionVariants.map(variant)).toEqual(mc.json.ProductionVariants.map(variant));

    const [m, w] = await settled();
    expect(pick(w, ['EndpointName', 'EndpointArn', 'EndpointConfigName', 'EndpointStatus'])).toEqual(
      pick(m, ['EndpointName', 'EndpointArn', 'EndpointConfigName', 'EndpointStatus']),
    );
    const weights = (d: any) => d.ProductionVariants.map((v: any) => [v.VariantName, v.CurrentWeight, v.CurrentInstanceCount]);
    expect(weights(w)).toEqual(weights(m));
  });

  it('moves weights the same way', async () => {
    const [mu, wu] = await both([
      'update-endpoint-weights-and-capacities',
      '--endpoint-name',
      'diff-endpoint',
      '--desired-weights-and-capacities',
      'VariantName=Baseline,DesiredWeight=1',
      'VariantName=Candidate,DesiredWeight=0',
    ]);
    expect(wu.json).toEqual(mu.json);
    const [m, w] = await settled();
    const weights = (d: any) => d.ProductionVariants.map((v: any) => [v.VariantName, v.CurrentWeight]);
    expect(weights(w)).toEqual(weights(m));
    expect(weights(w)).toEqual([
      ['Baseline', 1],
      ['Candidate', 0],
    ]);
  });

  it('gives the same error codes for unknown resources', async () => {
    for (const args of [
      ['describe-endpoint', '--endpoint-name', 'nope'],
      ['describe-endpoint-config', '--endpoint-config-name', 'nope'],
      ['describe-model', '--model-name', 'nope'],
    ]) {
      const [m, w] = await both(args);
      expect({ args: args[0], world: code(w) }).toEqual({ args: args[0], world: code(m) });
    }
  });
});
