import {
  AddTagsCommand,
  CreateEndpointCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  ListEndpointConfigsCommand,
  ListTagsCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type DescribeEndpointCommandOutput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { ActionFailure, inputConflict, type Logger } from '@mlops-actions/action-kit';
import { isNotFound } from './aws-errors.js';
import { SETTLED, waitForEndpoint, type TimelineEntry } from './endpoint-waiter.js';
import { TAG, tagValue, type Tag } from './lineage-tags.js';
import type { RollbackInputs } from './rollback-inputs.js';
import { ROLLBACK_TAG } from './rollback-tags.js';

export type RollbackMode = 'weights' | 'config' | 'recreate' | 'none';

export interface ServingSnapshot {
  readonly config: string;
  readonly status: string;
  readonly variants: { name: string; weight: number }[];
}

export interface RollbackResult {
  readonly mode: RollbackMode;
  readonly from: string;
  readonly to: string;
  readonly before: ServingSnapshot;
  readonly after: ServingSnapshot;
  readonly message: string;
  readonly timeline: TimelineEntry[];
  /** The MLflow model version the restored config serves, from its lineage tags. */
  readonly restoredVersion: string | undefined;
  readonly seconds: number;
}

const snapshot = (d: DescribeEndpointCommandOutput): ServingSnapshot => ({
  config: d.EndpointConfigName ?? '',
  status: d.EndpointStatus ?? '',
  variants: (d.ProductionVariants ?? []).map((v) => ({ name: v.VariantName ?? '', weight: v.CurrentWeight ?? 0 })),
});

async function tagsOf(sagemaker: SageMakerClient, arn: string): Promise<Tag[]> {
  return ((await sagemaker.send(new ListTagsCommand({ ResourceArn: arn }))).Tags ?? []).map((t) => ({ Key: t.Key!, Value: t.Value! }));
}

async function configExists(sagemaker: SageMakerClient, name: string): Promise<{ arn: string } | undefined> {
  try {
    return { arn: (await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }))).EndpointConfigArn! };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function existingConfigs(sagemaker: SageMakerClient, endpoint: string): Promise<string[]> {
  const out = await sagemaker.send(
    new ListEndpointConfigsCommand({ NameContains: endpoint, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 20 }),
  );
  return (out.EndpointConfigs ?? []).map((c) => c.EndpointConfigName!);
}

/**
 * Undoes the last change of an endpoint: A/B weights back to the baseline (seconds, no redeploy), or the endpoint back
 * to the config recorded as its predecessor, or — for a Failed endpoint, which accepts only DeleteEndpoint — delete and
 * recreate on that config. Repeating it is safe: with nothing to undo it says so and changes nothing.
 */
