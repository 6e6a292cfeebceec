import type { SimClock } from '../sim-clock.js';
import type { AlarmReader } from '../world-links.js';
import type { EndpointConfigRecord, EndpointRecord, SageMakerState, VariantSummary } from './sagemaker-state.js';

/** Simulated provisioning times, in milliseconds before the world's time scale. */
export interface LifecycleDelays {
  createMs: number;
  updateMs: number;
  weightsMs: number;
  deleteMs: number;
}

export const DEFAULT_DELAYS: LifecycleDelays = { createMs: 3000, updateMs: 2000, weightsMs: 500, deleteMs: 300 };

/** One-shot faults set through the admin API. */
export interface LifecycleFaults {
  failNextCreate?: string;
  failNextUpdate?: string;
  /** The next failed update cannot roll back: UpdateRollbackFailed. */
  rollbackFails?: boolean;
  rollBackNextWeights?: boolean;
}

interface TrafficRouting {
  Type?: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR';
  WaitIntervalInSeconds?: number;
  CanarySize?: { Type: 'INSTANCE_COUNT' | 'CAPACITY_PERCENT'; Value: number };
  LinearStepSize?: { Type: 'INSTANCE_COUNT' | 'CAPACITY_PERCENT'; Value: number };
}

export interface DeploymentConfig {
  BlueGreenUpdatePolicy?: {
    TrafficRoutingConfiguration?: TrafficRouting;
    TerminationWaitInSeconds?: number;
    MaximumExecutionTimeoutInSeconds?: number;
  };
  AutoRollbackConfiguration?: { Alarms?: { AlarmName: string }[] };
}

const HEALTH_FAILURE = (variant: string): string =>
  `The primary container for production variant ${variant} did not pass the ping health check. Please check CloudWatch logs for this endpoint.`;

/** SageMaker's endpoint state machine in simulated time: create, blue/green update with traffic shifting and auto-rollback, weights. */
export class EndpointLifecycle {
  delays: LifecycleDelays = { ...DEFAULT_DELAYS };
  faults: LifecycleFaults = {};
  /** Endpoints whose transitions are held (admin API): tests look at an in-progress state without racing the clock. */
  readonly held = new Set<string>();

  constructor(
    private readonly state: SageMakerState,
    private readonly clock: SimClock,
    private readonly alarms: AlarmReader,
  ) {}

  /** Like clock.schedule, but a held endpoint's transition waits until it is released. */
  private after(endpoint: EndpointRecord, ms: number, work: () => void): () => void {
    const held = (): boolean => this.held.has(endpoint.EndpointName);
    let stopPolling: (() => void) | undefined;
    const cancelTimer = this.clock.schedule(ms, () => {
      if (!held()) return work();
      const timer = setInterval(() => {
        if (held()) return;
        clearInterval(timer);
        work();
      }, 20);
      timer.unref();
      stopPolling = () => clearInterval(timer);
    });
    return () => {
      cancelTimer();
      stopPolling?.();
    };
  }

  variantSummaries(config: EndpointConfigRecord, weights?: Map<string, number>): VariantSummary[] {
    const images = this.state.imagesOf(config);
    const now = new Date();
    return config.ProductionVariants.map((v) => {
      const weight = weights?.get(v.VariantName) ?? v.InitialVariantWeight ?? 1;
      const image = images.get(v.VariantName) ?? '';
      const summary: VariantSummary = {
        VariantName: v.VariantName,
        CurrentWeight: weight,
        DesiredWeight: weight,
        DeployedImages: [{ SpecifiedImage: image, ResolvedImage: resolved(image), ResolutionTime: now }],
      };
      if (v.ServerlessConfig) {
        summary.CurrentServerlessConfig = v.ServerlessConfig;
        summary.DesiredServerlessConfig = v.ServerlessConfig;
      } else {
        summary.CurrentInstanceCount = v.InitialInstanceCount ?? 1;
        summary.DesiredInstanceCount = v.InitialInstanceCount ?? 1;
      }
      return summary;
    });
  }

  private unhealthyVariant(config: EndpointConfigRecord): string | undefined {
    for (const [variant, image] of this.state.imagesOf(config)) if (this.state.unhealthyImages.has(image)) return variant;
    return undefined;
  }

