import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Gateway } from './gateway.js';
import { startMlflowServer, type MlflowServer, type MlflowServerOptions } from './mlflow/index.js';
import { startMoto, type MotoServer } from './moto.js';
import { findDockerEngine, startRegistry, type DockerEngine, type StartedRegistry } from './registry/index.js';
import { createAutoScaling, type AutoScalingSim } from './services/autoscaling.js';
import { createCloudWatch, type SimulatedCloudWatch } from './services/cloudwatch.js';
import { createEcr } from './services/ecr.js';
import { createRuntime, type VariantResponse } from './services/sagemaker-runtime.js';
import { createSageMaker, type SageMakerSim } from './services/sagemaker.js';
import { createSts } from './services/sts.js';
import { SimClock } from './sim-clock.js';

export interface WorldOptions {
  /** Multiplies every simulated delay (default 1: a new endpoint is InService in about 3 s). 0 makes them immediate. */
  timeScale?: number;
  region?: string;
  accountId?: string;
  /** S3 through moto_server (default true). */
  s3?: boolean;
  /** The real registry behind the ECR front (default true). */
  registry?: boolean;
  /** Find or start a Docker engine (default false: only image builds need it). */
  docker?: boolean;
  /** The MLflow server (default true), with its options. */
  mlflow?: boolean | MlflowServerOptions;
}

export interface World {
  /** Everything a client needs, as environment variables (also what `--env-file` writes). */
  readonly env: Readonly<Record<string, string>>;
  readonly adminUrl: string;
  readonly gateway: Gateway;
  readonly clock: SimClock;
  readonly sagemaker: SageMakerSim;
  readonly cloudwatch: SimulatedCloudWatch;
  readonly autoscaling: AutoScalingSim;
  readonly mlflow: MlflowServer | undefined;
  readonly docker: DockerEngine | undefined;
  /** Why no Docker engine could be had, when `docker` was asked for. */
  readonly dockerUnavailable: string | undefined;
  /** What a variant answers to InvokeEndpoint: key `<endpoint>/<variant>` or `<endpoint>/*`. */
  setVariantResponse(endpoint: string, variant: string, response: VariantResponse): void;
  stop(): Promise<void>;
}

/** Starts the whole local world on 127.0.0.1 with free ports; `stop()` stops everything it started. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '012345678901';
  const accessKeyId = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString('base64');
  const clock = new SimClock(options.timeScale ?? 1);
  const gateway = new Gateway({ accountId, region, accessKeyId });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    clock.stop();
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };

  try {
    const cloudwatch = createCloudWatch(clock);
    // The SageMaker control plane needs to know which variants are scaled; autoscaling needs SageMaker's endpoints.
    const scaling = { lookup: undefined as AutoScalingSim | undefined };
    const sagemaker = createSageMaker(clock, cloudwatch, { scaledVariants: (name) => scaling.lookup?.scaledVariants(name) ?? new Set() });
    const autoscaling = createAutoScaling(sagemaker.state);
    scaling.lookup = autoscaling;
    const runtime = createRuntime(sagemaker.state, cloudwatch);
    gateway.register(sagemaker);
    gateway.register(cloudwatch);
    gateway.alias('GraniteServiceVersion20100801', 'cloudwatch');
    gateway.register(autoscaling);
    gateway.register(createSts());
    gateway.addRawRoute(runtime.route);
    gateway.addAdminRoute('sagemaker-runtime/response', (body) => {
      const b = body as { endpoint: string; variant?: string } & VariantResponse;
      runtime.responses.set(`${b.endpoint}/${b.variant ?? '*'}`, b);
      return { ok: true };
    });

    // Start the processes side by side; whatever started is stopped again if another part fails.
    const none = Promise.resolve(undefined);
    const started = await Promise.allSettled([
      options.s3 === false ? none : startMoto(),
      options.registry === false ? none : startRegistry(),
      options.mlflow === false
        ? none
        : startMlflowServer({ timeScale: clock.timeScale, ...(typeof options.mlflow === 'object' ? options.mlflow : {}) }),
    ] as const);
    const [motoResult, registryResult, mlflowResult] = started;
    const moto: MotoServer | undefined = motoResult.status === 'fulfilled' ? motoResult.value : undefined;
    const registry: StartedRegistry | undefined = registryResult.status === 'fulfilled' ? registryResult.value : undefined;
    const mlflow: MlflowServer | undefined = mlflowResult.status === 'fulfilled' ? mlflowResult.value : undefined;
    if (moto) stops.push(() => moto.stop());
    if (registry) stops.push(() => registry.stop());
    if (mlflow) stops.push(() => mlflow.stop());
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (registry) {
      gateway.register(
        createEcr({
          registry: { url: registry.frontUrl, backendUrl: registry.backendUrl, storageDir: registry.storageDir, attach: registry.attach },
          password: registry.password,
          clock,
          accountId,
        }),
      );
    }

    let docker: DockerEngine | undefined;
    let dockerUnavailable: string | undefined;
    if (options.docker) {
      const found = await findDockerEngine();
      if (found.available) {
        docker = found;
        stops.push(() => found.stop());
      } else dockerUnavailable = found.reason;
    }

    const url = await gateway.listen();
    stops.push(() => gateway.close());
    const env: Record<string, string> = {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_SAGEMAKER: url,
      AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: url,
      AWS_ENDPOINT_URL_ECR: url,
      AWS_ENDPOINT_URL_CLOUDWATCH: url,
      AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING: url,
      AWS_ENDPOINT_URL_STS: url,
      WORLD_ADMIN_URL: `${url}/_world`,
      WORLD_ACCOUNT_ID: accountId,
    };
    if (moto) env.AWS_ENDPOINT_URL_S3 = moto.url;
    if (mlflow) env.MLFLOW_TRACKING_URI = mlflow.url;
    if (registry) env.WORLD_REGISTRY = registry.frontHost;
    if (docker?.dockerHost) env.DOCKER_HOST = docker.dockerHost;

    return {
      env,
      adminUrl: env.WORLD_ADMIN_URL!,
      gateway,
      clock,
      sagemaker,
      cloudwatch,
      autoscaling,
      mlflow,
      docker,
      dockerUnavailable,
      setVariantResponse: (endpoint, variant, response) => runtime.responses.set(`${endpoint}/${variant}`, response),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Writes the world's environment as a dotenv file. */
export function writeEnvFile(path: string, env: Readonly<Record<string, string>>): void {
  writeFileSync(
    path,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );
}
