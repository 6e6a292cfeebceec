import { writeFileSync, readFileSync } from 'node:fs';
import { startWorld, type World } from '@mlops-actions/testbed';
import { awsCli } from '../packages/testbed/test/support/aws-cli.js';
import { runBundle } from './support/run-bundle.js';

/** rollback's bundle against the local world, after deployments made by deploy-endpoint's bundle. */
describe('rollback against the local world', () => {
  let world: World;
  const account = '012345678901';
  const env = () => ({ ...world.env, GITHUB_ACTOR: 'octocat' });
  const deploy = (endpoint: string, tag: string, extra: Record<string, string> = {}) =>
    runBundle(
      'actions/deploy-endpoint',
      {
        'endpoint-name': endpoint,
        'image-uri': `${account}.dkr.ecr.us-east-1.amazonaws.com/mlflow-pyfunc:${tag}`,
        'model-data-url': `s3://models/${tag}/model.tar.gz`,
        'role-arn': `arn:aws:iam::${account}:role/exec`,
        'poll-seconds': '0.2',
        'model-version': tag.replace(/\D/g, '') || '1',
        ...extra,
      },
      env(),
    );
  const rollback = (inputs: Record<string, string>) =>
    runBundle('actions/rollback', { 'poll-seconds': '0.2', 'timeout-minutes': '1', ...inputs }, env());
  const sm = (args: string[]) => awsCli(world.env, world.env.AWS_ENDPOINT_URL_SAGEMAKER!, ['sagemaker', ...args]);
  const serving = async (endpoint: string) => (await sm(['describe-endpoint', '--endpoint-name', endpoint])).json;
  const admin = (route: string, body: unknown) => fetch(`${world.adminUrl}/${route}`, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    world = await startWorld({ s3: false, registry: false, mlflow: false });
    await admin('sagemaker/delays', { createMs: 300, updateMs: 300, weightsMs: 200, deleteMs: 200 });
  });
  afterAll(() => world.stop());

  it('A/B: puts all traffic back on the baseline, writes the incident; a second rollback has nothing to undo', async () => {
    expect((await deploy('ab-endpoint', 'v1')).code).toBe(0);
    expect((await deploy('ab-endpoint', 'v2', { strategy: 'ab', 'candidate-weight': '20' })).code).toBe(0);
    const gate = `${process.env.TMPDIR ?? '/tmp'}/gate-${process.pid}.json`;
    writeFileSync(gate, JSON.stringify({ verdict: 'fail', failed: ['p95-latency'] }));
    const run = await rollback({ 'endpoint-name': 'ab-endpoint', reason: 'p95 latency over budget', 'gate-report': gate });
    expect(run.stdout).not.toContain('::error::');
    expect(run.outputs['mode-used']).toBe('weights');
    expect(run.outputs['rolled-back-to']).toBe('AllTraffic');
    expect(run.outputs['rolled-back-from']).toBe('Candidate');
    const d = await serving('ab-endpoint');
    expect(d.ProductionVariants.map((v: any) => [v.VariantName, v.CurrentWeight])).toEqual([
      ['AllTraffic', 1],
      ['Candidate', 0],
    ]);
    const incident = JSON.parse(readFileSync(run.outputs['incident-report']!, 'utf8'));
    expect(incident).toMatchObject({
      endpoint: 'ab-endpoint',
      reason: 'p95 latency over budget',
      mode: 'weights',
      actor: 'octocat',
      gate: { verdict: 'fail' },
    });
    expect(run.summary).toContain('Was serving');
    const again = await rollback({ 'endpoint-name': 'ab-endpoint' });
    expect(again.code).toBe(0);
    expect(again.outputs['mode-used']).toBe('none');
    expect(again.stdout).toContain('nothing to undo');
  });

  it('config: returns to the previous config; repeating is safe; a rollback of the rollback is explicit', async () => {
    const first = await deploy('cfg-endpoint', 'v1');
    const second = await deploy('cfg-endpoint', 'v2');
    expect(second.outputs['previous-endpoint-config-name']).toBe(first.outputs['endpoint-config-name']);
    const run = await rollback({ 'endpoint-name': 'cfg-endpoint', reason: 'bad model' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      'mode-used': 'config',
      'rolled-back-to': first.outputs['endpoint-config-name'],
      'rolled-back-from': second.outputs['endpoint-config-name'],
    });
    expect((await serving('cfg-endpoint')).EndpointConfigName).toBe(first.outputs['endpoint-config-name']);
    const again = await rollback({ 'endpoint-name': 'cfg-endpoint' });
    expect(again.outputs['mode-used']).toBe('none');
    expect(again.stdout).toContain(`to undo that rollback, run again with to-endpoint-config: ${second.outputs['endpoint-config-name']!}`);
    const undo = await rollback({ 'endpoint-name': 'cfg-endpoint', 'to-endpoint-config': second.outputs['endpoint-config-name']! });
    expect(undo.outputs['mode-used']).toBe('config');
    expect((await serving('cfg-endpoint')).EndpointConfigName).toBe(second.outputs['endpoint-config-name']);
  });

  it('an update whose own rollback failed (UpdateRollbackFailed) is recreated on the previous config', async () => {
    const first = await deploy('failing-endpoint', 'v1');
    expect(first.code).toBe(0);
    await admin('sagemaker/fail-next', { operation: 'UpdateEndpoint', reason: 'Instance capacity lost.', rollbackFails: true });
    const broken = await deploy('failing-endpoint', 'v2');
    expect(broken.code).toBe(1);
    expect((await serving('failing-endpoint')).EndpointStatus).toBe('UpdateRollbackFailed');
    const run = await rollback({ 'endpoint-name': 'failing-endpoint', reason: 'update failed' });
    expect(run.stdout).not.toContain('::error::');
    expect(run.outputs['mode-used']).toBe('recreate');
    const d = await serving('failing-endpoint');
    expect([d.EndpointStatus, d.EndpointConfigName]).toEqual(['InService', first.outputs['endpoint-config-name']]);
  });

  it('recreates a Failed endpoint on the recorded config', async () => {
    expect((await deploy('dead-endpoint', 'v1')).code).toBe(0);
    const v2 = await deploy('dead-endpoint', 'v2');
    expect(v2.code).toBe(0);
    // Make the live endpoint Failed the way SageMaker can (here: through a failed re-create of the same name).
    await sm(['delete-endpoint', '--endpoint-name', 'dead-endpoint']);
    await new Promise((r) => setTimeout(r, 500));
    await admin('sagemaker/fail-next', { operation: 'CreateEndpoint', reason: 'Capacity error.' });
    await sm([
      'create-endpoint',
      '--endpoint-name',
      'dead-endpoint',
      '--endpoint-config-name',
      v2.outputs['endpoint-config-name']!,
      '--tags',
      `Key=mlops:previous-config,Value=${v2.outputs['previous-endpoint-config-name']!}`,
    ]);
    for (let i = 0; i < 50 && (await serving('dead-endpoint')).EndpointStatus !== 'Failed'; i++)
      await new Promise((r) => setTimeout(r, 100));
    const run = await rollback({ 'endpoint-name': 'dead-endpoint', reason: 'endpoint failed' });
    expect(run.stdout).not.toContain('::error::');
    expect(run.outputs['mode-used']).toBe('recreate');
    expect(run.stdout).toContain('SageMaker only allows deleting it');
    const d = await serving('dead-endpoint');
    expect(d.EndpointStatus).toBe('InService');
    expect(d.EndpointConfigName).toBe(v2.outputs['previous-endpoint-config-name']);
  });

  it('refuses clearly when the previous config was deleted, and when weights mode meets one variant', async () => {
    const first = await deploy('lost-endpoint', 'v1');
    await deploy('lost-endpoint', 'v2');
    await sm(['delete-endpoint-config', '--endpoint-config-name', first.outputs['endpoint-config-name']!]);
    const run = await rollback({ 'endpoint-name': 'lost-endpoint' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `the config to return to, '${first.outputs['endpoint-config-name']!}', no longer exists; configs that exist for 'lost-endpoint':`,
    );
    const weights = await rollback({ 'endpoint-name': 'lost-endpoint', mode: 'weights' });
    expect(weights.stdout).toContain(`input 'mode' = "weights": endpoint 'lost-endpoint' serves a single variant`);
    const unknown = await rollback({ 'endpoint-name': 'no-such-endpoint' });
    expect(unknown.stdout).toContain(`input 'endpoint-name' = "no-such-endpoint": no such endpoint`);
    const single = await deploy('single-endpoint', 'v1');
    expect(single.code).toBe(0);
    const none = await rollback({ 'endpoint-name': 'single-endpoint' });
    expect(none.stdout).toContain(`no previous config is recorded for 'single-endpoint'`);
  });
});