  create(endpoint: EndpointRecord, config: EndpointConfigRecord): void {
    endpoint.EndpointStatus = 'Creating';
    endpoint.cancel = this.after(endpoint, this.delays.createMs, () => {
      endpoint.LastModifiedTime = new Date();
      const injected = this.faults.failNextCreate;
      this.faults.failNextCreate = undefined;
      const unhealthy = this.unhealthyVariant(config);
      if (injected !== undefined || unhealthy !== undefined) {
        endpoint.EndpointStatus = 'Failed';
        endpoint.FailureReason = injected || HEALTH_FAILURE(unhealthy ?? config.ProductionVariants[0]!.VariantName);
        return;
      }
      endpoint.EndpointStatus = 'InService';
      endpoint.ProductionVariants = this.variantSummaries(config);
      endpoint.DataCaptureConfig = captureSummary(config);
    });
  }

  /** A blue/green update: provision the new fleet, shift traffic as configured, bake, then serve the new config or roll back. */
  update(endpoint: EndpointRecord, next: EndpointConfigRecord, deployment: DeploymentConfig | undefined): void {
    const old = endpoint.EndpointConfigName;
    const started = Date.now();
    const policy = deployment?.BlueGreenUpdatePolicy;
    const routing = policy?.TrafficRoutingConfiguration ?? { Type: 'ALL_AT_ONCE' as const };
    const alarms = deployment?.AutoRollbackConfiguration?.Alarms?.map((a) => a.AlarmName) ?? [];
    // In real time; with a time scale of 0 (no delays at all) the limit can never be reached.
    const maxMs = this.clock.timeScale > 0 ? (policy?.MaximumExecutionTimeoutInSeconds ?? 28800) * 1000 * this.clock.timeScale : Infinity;
    endpoint.EndpointStatus = 'Updating';
    endpoint.FailureReason = undefined;
    endpoint.LastModifiedTime = new Date();
    const pending = (status: string, message: string): void => {
      endpoint.PendingDeploymentSummary = {
        EndpointConfigName: next.EndpointConfigName,
        StartTime: new Date(started),
        ProductionVariants: next.ProductionVariants.map((v) => ({
          VariantName: v.VariantName,
          VariantStatus: [{ Status: status, StatusMessage: message, StartTime: new Date() }],
        })),
      };
    };
    pending('Creating', 'Launching the new fleet');

    const finish = (outcome: 'succeeded' | 'rolled-back' | 'rollback-failed', reason?: string): void => {
      endpoint.cancel = undefined;
      endpoint.PendingDeploymentSummary = undefined;
      endpoint.LastModifiedTime = new Date();
      if (deployment) endpoint.LastDeploymentConfig = deployment as Record<string, unknown>;
      if (outcome === 'succeeded') {
        endpoint.EndpointStatus = 'InService';
        endpoint.EndpointConfigName = next.EndpointConfigName;
        endpoint.ProductionVariants = this.variantSummaries(next);
        endpoint.DataCaptureConfig = captureSummary(next);
      } else if (outcome === 'rolled-back') {
        endpoint.EndpointStatus = 'InService';
        endpoint.EndpointConfigName = old;
        endpoint.FailureReason = reason;
      } else {
        endpoint.EndpointStatus = 'UpdateRollbackFailed';
        endpoint.FailureReason = reason;
      }
    };
    const alarming = (): string | undefined => alarms.find((a) => this.alarms.alarmState(a) === 'ALARM');

    // Steps of traffic, in percent of the new fleet, each followed by a bake of WaitIntervalInSeconds.
    const steps = trafficSteps(routing, next);
    const waitMs = (routing.WaitIntervalInSeconds ?? 0) * 1000;
    const termMs = (policy?.TerminationWaitInSeconds ?? 0) * 1000;

    const bake = (ms: number, then: () => void): void => {
      // Look at the alarms every half second of simulated time while baking, as SageMaker monitors them throughout.
      const tick = Math.min(500, ms);
      let waited = 0;
      const look = (): void => {
        const alarm = alarming();
        if (alarm) return finish('rolled-back', `Deployment was rolled back because alarm ${alarm} went into ALARM state.`);
        if (Date.now() - started > maxMs)
          return finish('rolled-back', 'Deployment exceeded MaximumExecutionTimeoutInSeconds and was rolled back.');
        if (waited >= ms) return then();
        waited += tick;
        endpoint.cancel = this.after(endpoint, tick, look);
      };
      look();
    };

    const shift = (i: number): void => {
      if (i >= steps.length) {
        pending('Baking', `All traffic on the new fleet; old fleet kept for ${termMs / 1000} s`);
        return bake(termMs, () => finish('succeeded'));
      }
      pending('ActivatingTraffic', `Shifting ${steps[i]}% of traffic to the new fleet`);
      bake(i < steps.length - 1 ? waitMs : 0, () => shift(i + 1));
    };

    endpoint.cancel = this.after(endpoint, this.delays.updateMs, () => {
      const injected = this.faults.failNextUpdate;
      this.faults.failNextUpdate = undefined;
      const unhealthy = this.unhealthyVariant(next);
      if (injected !== undefined || unhealthy !== undefined) {
        const reason = injected || HEALTH_FAILURE(unhealthy ?? next.ProductionVariants[0]!.VariantName);
        const cannot = this.faults.rollbackFails === true;
        this.faults.rollbackFails = undefined;
        return finish(cannot ? 'rollback-failed' : 'rolled-back', reason);
      }
      shift(0);
    });
  }

