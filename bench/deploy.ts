/**
 * npm run bench:deploy — with the world's provisioning delays at zero, times a create and an update of an endpoint
 * through deployEndpoint (the same code as the bundle) and counts the SageMaker calls each made, against the minimum
 * a deployment needs (describe, create model, create config, create/update endpoint).
 */
import { MemoryIO } from '@mlops-actions/action-kit';
import { readDeployInputs } from '@mlops-actions/sagemaker';
import { createDeployClients, deployEndpoint } from '@mlops-actions/sagemaker/deploy';
import { startWorld } from '@mlops-actions/testbed';

const world = await startWorld({ timeScale: 0, s3: false, registry: false, mlflow: false });
Object.assign(process.env, world.env);
const clients = createDeployClients(undefined);
const inputs = (tag: string) =>
  readDeployInputs(
    (name) =>
      ({
        'endpoint-name': 'bench-endpoint',
        'image-uri': `012345678901.dkr.ecr.us-east-1.amazonaws.com/mlflow-pyfunc:${tag}`,
        'model-data-url': `s3://bench/models/${tag}/model.tar.gz`,
        'role-arn': 'arn:aws:iam::012345678901:role/exec',
        'poll-seconds': '0.1',
      })[name],
  );
const rows: string[][] = [];
for (const [what, tag] of [
  ['create', 'a'],
  ['update', 'b'],
] as const) {
  world.gateway.requests.length = 0;
  const started = process.hrtime.bigint();
  const result = await deployEndpoint(inputs(tag), clients, new MemoryIO());
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const calls = world.gateway.requests.filter((r) => r.service === 'sagemaker');
  const describes = calls.filter((r) => r.operation === 'DescribeEndpoint').length;
  rows.push([what, result.status, ms.toFixed(0), String(calls.length), String(describes), calls.map((c) => c.operation).join(' ')]);
}
await world.stop();
console.log('| deployment | status | wall ms | SageMaker calls | DescribeEndpoint | calls |\n|---|---|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(
  '\nminimum needed: create = DescribeEndpoint + CreateModel + CreateEndpointConfig + CreateEndpoint (4); update adds DescribeEndpointConfig/ListTags of the current config',
);
