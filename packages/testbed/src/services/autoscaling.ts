import { AwsError } from '../aws-error.js';
import type { RequestContext, SimulatedService } from '../gateway.js';
import { loadServiceModel } from '../service-model.js';
import type { SageMakerState } from './sagemaker-state.js';

type Input = Record<string, unknown>;

interface Target {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  CreationTime: Date;
}

interface Policy {
  PolicyARN: string;
  PolicyName: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  PolicyType: string;
  TargetTrackingScalingPolicyConfiguration?: Record<string, unknown>;
  StepScalingPolicyConfiguration?: Record<string, unknown>;
  Alarms: { AlarmName: string; AlarmARN: string }[];
  CreationTime: Date;
}

export interface AutoScalingSim extends SimulatedService {
  scaledVariants(endpointName: string): Set<string>;
}

/** Application Auto Scaling (JSON 1.1) for SageMaker variants: scalable targets and target-tracking policies. */
export function createAutoScaling(sagemaker: SageMakerState): AutoScalingSim {
  const targets = new Map<string, Target>();
  const policies = new Map<string, Policy>();
  const key = (i: Input): string => `${i.ServiceNamespace as string}|${i.ResourceId as string}|${i.ScalableDimension as string}`;

  function checkResource(input: Input): void {
    if (input.ServiceNamespace !== 'sagemaker') return;
    const m = /^endpoint\/([^/]+)\/variant\/([^/]+)$/.exec(input.ResourceId as string);
    const endpoint = m ? sagemaker.find(sagemaker.endpoints, m[1]!) : undefined;
    if (!m || !endpoint?.ProductionVariants?.some((v) => v.VariantName === m[2])) {
      throw new AwsError('ValidationException', `The target resource ${input.ResourceId as string} does not exist or is not in service.`);
    }
  }

  const operations = {
    RegisterScalableTarget(input: Input, ctx: RequestContext) {
      checkResource(input);
      const existing = targets.get(key(input));
      const target: Target = {
        ServiceNamespace: input.ServiceNamespace as string,
        ResourceId: input.ResourceId as string,
        ScalableDimension: input.ScalableDimension as string,
        MinCapacity: (input.MinCapacity as number | undefined) ?? existing?.MinCapacity ?? 1,
        MaxCapacity: (input.MaxCapacity as number | undefined) ?? existing?.MaxCapacity ?? 1,
        RoleARN: `arn:aws:iam::${ctx.accountId}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
        CreationTime: existing?.CreationTime ?? new Date(),
      };
      if (target.MinCapacity > target.MaxCapacity)
        throw new AwsError('ValidationException', 'Minimum capacity cannot be greater than maximum capacity');
      targets.set(key(input), target);
      return {
        ScalableTargetARN: `arn:aws:application-autoscaling:${ctx.region}:${ctx.accountId}:scalable-target/${Buffer.from(key(input)).toString('hex').slice(0, 32)}`,
      };
    },
    DescribeScalableTargets(input: Input) {
      const ids = input.ResourceIds as string[] | undefined;
      const found = [...targets.values()].filter(
        (t) =>
          t.ServiceNamespace === input.ServiceNamespace &&
          (!ids || ids.includes(t.ResourceId)) &&
          (!input.ScalableDimension || t.ScalableDimension === input.ScalableDimension),
      );
      return { ScalableTargets: found };
    },
    DeregisterScalableTarget(input: Input) {
      if (!targets.delete(key(input)))
        throw new AwsError(
          'ObjectNotFoundException',
          `No scalable target registered for service namespace: ${input.ServiceNamespace as string}, resource ID: ${input.ResourceId as string}, scalable dimension: ${input.ScalableDimension as string}`,
        );
      for (const [k, p] of policies) if (key(p as unknown as Input) === key(input)) policies.delete(k);
      return {};
    },
    PutScalingPolicy(input: Input, ctx: RequestContext) {
      if (!targets.has(key(input)))
        throw new AwsError(
          'ObjectNotFoundException',
          `No scalable target registered for service namespace: ${input.ServiceNamespace as string}, resource ID: ${input.ResourceId as string}, scalable dimension: ${input.ScalableDimension as string}`,
        );
      const name = input.PolicyName as string;
      const policyArn = `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:scalingPolicy:${Buffer.from(key(input)).toString('hex').slice(0, 8)}:resource/${input.ServiceNamespace as string}/${input.ResourceId as string}:policyName/${name}`;
      const alarms =
        input.PolicyType === 'TargetTrackingScaling'
          ? [`High`, `Low`].map((s) => ({
              AlarmName: `TargetTracking-${input.ResourceId as string}-Alarm${s}`,
              AlarmARN: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:TargetTracking-${s}`,
            }))
          : [];
      policies.set(`${key(input)}|${name}`, {
        PolicyARN: policyArn,
        PolicyName: name,
        ServiceNamespace: input.ServiceNamespace as string,
        ResourceId: input.ResourceId as string,
        ScalableDimension: input.ScalableDimension as string,
        PolicyType: (input.PolicyType as string | undefined) ?? 'StepScaling',
        TargetTrackingScalingPolicyConfiguration: input.TargetTrackingScalingPolicyConfiguration as Input | undefined,
        StepScalingPolicyConfiguration: input.StepScalingPolicyConfiguration as Input | undefined,
        Alarms: alarms,
        CreationTime: new Date(),
      });
      return { PolicyARN: policyArn, Alarms: alarms };
    },
    DescribeScalingPolicies(input: Input) {
      const names = input.PolicyNames as string[] | undefined;
      const found = [...policies.values()].filter(
        (p) =>
          p.ServiceNamespace === input.ServiceNamespace &&
          (!input.ResourceId || p.ResourceId === input.ResourceId) &&
          (!names || names.includes(p.PolicyName)),
      );
      return { ScalingPolicies: found };
    },
    DeleteScalingPolicy(input: Input) {
      if (!policies.delete(`${key(input)}|${input.PolicyName as string}`))
        throw new AwsError(
          'ObjectNotFoundException',
          `No scaling policy found for service namespace: ${input.ServiceNamespace as string}, resource ID: ${input.ResourceId as string}, scalable dimension: ${input.ScalableDimension as string}, policy name: ${input.PolicyName as string}`,
        );
      return {};
    },
  };

  return {
    id: 'application-autoscaling',
    model: loadServiceModel('application-autoscaling'),
    operations,
    scaledVariants(endpointName: string): Set<string> {
      const out = new Set<string>();
      for (const t of targets.values()) {
        const m = /^endpoint\/([^/]+)\/variant\/([^/]+)$/.exec(t.ResourceId);
        if (m && m[1]!.toLowerCase() === endpointName.toLowerCase()) out.add(m[2]!);
      }
      return out;
    },
  };
}
