import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteTagsCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListTagsCommand,
  UpdateEndpointCommand,
  type CreateEndpointConfigCommandInput,
  type DescribeEndpointCommandOutput,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { ActionFailure, inputConflict, type Logger } from '@mlops-actions/action-kit';
import type { DeployClients } from './deploy-clients.js';
import type { DeployInputs } from './deploy-inputs.js';
import { applyScaling, deregister, scalableTarget } from './endpoint-autoscaling.js';
import { planDeployment, type CurrentState, type DeploymentPlan, type VariantSpec } from './endpoint-plan.js';
import { SETTLED, waitForEndpoint, type TimelineEntry } from './endpoint-waiter.js';
import { cleanupConfigs, type CleanupResult } from './config-cleanup.js';
import { lineageTags, TAG } from './lineage-tags.js';
import { explainAwsError, isNotFound } from './aws-errors.js';
import { ROLLBACK_TAG } from './rollback-tags.js';

export type DeployStatus = 'succeeded' | 'rolled-back' | 'superseded' | 'failed' | 'timed-out' | 'planned' | 'smoke-failed';

export interface DeployResult {
  readonly status: DeployStatus;
  readonly plan: DeploymentPlan;
  readonly endpointArn: string;
  readonly servingConfig: string;
  readonly timeline: TimelineEntry[];
  readonly failureReason: string | undefined;
  readonly cleanup: CleanupResult | undefined;
  readonly smoke: string | undefined;
  readonly seconds: number;
}

export interface DeployOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Reads what serves now: the endpoint, its config and the config's tags (undefined parts when absent). */
export async function readCurrentState(
  clients: DeployClients,
  endpointName: string,
): Promise<CurrentState & { raw?: DescribeEndpointCommandOutput }> {
  let raw: DescribeEndpointCommandOutput;
  try {
    raw = await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  } catch (error) {
    if (isNotFound(error)) return {};
    throw error;
  }
  const configName = raw.EndpointConfigName!;
  const endpoint = { status: raw.EndpointStatus ?? 'Unknown', configName, failureReason: raw.FailureReason, arn: raw.EndpointArn! };
  try {
    const c = await clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
    const tags = (await clients.sagemaker.send(new ListTagsCommand({ ResourceArn: c.EndpointConfigArn! }))).Tags ?? [];
    return {
      raw,
      endpoint,
      config: {
        name: configName,
        variants: (c.ProductionVariants ?? []) as VariantSpec[],
        tags: tags.map((t) => ({ Key: t.Key!, Value: t.Value! })),
      },
    };
  } catch (error) {
    if (isNotFound(error)) return { raw, endpoint };
    throw error;
  }
}

/**
 * Creates or updates the endpoint as planned, waits for it, and reports honestly: success only when the endpoint is
 * InService *and* serving the new config. Lineage (including the previous config, the rollback target) is tagged on
 * the new config before the endpoint changes, so the way back is recorded even if the job dies mid-update.
 */
