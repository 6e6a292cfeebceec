/** How simulated services see each other, without importing each other. */

export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

/** Where the SageMaker runtime publishes its per-invocation metrics (the simulated CloudWatch). */
export interface MetricSink {
  put(namespace: string, metricName: string, dimensions: readonly Dimension[], value: number, unit: string, timestamp?: Date): void;
}

/** What SageMaker's auto-rollback needs from CloudWatch. */
export interface AlarmReader {
  /** The alarm's state, or undefined when no such alarm exists. */
  alarmState(name: string): 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | undefined;
}
