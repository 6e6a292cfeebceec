// The local world as the demo uses it: started fast (small delays), with the bucket, the production alarms, traffic
// through the SageMaker runtime, the model's own metrics, and a prebuilt image when there is no Docker engine.
import { execFile } from 'node:child_process';
import { CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { startWorld, type World } from '@mlops-actions/testbed';
import { pushSmallImage } from './demo-image.js';

const MINUTE = 60_000;

export const DOCKER_HINT = [
  'No Docker engine: build-push-ecr needs one to build the image. Start one (as root) with:',
  '  sudo dockerd --storage-driver=vfs --iptables=false --bridge=none &',
  'then run the demo again. Meanwhile the demo pushes a prebuilt image over the registry HTTP API and runs the rest.',
];

export interface DemoWorld {
  readonly world: World;
  readonly env: Readonly<Record<string, string>>;
  admin(route: string, body?: unknown): Promise<unknown>;
  createBucket(name: string): Promise<void>;
  /** A one-layer image pushed as `docker push` would: the fallback for a machine without Docker. */
  pushPrebuiltImage(repository: string, tag: string): Promise<string>;
  putAlarms(endpoint: string): Promise<string[]>;
  /**
   * `count` invocations through the SDK's runtime client, 20 at a time. CloudWatch's clock is set `ageMinutes` back
   * meanwhile, so the data points fall before the gate's publication delay as if the traffic came earlier.
   */
  invoke(endpoint: string, count: number, ageMinutes: number): Promise<{ ok: number; errors: number; byVariant: Record<string, number> }>;
  /** The model's own metrics (Bikeshare/Model), 24 hours of them through PutMetricData, as the prediction job writes them. */
  putModelMetrics(endpoint: string, city: string): Promise<number>;
  weights(endpoint: string): Promise<Record<string, number>>;
  /** Removes the demo's images from a Docker engine it did not start (one it started goes away with its storage). */
  removeImages(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDemoWorld(log: (line: string) => void): Promise<DemoWorld> {
  // Delays are multiplied by the time scale: a create takes ~0.1 s, a canary's bake of N seconds takes N/10 s.
  const world = await startWorld({ docker: true, timeScale: 0.1 });
  const env = world.env;
  const region = env.AWS_REGION!;
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
  const s3 = new S3Client({ region, endpoint: env.AWS_ENDPOINT_URL_S3, credentials, forcePathStyle: true });
  const ecr = new ECRClient({ region, endpoint: env.AWS_ENDPOINT_URL_ECR, credentials });
  const cw = new CloudWatchClient({ region, endpoint: env.AWS_ENDPOINT_URL_CLOUDWATCH, credentials });
  const sm = new SageMakerClient({ region, endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER, credentials });
  const runtime = new SageMakerRuntimeClient({ region, endpoint: env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME, credentials, maxAttempts: 1 });
  const clients = [s3, ecr, cw, sm, runtime];

  const admin = async (route: string, body: unknown = {}): Promise<unknown> => {
    const res = await fetch(`${world.adminUrl}/${route}`, { method: 'POST', body: JSON.stringify(body) });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`world admin ${route}: HTTP ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  await admin('sagemaker/delays', { createMs: 1500, updateMs: 1000, weightsMs: 500, deleteMs: 300 });
  if (world.dockerUnavailable) for (const line of [...DOCKER_HINT, `(${world.dockerUnavailable})`]) log(line);

  return {
    world,
    env,
    admin,
    async createBucket(name) {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
    },
    async pushPrebuiltImage(repository, tag) {
      await ecr
        .send(new CreateRepositoryCommand({ repositoryName: repository, imageTagMutability: 'IMMUTABLE' }))
        .catch((error: unknown) => {
          if (!(error instanceof Error && error.name === 'RepositoryAlreadyExistsException')) throw error;
        });
      const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
      const password = Buffer.from(auth.authorizationToken!, 'base64').toString().slice('AWS:'.length);
      const digest = await pushSmallImage(auth.proxyEndpoint!, repository, tag, `bikeshare model server ${tag}\n`, password);
      return `${env.WORLD_REGISTRY!}/${repository}@${digest}`;
    },
    async putAlarms(endpoint) {
      const dims = [
        { Name: 'EndpointName', Value: endpoint },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ];
      const common = { Namespace: 'AWS/SageMaker', Dimensions: dims, Period: 60, EvaluationPeriods: 1, TreatMissingData: 'notBreaching' };
      const names = [`${endpoint}-invocation-5xx`, `${endpoint}-model-latency-p95`];
      await cw.send(
        new PutMetricAlarmCommand({
          ...common,
          AlarmName: names[0],
          MetricName: 'Invocation5XXErrors',
          Statistic: 'Sum',
          Threshold: 5,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
      await cw.send(
        new PutMetricAlarmCommand({
          ...common,
          AlarmName: names[1],
          MetricName: 'ModelLatency',
          ExtendedStatistic: 'p95',
          Threshold: 200_000, // microseconds
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
      return names;
    },
    async invoke(endpoint, count, ageMinutes) {
      const result = { ok: 0, errors: 0, byVariant: {} as Record<string, number> };
      await admin('cloudwatch/clock', { offsetMs: -ageMinutes * MINUTE });
      try {
        for (let done = 0; done < count; done += 20) {
          await Promise.all(
            Array.from({ length: Math.min(20, count - done) }, async (_, i) => {
              const hour = (done + i) % 24;
              const body = JSON.stringify({ dataframe_split: { columns: ['hour', 'temp', 'station_id'], data: [[hour, 12.5, 72]] } });
              try {
                const out = await runtime.send(
                  new InvokeEndpointCommand({ EndpointName: endpoint, Body: body, ContentType: 'application/json' }),
                );
                const variant = out.InvokedProductionVariant ?? '?';
                result.byVariant[variant] = (result.byVariant[variant] ?? 0) + 1;
                result.ok++;
              } catch {
                result.errors++;
              }
            }),
          );
        }
      } finally {
        await admin('cloudwatch/clock', { offsetMs: 0 });
      }
      return result;
    },
    async putModelMetrics(endpoint, city) {
      const now = Date.now();
      const dims = [
        { Name: 'EndpointName', Value: endpoint },
        { Name: 'City', Value: city },
      ];
      const at = (minutesAgo: number): Date => new Date(now - (3 + minutesAgo) * MINUTE);
      const data: MetricDatum[] = [];
      for (let h = 0; h < 24; h++) {
        data.push({ MetricName: 'PR-AUC-24h', Dimensions: dims, Value: 0.76 + (h % 5) / 100, Timestamp: at(h * 60) });
        data.push({ MetricName: 'F1-24h', Dimensions: dims, Value: 0.61 + (h % 3) / 100, Timestamp: at(h * 60) });
        data.push({ MetricName: 'PSI', Dimensions: dims, Value: 0.04 + (h % 4) / 100, Timestamp: at(h * 60) });
      }
      // The prediction job runs every 10 minutes: 144 heartbeats in 24 hours.
      for (let k = 0; k < 144; k++)
        data.push({ MetricName: 'PredictionHeartbeat', Dimensions: dims, Value: 1, Unit: 'Count', Timestamp: at(k * 10) });
      for (let i = 0; i < data.length; i += 500)
        await cw.send(new PutMetricDataCommand({ Namespace: 'Bikeshare/Model', MetricData: data.slice(i, i + 500) }));
      return data.length;
    },
    async weights(endpoint) {
      const d = await sm.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
      return Object.fromEntries((d.ProductionVariants ?? []).map((v) => [v.VariantName ?? '?', v.CurrentWeight ?? 0]));
    },
    async removeImages() {
      const docker = world.docker;
      if (!docker || docker.started) return;
      const registry = env.WORLD_REGISTRY!;
      const list = await dockerOut(docker.dockerCli, docker.env(), ['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
      const ids = list
        .split('\n')
        .filter((l) => l.startsWith(`${registry}/`))
        .map((l) => l.split(' ')[1]!);
      if (ids.length > 0) await dockerOut(docker.dockerCli, docker.env(), ['rmi', '--force', ...new Set(ids)]);
    },
    async stop() {
      for (const c of clients) c.destroy();
      await world.stop();
    },
  };
}

function dockerOut(cli: string, env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  return new Promise((resolve) => execFile(cli, args, { env, timeout: 30_000 }, (_error, stdout) => resolve(stdout)));
}
