import { AwsError } from './aws-error.js';

/** Faults a test injects per service through the admin API: throttling, 5xx, latency. */
export interface FaultSpec {
  /** Answer this many of the next calls with ThrottlingException. */
  throttleCount?: number;
  /** Or throttle this fraction of calls (0..1) until reset. */
  throttleFraction?: number;
  /** Answer this many of the next calls with `errorStatus` (default 503, ServiceUnavailable). */
  errorCount?: number;
  errorStatus?: number;
  /** Delay every answer. */
  latencyMs?: number;
  /** Only for this operation (default: every operation of the service). */
  operation?: string;
}

export class WorldFaults {
  private readonly specs = new Map<string, FaultSpec>();

  set(service: string, spec: FaultSpec): void {
    this.specs.set(service, { ...spec });
  }

  reset(service?: string): void {
    if (service === undefined) this.specs.clear();
    else this.specs.delete(service);
  }

  latency(service: string, operation: string): number {
    const spec = this.specs.get(service);
    return spec && (!spec.operation || spec.operation === operation) ? (spec.latencyMs ?? 0) : 0;
  }

  /** The fault for this call, if any; counts down one-shot faults. */
  take(service: string, operation: string): AwsError | undefined {
    const spec = this.specs.get(service);
    if (!spec || (spec.operation && spec.operation !== operation)) return undefined;
    if ((spec.throttleCount ?? 0) > 0) {
      spec.throttleCount! -= 1;
      return throttling();
    }
    if ((spec.throttleFraction ?? 0) > 0 && Math.random() < spec.throttleFraction!) return throttling();
    if ((spec.errorCount ?? 0) > 0) {
      spec.errorCount! -= 1;
      const status = spec.errorStatus ?? 503;
      return new AwsError(
        status === 503 ? 'ServiceUnavailable' : 'InternalFailure',
        'The service is unavailable (injected by the local world).',
        status,
        'Receiver',
      );
    }
    return undefined;
  }
}

const throttling = (): AwsError => new AwsError('ThrottlingException', 'Rate exceeded', 400, 'Sender');
