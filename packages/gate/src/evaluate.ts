import type { Check, Observation, Op, Status, Tolerance, Verdict } from './gate-model.js';
import { shortUnit } from './units.js';

/** A check's outcome before waivers are applied. */
export interface Evaluation {
  readonly status: Exclude<Status, 'waived'>;
  /** In the check's unit. */
  readonly value?: number;
  readonly baselineValue?: number;
  readonly samples: number;
  readonly baselineSamples?: number;
  readonly threshold: string;
  readonly reason: string;
}

const SYMBOL: Record<Op, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=' };
const holds = (v: number, op: Op, t: number): boolean =>
  op === '>=' ? v >= t : op === '>' ? v > t : op === '<=' ? v <= t : op === '<' ? v < t : v === t;

/** Four significant digits, no exponent for ordinary sizes: what a reviewer reads. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

const withUnit = (v: number, check: Check): string => `${formatNumber(v)}${check.unit ? ` ${shortUnit(check.unit)}` : ''}`;
const tol = (t: Tolerance): string => (t.relative ? `${formatNumber(t.value)}%` : formatNumber(t.value));

export function thresholdText(check: Check): string {
  const s = SYMBOL[check.op];
  if (check.baseline) {
    const side = check.op === '>=' || check.op === '>' ? '-' : check.op === '==' ? '±' : '+';
    const warn = check.baseline.warnTolerance ? ` · warn ${side} ${tol(check.baseline.warnTolerance)}` : '';
    return `${s} baseline ${side} ${tol(check.baseline.tolerance)}${warn}`;
  }
  const parts: string[] = [];
  if (check.fail !== undefined) parts.push(`${s} ${withUnit(check.fail, check)}`);
  if (check.warn !== undefined) parts.push(`warn unless ${s} ${withUnit(check.warn, check)}`);
  return parts.join(' · ');
}

function missingReason(check: Check, obs: Observation, what: string): string | undefined {
  if (obs.value === undefined || obs.samples === 0) return `${what}no datapoints in the window`;
  if (obs.samples < check.minSamples) return `${what}${obs.samples} samples < min-samples ${check.minSamples}`;
  return undefined;
}

/**
 * Decides one check from what its source answered. Missing or too little data is `no_data` unless the check's
 * `missing` policy is `zero`; it never passes by default. Errors (API, PartialData) are `error`: the gate fails closed.
 */
export function evaluateCheck(check: Check, target: Observation, baseline?: Observation): Evaluation {
  const threshold = thresholdText(check);
  const samples = target.samples;
  const base = { threshold, samples, ...(baseline ? { baselineSamples: baseline.samples } : {}) };
  const error = target.error ?? (baseline?.error !== undefined ? `baseline: ${baseline.error}` : undefined);
  if (error !== undefined) return { ...base, status: 'error', reason: error };
  const missing =
    missingReason(check, target, '') ?? (baseline ? missingReason(check, baseline, `baseline ${check.baseline!.variant}: `) : undefined);
  let value = target.value !== undefined ? target.value * check.scale : undefined;
  let baselineValue = baseline?.value !== undefined ? baseline.value * check.scale : undefined;
  if (missing !== undefined) {
    if (check.missing !== 'zero') return { ...base, status: 'no_data', reason: `${missing} (missing: ${check.missing})` };
    if (missingReason(check, target, '') !== undefined) value = 0;
    if (baseline && missingReason(check, baseline, '') !== undefined) baselineValue = 0;
  }
  const v = value!;
  const values = { value: v, ...(baselineValue !== undefined ? { baselineValue } : {}) };
  const zeroNote = missing !== undefined ? ` (${missing}; missing: zero)` : '';
  if (check.baseline) {
    const b = baselineValue!;
    const failing = outsideTolerance(v, b, check.op, check.baseline.tolerance);
    const warning = check.baseline.warnTolerance ? outsideTolerance(v, b, check.op, check.baseline.warnTolerance) : false;
    const delta = b !== 0 ? ` (${v >= b ? '+' : ''}${formatNumber(((v - b) / Math.abs(b)) * 100)}%)` : '';
    const said = `${withUnit(v, check)} vs baseline ${check.baseline.variant} ${withUnit(b, check)}${delta}`;
    if (failing)
      return { ...base, ...values, status: 'fail', reason: `${said}: beyond tolerance ${tol(check.baseline.tolerance)}${zeroNote}` };
    if (warning)
      return {
        ...base,
        ...values,
        status: 'warn',
        reason: `${said}: beyond warn-tolerance ${tol(check.baseline.warnTolerance!)}${zeroNote}`,
      };
    return { ...base, ...values, status: 'pass', reason: `${said}: within tolerance${zeroNote}` };
  }
  const s = SYMBOL[check.op];
  if (check.fail !== undefined && !holds(v, check.op, check.fail))
    return { ...base, ...values, status: 'fail', reason: `${withUnit(v, check)} is not ${s} ${withUnit(check.fail, check)}${zeroNote}` };
  if (check.warn !== undefined && !holds(v, check.op, check.warn))
    return {
      ...base,
      ...values,
      status: 'warn',
      reason: `${withUnit(v, check)} is not ${s} ${withUnit(check.warn, check)} (warning level)${zeroNote}`,
    };
  const met = check.fail ?? check.warn!;
  return { ...base, ...values, status: 'pass', reason: `${withUnit(v, check)} ${s} ${withUnit(met, check)}${zeroNote}` };
}

function outsideTolerance(v: number, baseline: number, op: Op, t: Tolerance): boolean {
  const allowed = t.relative ? (Math.abs(baseline) * t.value) / 100 : t.value;
  const eps = 1e-9 * Math.max(1, Math.abs(baseline));
  if (op === '>=' || op === '>') return v < baseline - allowed - eps;
  if (op === '<=' || op === '<') return v > baseline + allowed + eps;
  return Math.abs(v - baseline) > allowed + eps;
}

export interface VerdictInput {
  readonly id: string;
  readonly status: Status;
  readonly missing: Check['missing'];
}

export interface VerdictSummary {
  readonly verdict: Verdict;
  readonly passed: boolean;
  readonly failed: string[];
  readonly warned: string[];
  readonly waived: string[];
}

/** Fails on any unwaived fail or error, or no_data whose policy is fail; warns on warn (or no_data with missing: warn). */
export function decideVerdict(results: readonly VerdictInput[], failOnWarn: boolean): VerdictSummary {
  const failed = results.filter((r) => r.status === 'fail' || r.status === 'error' || (r.status === 'no_data' && r.missing === 'fail'));
  const warned = results.filter((r) => r.status === 'warn' || (r.status === 'no_data' && r.missing === 'warn'));
  const waived = results.filter((r) => r.status === 'waived');
  const verdict: Verdict = failed.length > 0 || (failOnWarn && warned.length > 0) ? 'fail' : warned.length > 0 ? 'warn' : 'pass';
  const ids = (rs: readonly VerdictInput[]): string[] => rs.map((r) => r.id);
  return { verdict, passed: verdict !== 'fail', failed: ids(failed), warned: ids(warned), waived: ids(waived) };
}
