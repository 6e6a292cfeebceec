import { readDeployInputs } from '../src/deploy-inputs.js';
import { deploymentConfig, planDeployment } from '../src/endpoint-plan.js';
import { resourceName } from '../src/resource-names.js';

const inputs = (extra: Record<string, string> = {}) =>
  readDeployInputs(
    (name) =>
      ({
        'endpoint-name': 'bikeshare-staging',
        'image-uri': '012345678901.dkr.ecr.ca-central-1.amazonaws.com/mlflow-pyfunc@sha256:' + 'a'.repeat(64),
        'model-data-url': 's3://bucket/models/bikeshare/v7-abc/model.tar.gz',
        'role-arn': 'arn:aws:iam::012345678901:role/exec',
        ...extra,
      })[name],
  );

describe('planDeployment', () => {
  it('names the model and config from their content, so a re-run reuses them', () => {
    const a = planDeployment(inputs(), {});
    const b = planDeployment(inputs(), {});
    expect(a.model.ModelName).toBe(b.model.ModelName);
    expect(a.config.EndpointConfigName).toMatch(/^bikeshare-staging-c-[0-9a-f]{10}$/);
    expect(planDeployment(inputs({ 'instance-count': '2' }), {}).config.EndpointConfigName).not.toBe(a.config.EndpointConfigName);
    expect(a.action).toBe('create');
    expect(a.deploymentConfig).toBeUndefined();
  });

  it('keeps names within 63 characters and SageMaker’s rule', () => {
    const name = resourceName('e'.repeat(63), 'config', '0123456789');
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/);
  });

  it('uses ModelDataSource without compression for an S3 prefix', () => {
    const plan = planDeployment(inputs({ 'model-data-url': 's3://bucket/models/bikeshare/v7-abc/' }), {});
    expect(plan.model.PrimaryContainer.ModelDataSource).toEqual({
      S3DataSource: { S3Uri: 's3://bucket/models/bikeshare/v7-abc/', S3DataType: 'S3Prefix', CompressionType: 'None' },
    });
    expect(plan.model.PrimaryContainer.ModelDataUrl).toBeUndefined();
  });

  it('plans nothing when the endpoint already serves the planned config', () => {
    const first = planDeployment(inputs(), {});
    const again = planDeployment(inputs(), { endpoint: { status: 'InService', configName: first.config.EndpointConfigName, arn: 'arn' } });
    expect(again.action).toBe('none');
  });

  it('refuses ab without an endpoint to put the candidate beside', () => {
    expect(() => planDeployment(inputs({ strategy: 'ab' }), {})).toThrow(
      `input 'strategy' = "ab": needs an existing endpoint 'bikeshare-staging'`,
    );
  });

  it('gives SageMaker an execution limit covering every bake, within 600..28800 s', () => {
    const linear = deploymentConfig(
      inputs({ strategy: 'linear', 'linear-step-percent': '25', 'wait-interval-seconds': '600', 'termination-wait-seconds': '300' }),
    );
    expect(linear.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds).toBe(3 * 600 + 300 + 600);
    expect(deploymentConfig(inputs()).BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds).toBe(600);
    expect(
      deploymentConfig(inputs({ strategy: 'canary', 'wait-interval-seconds': '3600' })).BlueGreenUpdatePolicy
        .MaximumExecutionTimeoutInSeconds,
    ).toBe(4200);
  });
});