export async function deployEndpoint(
  inputs: DeployInputs,
  clients: DeployClients,
  logger: Logger,
  options: DeployOptions = {},
): Promise<DeployResult> {
  const env = options.env ?? process.env;
  const started = Date.now();
  const timeoutMs = inputs['timeout-minutes'] * 60_000;
  const pollMs = inputs['poll-seconds'] * 1000;
  const name = inputs['endpoint-name'];

  const current = await readCurrentState(clients, name);
  const plan = planDeployment(inputs, current);
  const result = (status: DeployStatus, extra: Partial<DeployResult> = {}): DeployResult => ({
    status,
    plan,
    endpointArn: current.endpoint?.arn ?? '',
    servingConfig: current.endpoint?.configName ?? '',
    timeline: [],
    failureReason: undefined,
    cleanup: undefined,
    smoke: undefined,
    seconds: (Date.now() - started) / 1000,
    ...extra,
  });
  if (current.endpoint?.status === 'Failed')
    throw new ActionFailure(
      `endpoint '${name}' is Failed (${current.endpoint.failureReason ?? 'no reason given'}); SageMaker only allows deleting it. Run the rollback action: it deletes and recreates the endpoint on its previous config.`,
      { status: 'failed', 'endpoint-name': name },
    );
  if (inputs['dry-run']) return result('planned');

  // Another change in progress (seen now, or started between our read and our update): wait for it within our
  // timeout, then plan again on top of what it left — never "Cannot update in-progress endpoint", never two at once.
  const afterOtherChange = async (seen: string): Promise<DeployResult> => {
    logger.info(`${name} ${seen}: waiting for the change in progress before deploying`);
    const left = Math.max(0, timeoutMs - (Date.now() - started));
    const waited = await waitForEndpoint(clients.sagemaker, name, { timeoutMs: left, pollMs, logger, sleep: options.sleep });
    if (waited.timedOut)
      return result('timed-out', {
        failureReason: `another change of ${name} was still ${waited.endpoint.EndpointStatus ?? ''} at the timeout`,
      });
    return deployEndpoint(
      { ...inputs, 'timeout-minutes': Math.max(0, timeoutMs - (Date.now() - started)) / 60_000 },
      clients,
      logger,
      options,
    );
  };
  if (current.endpoint && !SETTLED.has(current.endpoint.status)) return afterOtherChange(`is ${current.endpoint.status}`);

  // Rollback alarms must exist before we rely on them.
  const alarms = inputs['rollback-alarms'] ?? [];
  if (alarms.length > 0) {
    const found = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: alarms }));
    const names = new Set([...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].map((a) => a.AlarmName));
    const missing = alarms.filter((a) => !names.has(a));
    if (missing.length > 0)
      throw inputConflict(
        'rollback-alarms',
        missing.join(', '),
        'must name existing CloudWatch alarms (not found in this account and region)',
      );
  }

  if (plan.action === 'none') {
    logger.info(`${name} already serves ${plan.config.EndpointConfigName}: nothing to deploy`);
    return result('succeeded');
  }

  const tags = lineageTags(
    {
      endpoint: name,
      imageUri: inputs['image-uri'],
      modelDataUrl: inputs['model-data-url'],
      mlflowModel: inputs['model-name'],
      mlflowVersion: inputs['model-version'],
      runId: inputs['run-id'],
    },
    {
      ...(inputs.tags ?? {}),
      ...(plan.previousConfigName ? { [TAG.previousConfig]: plan.previousConfigName } : {}),
      ...(plan.baselineVariant ? { [TAG.baselineVariant]: plan.baselineVariant } : {}),
      ...(plan.candidateVariant ? { [TAG.candidateVariant]: plan.candidateVariant } : {}),
    },
    env,
  );
  await createIfMissing(clients, plan, tags, logger);

  // An instance-type change on a scaled variant needs the scalable target out of the way first.
  const rescale = new Map<string, { min: number; max: number }>();
  if (plan.action === 'update') {
    for (const v of plan.config.ProductionVariants) {
      const before = current.config?.variants.find((c) => c.VariantName === v.VariantName);
      const bounds =
        before && before.InstanceType !== v.InstanceType ? await scalableTarget(clients.autoscaling, name, v.VariantName) : undefined;
      if (bounds) {
        await deregister(clients.autoscaling, name, v.VariantName, logger);
        rescale.set(v.VariantName, bounds);
      }
    }
  }

  const endpointTags = [
    ...tags.filter((t) => t.Key !== TAG.previousConfig),
    ...(plan.previousConfigName ? [{ Key: TAG.previousConfig, Value: plan.previousConfigName }] : []),
  ];
  let endpointArn = current.endpoint?.arn ?? '';
  if (plan.action === 'create') {
    logger.info(`creating endpoint ${name} on ${plan.config.EndpointConfigName}`);
    endpointArn = (
      await clients.sagemaker.send(
        new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: plan.config.EndpointConfigName, Tags: endpointTags }),
      )
    ).EndpointArn!;
  } else {
    logger.info(`updating endpoint ${name}: ${plan.previousConfigName ?? ''} → ${plan.config.EndpointConfigName} (${plan.strategy})`);
    try {
      await clients.sagemaker.send(
        new UpdateEndpointCommand({
          EndpointName: name,
          EndpointConfigName: plan.config.EndpointConfigName,
          DeploymentConfig: plan.deploymentConfig,
        }),
      );
    } catch (error) {
      if (!/in-progress endpoint/i.test(error instanceof Error ? error.message : '')) throw error;
      return afterOtherChange('started changing after we read it');
    }
    await clients.sagemaker.send(new AddTagsCommand({ ResourceArn: endpointArn, Tags: endpointTags }));
    // A new deployment supersedes any earlier rollback marks (the rollback action's "nothing to undo" check reads them).
    await clients.sagemaker.send(new DeleteTagsCommand({ ResourceArn: endpointArn, TagKeys: Object.values(ROLLBACK_TAG) }));
  }

  const waited = await waitForEndpoint(clients.sagemaker, name, {
    timeoutMs: Math.max(0, timeoutMs - (Date.now() - started)),
    pollMs,
    logger,
    sleep: options.sleep,
  });
  const final = waited.endpoint;
  const base = {
    endpointArn,
    servingConfig: final.EndpointConfigName ?? '',
    timeline: waited.timeline,
    failureReason: final.FailureReason,
  };
  if (waited.timedOut) return result('timed-out', base);
  if (final.EndpointStatus !== 'InService') return result('failed', base);
  if (final.EndpointConfigName !== plan.config.EndpointConfigName)
    // Back on the previous config: SageMaker rolled us back. On a third config: another deployment replaced ours.
    return result(plan.action === 'update' && final.EndpointConfigName !== plan.previousConfigName ? 'superseded' : 'rolled-back', base);

  // Scaling asked for now applies to every variant; otherwise a target deregistered for the instance change comes back
  // with the bounds it had.
  const min = inputs['autoscaling-min'];
  const max = inputs['autoscaling-max'];
  const targets: [string, { min: number; max: number }][] =
    min !== undefined && max !== undefined ? plan.config.ProductionVariants.map((v) => [v.VariantName, { min, max }]) : [...rescale];
  for (const [variant, bounds] of targets) {
    await applyScaling(
      clients.autoscaling,
      name,
      variant,
      { ...bounds, targetInvocations: inputs['autoscaling-target-invocations'] },
      logger,
    );
  }

  let smoke: string | undefined;
  if (inputs['smoke-payload'] !== undefined) {
    try {
      const out = await clients.runtime.send(
        new InvokeEndpointCommand({
          EndpointName: name,
          Body: Buffer.from(inputs['smoke-payload']),
          ContentType: inputs['smoke-content-type'],
        }),
      );
      smoke = `${out.InvokedProductionVariant ?? ''} answered ${Buffer.from(out.Body ?? new Uint8Array())
        .toString('utf8')
        .slice(0, 200)}`;
      logger.info(`smoke test: ${smoke}`);
    } catch (error) {
      return result('smoke-failed', { ...base, smoke: explainAwsError(error) });
    }
  }
  const cleanup = await cleanupConfigs(
    clients.sagemaker,
    name,
    [plan.config.EndpointConfigName, plan.previousConfigName],
    inputs['keep-configs'],
    logger,
  );
  return result('succeeded', { ...base, smoke, cleanup });
}

async function createIfMissing(
  clients: DeployClients,
  plan: DeploymentPlan,
  tags: { Key: string; Value: string }[],
  logger: Logger,
): Promise<void> {
  const exists = async (probe: () => Promise<unknown>): Promise<boolean> => {
    try {
      await probe();
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };
  if (await exists(() => clients.sagemaker.send(new DescribeModelCommand({ ModelName: plan.model.ModelName }))))
    logger.info(`model ${plan.model.ModelName} exists: reused`);
  else {
    await clients.sagemaker.send(new CreateModelCommand({ ...plan.model, Tags: tags.filter((t) => t.Key !== TAG.previousConfig) }));
    logger.info(`created model ${plan.model.ModelName}`);
  }
  if (await exists(() => clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: plan.config.EndpointConfigName }))))
    logger.info(`endpoint config ${plan.config.EndpointConfigName} exists: reused`);
  else {
    // The plan's variant shapes are the API's; instance types are validated by the input layer, not by the SDK's enum.
    await clients.sagemaker.send(new CreateEndpointConfigCommand({ ...plan.config, Tags: tags } as CreateEndpointConfigCommandInput));
    logger.info(`created endpoint config ${plan.config.EndpointConfigName}`);
  }
}
