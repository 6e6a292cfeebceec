import { inputConflict } from '@mlops-actions/action-kit';
import type { DeployInputs } from './deploy-inputs.js';
import { contentHash, resourceName } from './resource-names.js';

export interface VariantSpec {
  VariantName: string;
  ModelName: string;
  InitialVariantWeight: number;
  InstanceType?: string;
  InitialInstanceCount?: number;
  ServerlessConfig?: { MemorySizeInMB: number; MaxConcurrency: number };
}

export interface ModelSpec {
  ModelName: string;
  ExecutionRoleArn: string;
  PrimaryContainer: {
    Image: string;
    ModelDataUrl?: string;
    ModelDataSource?: { S3DataSource: { S3Uri: string; S3DataType: 'S3Prefix'; CompressionType: 'None' } };
    Environment?: Record<string, string>;
  };
}

export interface DeploymentConfigSpec {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: {
      Type: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR';
      WaitIntervalInSeconds: number;
      CanarySize?: { Type: 'CAPACITY_PERCENT'; Value: number };
      LinearStepSize?: { Type: 'CAPACITY_PERCENT'; Value: number };
    };
    TerminationWaitInSeconds: number;
    MaximumExecutionTimeoutInSeconds: number;
  };
  AutoRollbackConfiguration?: { Alarms: { AlarmName: string }[] };
}

/** What is serving now, as read from SageMaker before anything changes. */
export interface CurrentState {
  endpoint?: { status: string; configName: string; failureReason?: string | undefined; arn: string };
  config?: { name: string; variants: VariantSpec[]; tags: { Key: string; Value: string }[] };
}

export interface DeploymentPlan {
  endpointName: string;
  action: 'create' | 'update' | 'none';
  strategy: DeployInputs['strategy'];
  model: ModelSpec;
  config: { EndpointConfigName: string; ProductionVariants: VariantSpec[]; DataCaptureConfig?: Record<string, unknown> };
  previousConfigName: string | undefined;
  deploymentConfig: DeploymentConfigSpec | undefined;
  baselineVariant: string | undefined;
  candidateVariant: string | undefined;
  diff: { field: string; before: string; after: string }[];
}

export const CANDIDATE_VARIANT = 'Candidate';