  weights(endpoint: EndpointRecord, desired: Map<string, { weight?: number; count?: number }>): void {
    endpoint.EndpointStatus = 'Updating';
    for (const v of endpoint.ProductionVariants ?? []) {
      const d = desired.get(v.VariantName);
      if (d?.weight !== undefined) v.DesiredWeight = d.weight;
      if (d?.count !== undefined) v.DesiredInstanceCount = d.count;
    }
    endpoint.cancel = this.after(endpoint, this.delays.weightsMs, () => {
      endpoint.LastModifiedTime = new Date();
      if (this.faults.rollBackNextWeights) {
        this.faults.rollBackNextWeights = undefined;
        endpoint.EndpointStatus = 'RollingBack';
        for (const v of endpoint.ProductionVariants ?? []) {
          v.DesiredWeight = v.CurrentWeight;
          v.DesiredInstanceCount = v.CurrentInstanceCount;
        }
        endpoint.cancel = this.after(endpoint, this.delays.weightsMs, () => {
          endpoint.EndpointStatus = 'InService';
          endpoint.FailureReason = 'Weights and capacities update failed and was rolled back (injected by the local world).';
        });
        return;
      }
      for (const v of endpoint.ProductionVariants ?? []) {
        v.CurrentWeight = v.DesiredWeight;
        if (v.DesiredInstanceCount !== undefined) v.CurrentInstanceCount = v.DesiredInstanceCount;
      }
      endpoint.EndpointStatus = 'InService';
      endpoint.cancel = undefined;
    });
  }

  /** SystemUpdating: SageMaker patching the fleet; updates are refused meanwhile. */
  systemUpdate(endpoint: EndpointRecord, ms: number): void {
    endpoint.EndpointStatus = 'SystemUpdating';
    endpoint.cancel = this.after(endpoint, ms, () => {
      endpoint.EndpointStatus = 'InService';
    });
  }
}

function resolved(image: string): string {
  if (image.includes('@sha256:')) return image;
  const repo = image.replace(/:[^/:]+$/, '');
  return `${repo}@sha256:${'0'.repeat(64)}`;
}

function captureSummary(config: EndpointConfigRecord): Record<string, unknown> | undefined {
  const dc = config.DataCaptureConfig as
    | { EnableCapture?: boolean; InitialSamplingPercentage?: number; DestinationS3Uri?: string; KmsKeyId?: string }
    | undefined;
  if (!dc) return undefined;
  return {
    EnableCapture: dc.EnableCapture ?? true,
    CaptureStatus: dc.EnableCapture === false ? 'Stopped' : 'Started',
    CurrentSamplingPercentage: dc.InitialSamplingPercentage,
    DestinationS3Uri: dc.DestinationS3Uri,
    KmsKeyId: dc.KmsKeyId,
  };
}

/** Traffic percentages on the new fleet after each step: canary then all; linear in equal steps; or all at once. */
export function trafficSteps(routing: TrafficRouting, next: EndpointConfigRecord): number[] {
  const instances = next.ProductionVariants.reduce((n, v) => n + (v.InitialInstanceCount ?? 1), 0);
  const percent = (size: { Type: string; Value: number } | undefined): number =>
    !size ? 100 : size.Type === 'INSTANCE_COUNT' ? Math.min(100, Math.round((size.Value / instances) * 100)) : size.Value;
  if (routing.Type === 'CANARY') return [percent(routing.CanarySize), 100];
  if (routing.Type === 'LINEAR') {
    const step = Math.max(1, percent(routing.LinearStepSize));
    const out: number[] = [];
    for (let p = step; p < 100; p += step) out.push(p);
    return [...out, 100];
  }
  return [100];
}
