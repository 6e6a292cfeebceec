import { ActionFailure, type ActionIO } from '@mlops-actions/action-kit';
import { STATE, checkBuildFiles, closeDockerSession, readBuildInputs } from '@mlops-actions/image-build';
import { trackingSettings } from '@mlops-actions/mlflow';
import { readExportInputs } from '@mlops-actions/model-export';
import { readDeployInputs } from '@mlops-actions/sagemaker';
import { readRootInputs } from './root-inputs.js';

const EXPORT_INPUTS = ['model-uri', 'tracking-uri', 's3-prefix', 'compression'];
const BUILD_INPUTS = ['repository', 'tags', 'context', 'file', 'region'];
const DEPLOY_INPUTS = [
  'endpoint-name',
  'role-arn',
  'instance-type',
  'instance-count',
  'strategy',
  'rollback-alarms',
  'timeout-minutes',
  'poll-seconds',
  'smoke-payload',
  'smoke-content-type',
  'region',
];

/**
 * The root action: export-mlflow-model, then (optionally) build-push-ecr, then deploy-endpoint with a smoke test,
 * composed in-process from the same packages. Every part's inputs are validated by its own reader before the first
 * remote call; outputs chain from one part to the next exactly as the example workflow chains the separate actions.
 */
export async function main(io: ActionIO): Promise<Record<string, string>> {
  if (io.getState(STATE.isPost) === 'true') return post(io);
  const mask = (secret: string): void => io.setSecret(secret);
  const raw = (name: string): string | undefined => io.input(name);
  const only =
    (names: string[], overrides: Record<string, string | undefined> = {}) =>
    (name: string): string | undefined =>
      name in overrides ? overrides[name] : names.includes(name) ? raw(name) : undefined;

  const inputs = readRootInputs(raw, mask);
  const exportInputs = readExportInputs(only(EXPORT_INPUTS), mask);
  const buildInputs = inputs.repository === undefined ? undefined : readBuildInputs(only(BUILD_INPUTS), mask);
  const buildFiles = buildInputs && checkBuildFiles(buildInputs);
  // The deployment's own checks, run now with stand-ins for what the earlier parts will produce.
  readDeployInputs(
    only(DEPLOY_INPUTS, {
      'image-uri': inputs['image-uri'] ?? '000000000000.dkr.ecr.us-east-1.amazonaws.com/image:tag',
      'model-data-url': 's3://stand-in/model.tar.gz',
    }),
    mask,
  );
  const tracking = trackingSettings(inputs['tracking-uri'], process.env, mask);

  const exporter = await import('@mlops-actions/model-export/export');
  const exported = await io.group('export-mlflow-model', () => exporter.runExport(exportInputs, tracking, io));
  await io.summary(exporter.exportSummary(exported));
  const exportedOutputs = exporter.exportOutputs(exported);

  let image = inputs['image-uri'];
  if (buildInputs && buildFiles) {
    io.saveState(STATE.isPost, 'true');
    io.saveState(STATE.logout, 'true');
    const { DockerRunner } = await import('@mlops-actions/image-build');
    const run = await import('@mlops-actions/image-build/run');
    const clients = { ecr: run.ecrClient(buildInputs.region), docker: new DockerRunner(process.env) };
    try {
      const built = await io.group('build-push-ecr', () =>
        run.buildAndPush(buildInputs, buildFiles, clients, io, {
          env: process.env,
          mask,
          onSession: (dockerConfig, registry) => {
            io.saveState(STATE.dockerConfig, dockerConfig);
            io.saveState(STATE.registry, registry);
          },
        }),
      );
      await io.summary(run.buildSummary(built));
      image = built.imageUriDigest ?? built.imageUri;
    } finally {
      clients.ecr.destroy();
    }
  }

  const deployInputs = readDeployInputs(
    only(DEPLOY_INPUTS, {
      'image-uri': image,
      'model-data-url': exported.modelDataUrl,
      'model-name': exportedOutputs['model-name'] || undefined,
      'model-version': exportedOutputs['model-version'] || undefined,
      'run-id': exportedOutputs['run-id'] || undefined,
    }),
    mask,
  );
  const deployer = await import('@mlops-actions/sagemaker/deploy');
  const clients = deployer.createDeployClients(deployInputs.region);
  const deployed = await io.group('deploy-endpoint', () => deployer.deployEndpoint(deployInputs, clients, io));
  await io.summary(deployer.deploySummary(deployed, await clients.sagemaker.config.region()));
  const outputs = {
    'model-data-url': exported.modelDataUrl,
    'model-name': exportedOutputs['model-name'] ?? '',
    'model-version': exportedOutputs['model-version'] ?? '',
    'run-id': exportedOutputs['run-id'] ?? '',
    sha256: exported.sha256,
    'image-uri-digest': image ?? '',
    'endpoint-arn': deployed.endpointArn,
    'endpoint-config-name': deployed.servingConfig,
    'previous-endpoint-config-name': deployed.plan.previousConfigName ?? '',
    status: deployed.status,
  };
  if (deployed.status !== 'succeeded')
    throw new ActionFailure(
      `deploying ${inputs['endpoint-name']} ended ${deployed.status}${deployed.failureReason ? `: ${deployed.failureReason}` : ''}${deployed.smoke ? `: ${deployed.smoke}` : ''}`,
      outputs,
    );
  return outputs;
}

/** The post step (always): removes the ECR login of the build part, if there was one. */
async function post(io: ActionIO): Promise<Record<string, string>> {
  const dockerConfig = io.getState(STATE.dockerConfig);
  const said = await closeDockerSession(
    dockerConfig === '' ? undefined : { dockerConfig, registry: io.getState(STATE.registry), logout: true },
    io,
  );
  io.info(`mlops-actions post: ${said}`);
  return {};
}
