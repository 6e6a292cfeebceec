import { DescribeEndpointCommand, type DescribeEndpointCommandOutput, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { Logger } from '@mlops-actions/action-kit';

export const SETTLED = new Set(['InService', 'Failed', 'OutOfService', 'UpdateRollbackFailed']);

export interface TimelineEntry {
  readonly elapsedSeconds: number;
  readonly status: string;
  readonly detail: string;
}

export interface WaitResult {
  readonly endpoint: DescribeEndpointCommandOutput;
  readonly timedOut: boolean;
  readonly timeline: TimelineEntry[];
}

export interface WaitOptions {
  readonly timeoutMs: number;
  /** Longest pause between two looks (the SDK's own waiter may back off to an hour; this never does). */
  readonly pollMs: number;
  readonly logger: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What an endpoint is doing, in one line: status, pending config, traffic shift messages. */
export function describeProgress(d: DescribeEndpointCommandOutput): string {
  const pending = d.PendingDeploymentSummary;
  const messages = (pending?.ProductionVariants ?? []).flatMap((v) =>
    (v.VariantStatus ?? []).map((s) => `${v.VariantName ?? ''}: ${s.StatusMessage ?? s.Status ?? ''}`),
  );
  const weights = (d.ProductionVariants ?? []).map((v) => `${v.VariantName ?? ''}=${v.CurrentWeight ?? 0}`).join(' ');
  return [
    pending?.EndpointConfigName ? `→ ${pending.EndpointConfigName}` : d.EndpointConfigName,
    messages.join('; '),
    weights ? `weights ${weights}` : '',
    d.FailureReason ?? '',
  ]
    .filter((s) => s)
    .join(' · ');
}

/**
 * Polls DescribeEndpoint until the endpoint settles, printing a line per change (elapsed time, state, traffic).
 * Pauses start at one second and double up to `pollMs`. Stops at the timeout and says where it left the endpoint.
 */
export async function waitForEndpoint(sagemaker: SageMakerClient, endpointName: string, options: WaitOptions): Promise<WaitResult> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  const timeline: TimelineEntry[] = [];
  let pause = Math.min(1000, options.pollMs);
  let last = '';
  for (;;) {
    const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
    const status = endpoint.EndpointStatus ?? 'Unknown';
    const detail = describeProgress(endpoint);
    const elapsedSeconds = Math.round((Date.now() - started) / 100) / 10;
    if (`${status} ${detail}` !== last) {
      last = `${status} ${detail}`;
      timeline.push({ elapsedSeconds, status, detail });
      options.logger.info(`[${elapsedSeconds.toFixed(1)} s] ${endpointName}: ${status}${detail ? ` · ${detail}` : ''}`);
    }
    if (SETTLED.has(status)) return { endpoint, timedOut: false, timeline };
    if (Date.now() - started >= options.timeoutMs) return { endpoint, timedOut: true, timeline };
    await sleep(Math.min(pause, Math.max(0, options.timeoutMs - (Date.now() - started))));
    pause = Math.min(pause * 2, options.pollMs);
  }
}