export async function rollbackEndpoint(
  inputs: RollbackInputs,
  sagemaker: SageMakerClient,
  logger: Logger,
  sleep?: (ms: number) => Promise<void>,
): Promise<RollbackResult> {
  const started = Date.now();
  const name = inputs['endpoint-name'];
  const timeoutMs = inputs['timeout-minutes'] * 60_000;
  const wait = (timeout: number) =>
    waitForEndpoint(sagemaker, name, { timeoutMs: timeout, pollMs: inputs['poll-seconds'] * 1000, logger, sleep });
  const remaining = (): number => Math.max(0, timeoutMs - (Date.now() - started));

  let current: DescribeEndpointCommandOutput;
  try {
    current = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
  } catch (error) {
    if (isNotFound(error)) throw inputConflict('endpoint-name', name, 'no such endpoint in this account and region');
    throw error;
  }
  const timeline: TimelineEntry[] = [];
  if (!SETTLED.has(current.EndpointStatus ?? '')) {
    logger.info(`${name} is ${current.EndpointStatus ?? ''}: waiting for it to settle before rolling back`);
    const settled = await wait(remaining());
    timeline.push(...settled.timeline);
    if (settled.timedOut)
      throw new ActionFailure(`${name} was still ${settled.endpoint.EndpointStatus ?? ''} at the timeout; nothing was changed`, {
        'mode-used': 'none',
      });
    current = settled.endpoint;
  }
  const before = snapshot(current);
  const endpointTags = await tagsOf(sagemaker, current.EndpointArn!);
  const currentConfig = await configExists(sagemaker, before.config);
  const configTags = currentConfig ? await tagsOf(sagemaker, currentConfig.arn) : [];
  const done = (
    mode: RollbackMode,
    from: string,
    to: string,
    after: ServingSnapshot,
    message: string,
    restoredVersion?: string,
  ): RollbackResult => {
    logger.info(message);
    return { mode, from, to, before, after, message, timeline, restoredVersion, seconds: (Date.now() - started) / 1000 };
  };

  // Weights: an A/B endpoint whose candidate still takes traffic.
  const variants = before.variants;
  const baselineName = inputs['baseline-variant'] ?? tagValue(configTags, TAG.baselineVariant) ?? variants[0]?.name;
  const candidateName =
    inputs['candidate-variant'] ?? tagValue(configTags, TAG.candidateVariant) ?? variants.find((v) => v.name !== baselineName)?.name;
  const mode = inputs.mode;
  if (mode === 'weights' || (mode === 'auto' && variants.length > 1)) {
    if (variants.length < 2)
      throw inputConflict('mode', 'weights', `endpoint '${name}' serves a single variant (${variants[0]?.name ?? ''}); use mode config`);
    for (const [input, variant] of [
      ['baseline-variant', baselineName],
      ['candidate-variant', candidateName],
    ] as const) {
      if (!variant || !variants.some((v) => v.name === variant))
        throw inputConflict(input, variant ?? '', `must be a variant of '${name}' (it has ${variants.map((v) => v.name).join(', ')})`);
    }
    const candidate = variants.find((v) => v.name === candidateName)!;
    if (candidate.weight === 0)
      return done('none', candidateName!, baselineName!, before, `nothing to undo: ${candidateName!} already has weight 0 on ${name}`);
    await sagemaker.send(
      new UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: name,
        DesiredWeightsAndCapacities: [
          { VariantName: baselineName!, DesiredWeight: 1 },
          { VariantName: candidateName!, DesiredWeight: 0 },
        ],
      }),
    );
    const after = await wait(remaining());
    timeline.push(...after.timeline);
    if (after.timedOut)
      throw new ActionFailure(`weights change of ${name} still ${after.endpoint.EndpointStatus ?? ''} at the timeout`, {
        'mode-used': 'weights',
      });
    return done(
      'weights',
      candidateName!,
      baselineName!,
      snapshot(after.endpoint),
      `${name}: all traffic back on ${baselineName!}; ${candidateName!} at weight 0`,
    );
  }

  // Config: back to an explicit config, or to the predecessor recorded by deploy-endpoint.
  const target = inputs['to-endpoint-config'] ?? tagValue(endpointTags, TAG.previousConfig) ?? tagValue(configTags, TAG.previousConfig);
  if (!target) {
    const have = await existingConfigs(sagemaker, name);
    throw new ActionFailure(
      `no previous config is recorded for '${name}' (it was not deployed by deploy-endpoint, or only once); configs that exist: ${have.join(', ') || 'none'}. Name one with to-endpoint-config.`,
      { 'mode-used': 'none' },
    );
  }
  if (before.status === 'InService' && !inputs['to-endpoint-config'] && tagValue(endpointTags, ROLLBACK_TAG.to) === before.config)
    return done(
      'none',
      before.config,
      before.config,
      before,
      `nothing to undo: ${name} was already rolled back to ${before.config} (from ${tagValue(endpointTags, ROLLBACK_TAG.from) ?? '?'}); to undo that rollback, run again with to-endpoint-config: ${tagValue(endpointTags, ROLLBACK_TAG.from) ?? '<config>'}`,
    );
  if (target === before.config && before.status === 'InService')
    return done('none', target, target, before, `nothing to undo: ${name} already serves ${target}`);
  const targetConfig = await configExists(sagemaker, target);
  if (!targetConfig) {
    const have = await existingConfigs(sagemaker, name);
    throw new ActionFailure(
      `the config to return to, '${target}', no longer exists; configs that exist for '${name}': ${have.join(', ') || 'none'}. Name one with to-endpoint-config.`,
      { 'mode-used': 'none' },
    );
  }
  const restoredVersion = tagValue(await tagsOf(sagemaker, targetConfig.arn), TAG.mlflowVersion);

  let used: RollbackMode = 'config';
  // Failed accepts only DeleteEndpoint; UpdateRollbackFailed has no known-good fleet left to update: both are recreated.
  if (before.status === 'Failed' || before.status === 'UpdateRollbackFailed') {
    used = 'recreate';
    logger.info(
      `${name} is ${before.status} (${current.FailureReason ?? ''}): SageMaker only allows deleting it; deleting and recreating it on ${target}`,
    );
    await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
    for (;;) {
      try {
        await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
      } catch (error) {
        if (isNotFound(error)) break;
        throw error;
      }
      if (remaining() === 0) throw new ActionFailure(`${name} was still being deleted at the timeout`, { 'mode-used': used });
      await (sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms))))(Math.min(1000, inputs['poll-seconds'] * 1000));
    }
    await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: target, Tags: endpointTags }));
  } else {
    await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: target }));
  }
  const after = await wait(remaining());
  timeline.push(...after.timeline);
  if (after.timedOut)
    throw new ActionFailure(`${name} was still ${after.endpoint.EndpointStatus ?? ''} at the timeout (rolling back to ${target})`, {
      'mode-used': used,
    });
  if (after.endpoint.EndpointStatus !== 'InService' || after.endpoint.EndpointConfigName !== target)
    throw new ActionFailure(
      `rolling ${name} back to ${target} did not take: it is ${after.endpoint.EndpointStatus ?? ''} on ${after.endpoint.EndpointConfigName ?? ''} (${after.endpoint.FailureReason ?? 'no reason given'})`,
      {
        'mode-used': used,
      },
    );
  await sagemaker.send(
    new AddTagsCommand({
      ResourceArn: after.endpoint.EndpointArn!,
      Tags: [
        { Key: ROLLBACK_TAG.to, Value: target },
        { Key: ROLLBACK_TAG.from, Value: before.config },
        { Key: ROLLBACK_TAG.at, Value: new Date().toISOString() },
      ],
    }),
  );
  return done(
    used,
    before.config,
    target,
    snapshot(after.endpoint),
    `${name}: back on ${target} (was ${before.config}, ${before.status})`,
    restoredVersion,
  );
}
