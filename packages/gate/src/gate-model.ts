/** The typed gate a run works with, after the YAML is validated and every `${var}` substituted. */
export type Source = 'cloudwatch' | 'prometheus';
export type Op = '>=' | '>' | '<=' | '<' | '==';
export type MissingPolicy = 'fail' | 'warn' | 'zero' | 'skip';
export type Status = 'pass' | 'warn' | 'fail' | 'no_data' | 'error' | 'waived';
export type Verdict = 'pass' | 'warn' | 'fail';

export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

/** One CloudWatch metric and statistic (a check's own metric, or one input of its metric math). */
export interface MetricRef {
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: readonly Dimension[];
  readonly stat: string;
  /** The CloudWatch unit the data is published in (sent as `Unit`, so other units never mix in). */
  readonly unit?: string;
}

export type QuerySpec =
  | { readonly source: 'cloudwatch'; readonly kind: 'metric'; readonly metric: MetricRef }
  | {
      readonly source: 'cloudwatch';
      readonly kind: 'math';
      readonly expression: string;
      readonly metrics: Readonly<Record<string, MetricRef>>;
    }
  | { readonly source: 'prometheus'; readonly query: string; readonly stat?: string; readonly stepSeconds: number };

export interface Tolerance {
  readonly value: number;
  /** A percentage of the baseline value rather than an absolute amount. */
  readonly relative: boolean;
}

export interface Check {
  readonly id: string;
  readonly description?: string;
  readonly source: Source;
  readonly target: QuerySpec;
  /** Canary vs baseline: the same query with `${variant}` set to the baseline variant. */
  readonly baseline?: {
    readonly variant: string;
    readonly query: QuerySpec;
    readonly tolerance: Tolerance;
    readonly warnTolerance?: Tolerance;
  };
  readonly windowSeconds: number;
  readonly delaySeconds: number;
  readonly op: Op;
  readonly fail?: number;
  readonly warn?: number;
  /** The unit thresholds and values are shown in. */
  readonly unit?: string;
  /** Multiplies a raw value into `unit` (e.g. 0.001 from Microseconds to Milliseconds). */
  readonly scale: number;
  readonly minSamples: number;
  readonly missing: MissingPolicy;
  /** Where the check starts in the gate file, for messages. */
  readonly line: number;
}

export interface Gate {
  readonly name: string;
  readonly origin: string;
  readonly checks: readonly Check[];
}

/** What a data source answered for one query over the window. */
export interface Observation {
  /** The statistic over the whole window, raw (unscaled); undefined when there is none. */
  readonly value?: number;
  readonly samples: number;
  /** The metric over the window at a coarser period, for the chart: [epoch ms, raw value], oldest first. */
  readonly series: readonly (readonly [number, number])[];
  readonly error?: string;
  /** The source said its answer is incomplete (CloudWatch PartialData after every page). */
  readonly partial?: boolean;
}
