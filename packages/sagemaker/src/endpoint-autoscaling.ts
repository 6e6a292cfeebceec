import {
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type ApplicationAutoScalingClient,
} from '@aws-sdk/client-application-auto-scaling';
import type { Logger } from '@mlops-actions/action-kit';

const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
export const resourceId = (endpoint: string, variant: string): string => `endpoint/${endpoint}/variant/${variant}`;

export interface ScalingSpec {
  readonly min: number;
  readonly max: number;
  readonly targetInvocations: number;
}

/** The variant's scalable target (its capacity bounds), if one is registered. */
export async function scalableTarget(
  client: ApplicationAutoScalingClient,
  endpoint: string,
  variant: string,
): Promise<{ min: number; max: number } | undefined> {
  const out = await client.send(
    new DescribeScalableTargetsCommand({
      ServiceNamespace: 'sagemaker',
      ResourceIds: [resourceId(endpoint, variant)],
      ScalableDimension: DIMENSION,
    }),
  );
  const target = out.ScalableTargets?.[0];
  return target ? { min: target.MinCapacity ?? 1, max: target.MaxCapacity ?? 1 } : undefined;
}

/** SageMaker refuses an instance-type change on a scaled variant: the target is deregistered first and registered again after. */
export async function deregister(client: ApplicationAutoScalingClient, endpoint: string, variant: string, logger: Logger): Promise<void> {
  await client.send(
    new DeregisterScalableTargetCommand({
      ServiceNamespace: 'sagemaker',
      ResourceId: resourceId(endpoint, variant),
      ScalableDimension: DIMENSION,
    }),
  );
  logger.info(`autoscaling: deregistered ${resourceId(endpoint, variant)} for the instance-type change`);
}

/** Target tracking on invocations per instance, the policy SageMaker documents for real-time endpoints. */
export async function applyScaling(
  client: ApplicationAutoScalingClient,
  endpoint: string,
  variant: string,
  spec: ScalingSpec,
  logger: Logger,
): Promise<void> {
  const ResourceId = resourceId(endpoint, variant);
  await client.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: 'sagemaker',
      ResourceId,
      ScalableDimension: DIMENSION,
      MinCapacity: spec.min,
      MaxCapacity: spec.max,
    }),
  );
  await client.send(
    new PutScalingPolicyCommand({
      PolicyName: `${endpoint}-${variant}-invocations`,
      ServiceNamespace: 'sagemaker',
      ResourceId,
      ScalableDimension: DIMENSION,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: spec.targetInvocations,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 60,
      },
    }),
  );
  logger.info(
    `autoscaling: ${ResourceId} between ${spec.min} and ${spec.max} instances, target ${spec.targetInvocations} invocations/instance/min`,
  );
}
