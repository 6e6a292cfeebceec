import type { MissingPolicy, Source, Status, Verdict } from './gate-model.js';

/** The JSON report (`report` output): what the summary shows, for promote and rollback to show in theirs. */
export interface GateReport {
  readonly version: 1;
  readonly gate: string;
  readonly origin: string;
  readonly endpoint?: string;
  readonly variant?: string;
  readonly modelVersion?: string;
  readonly generatedAt: string;
  readonly verdict: Verdict;
  readonly passed: boolean;
  readonly failOnWarn: boolean;
  readonly failedChecks: string[];
  readonly warnedChecks: string[];
  readonly waivedChecks: string[];
  readonly checks: CheckReport[];
  readonly waivers: WaiverReport[];
  readonly calls: { getMetricData: number; pages: number; partialDataPages: number; queries: number; prometheus: number };
  readonly windows: { start: string; end: string }[];
}

export interface CheckReport {
  readonly id: string;
  readonly description?: string;
  readonly source: Source;
  readonly status: Status;
  readonly value?: number;
  readonly baselineValue?: number;
  readonly baselineVariant?: string;
  readonly unit?: string;
  readonly samples: number;
  readonly minSamples: number;
  readonly threshold: string;
  readonly op: string;
  readonly fail?: number;
  readonly warn?: number;
  readonly missing: MissingPolicy;
  readonly window: { readonly start: string; readonly end: string; readonly seconds: number };
  readonly reason: string;
  /** The waiver that turned this check's fail or warn into waived. */
  readonly waivedBy?: { readonly approver: string; readonly reason: string; readonly expires: string };
  /** The metric over the window (in the check's unit), for failing and warning checks. */
  readonly series?: (readonly [string, number])[];
}

export interface WaiverReport {
  readonly check: string;
  readonly endpoint: string;
  readonly modelVersion?: string;
  readonly reason: string;
  readonly approver: string;
  readonly expires: string;
  readonly line: number;
  /** used: it waived a fail/warn; unused: in force, not needed; expired: past its date, did not apply. */
  readonly state: 'used' | 'unused' | 'expired';
}