/** A pure function of the inputs and the current state: what deploy-endpoint will create, update and shift. */
export function planDeployment(inputs: DeployInputs, current: CurrentState): DeploymentPlan {
  const endpointName = inputs['endpoint-name'];
  const dataUrl = inputs['model-data-url'];
  const container: ModelSpec['PrimaryContainer'] = { Image: inputs['image-uri'] };
  if (dataUrl?.endsWith('/'))
    container.ModelDataSource = { S3DataSource: { S3Uri: dataUrl, S3DataType: 'S3Prefix', CompressionType: 'None' } };
  else if (dataUrl) container.ModelDataUrl = dataUrl;
  if (inputs.environment && Object.keys(inputs.environment).length > 0) container.Environment = inputs.environment;
  const modelName = resourceName(endpointName, 'model', contentHash({ container, role: inputs['role-arn'] }));
  const model: ModelSpec = { ModelName: modelName, ExecutionRoleArn: inputs['role-arn'], PrimaryContainer: container };

  const serverless =
    inputs['serverless-memory-mb'] !== undefined
      ? { MemorySizeInMB: Number(inputs['serverless-memory-mb']), MaxConcurrency: inputs['serverless-max-concurrency'] ?? 1 }
      : undefined;
  const newVariant = (name: string, weight: number): VariantSpec =>
    serverless
      ? { VariantName: name, ModelName: modelName, InitialVariantWeight: weight, ServerlessConfig: serverless }
      : {
          VariantName: name,
          ModelName: modelName,
          InitialVariantWeight: weight,
          InstanceType: inputs['instance-type'],
          InitialInstanceCount: inputs['instance-count'],
        };

  let variants: VariantSpec[];
  let baselineVariant: string | undefined;
  let candidateVariant: string | undefined;
  if (inputs.strategy === 'ab') {
    if (!current.endpoint || !current.config)
      throw inputConflict(
        'strategy',
        'ab',
        `needs an existing endpoint '${endpointName}' to put the candidate beside; deploy it first with all-at-once`,
      );
    const tagged = current.config.tags.find((t) => t.Key === 'mlops:baseline-variant')?.Value;
    const baseline = current.config.variants.find((v) => v.VariantName === tagged) ?? current.config.variants[0]!;
    const w = inputs['candidate-weight'] / 100;
    baselineVariant = baseline.VariantName;
    candidateVariant = baseline.VariantName === CANDIDATE_VARIANT ? `${CANDIDATE_VARIANT}2` : CANDIDATE_VARIANT;
    variants = [{ ...baseline, InitialVariantWeight: round(1 - w) }, newVariant(candidateVariant, round(w))];
  } else {
    variants = [newVariant(inputs['variant-name'], 1)];
  }

  const captureUri = inputs['data-capture-s3-uri'];
  const dataCapture = captureUri
    ? {
        EnableCapture: true,
        InitialSamplingPercentage: inputs['data-capture-percent'],
        DestinationS3Uri: `s3://${captureUri.bucket}/${captureUri.key}`,
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      }
    : undefined;
  const configName = resourceName(endpointName, 'config', contentHash({ variants, dataCapture }));
  const config = {
    EndpointConfigName: configName,
    ProductionVariants: variants,
    ...(dataCapture ? { DataCaptureConfig: dataCapture } : {}),
  };

  const action = !current.endpoint ? 'create' : current.endpoint.configName === configName ? 'none' : 'update';
  return {
    endpointName,
    action,
    strategy: inputs.strategy,
    model,
    config,
    previousConfigName: action === 'create' ? undefined : current.endpoint?.configName,
    deploymentConfig: action === 'update' && !serverless ? deploymentConfig(inputs) : undefined,
    baselineVariant,
    candidateVariant,
    diff: diffVariants(current.config?.variants ?? [], variants, current.endpoint?.configName ?? '', configName),
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Blue/green settings; SageMaker's execution limit covers every bake and the termination wait, within its 600..28800 s bounds. */
export function deploymentConfig(inputs: DeployInputs): DeploymentConfigSpec {
  const wait = inputs['wait-interval-seconds'];
  const steps = inputs.strategy === 'canary' ? 1 : inputs.strategy === 'linear' ? Math.ceil(100 / inputs['linear-step-percent']) - 1 : 0;
  const needed = steps * wait + inputs['termination-wait-seconds'] + 600;
  const routing: DeploymentConfigSpec['BlueGreenUpdatePolicy']['TrafficRoutingConfiguration'] =
    inputs.strategy === 'canary'
      ? { Type: 'CANARY', WaitIntervalInSeconds: wait, CanarySize: { Type: 'CAPACITY_PERCENT', Value: inputs['canary-percent'] } }
      : inputs.strategy === 'linear'
        ? {
            Type: 'LINEAR',
            WaitIntervalInSeconds: wait,
            LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: inputs['linear-step-percent'] },
          }
        : { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 };
  const alarms = inputs['rollback-alarms'] ?? [];
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: routing,
      TerminationWaitInSeconds: inputs['termination-wait-seconds'],
      MaximumExecutionTimeoutInSeconds: Math.min(28800, Math.max(600, needed)),
    },
    ...(alarms.length > 0 ? { AutoRollbackConfiguration: { Alarms: alarms.map((AlarmName) => ({ AlarmName })) } } : {}),
  };
}

function describeVariant(v: VariantSpec | undefined): string {
  if (!v) return '';
  const size = v.ServerlessConfig
    ? `serverless ${v.ServerlessConfig.MemorySizeInMB} MB ×${v.ServerlessConfig.MaxConcurrency}`
    : `${v.InitialInstanceCount ?? 1} × ${v.InstanceType ?? ''}`;
  return `${v.ModelName}, ${size}, weight ${v.InitialVariantWeight}`;
}

function diffVariants(before: VariantSpec[], after: VariantSpec[], beforeName: string, afterName: string): DeploymentPlan['diff'] {
  const out: DeploymentPlan['diff'] = [];
  if (beforeName !== afterName) out.push({ field: 'endpoint config', before: beforeName, after: afterName });
  const names = [...new Set([...before.map((v) => v.VariantName), ...after.map((v) => v.VariantName)])];
  for (const name of names) {
    const b = describeVariant(before.find((v) => v.VariantName === name));
    const a = describeVariant(after.find((v) => v.VariantName === name));
    if (a !== b) out.push({ field: `variant ${name}`, before: b, after: a });
  }
  return out;
}
