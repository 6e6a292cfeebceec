import type { Sample } from './metric-store.js';

export type BasicStatistic = 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum';
export type StatSpec = { readonly kind: BasicStatistic } | { readonly kind: 'percentile'; readonly p: number };

const BASIC: readonly string[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];

/** `Average`, `Sum`, `Minimum`, `Maximum`, `SampleCount`, or a percentile `pNN` / `pNN.NN` (e.g. p95, p99.9). */
export function parseStat(stat: string): StatSpec | undefined {
  if (BASIC.includes(stat)) return { kind: stat as BasicStatistic };
  const m = /^p(\d{1,2}(?:\.\d{1,10})?|100(?:\.0+)?)$/.exec(stat);
  if (!m) return undefined;
  return { kind: 'percentile', p: Number(m[1]) };
}

/** The samples of one period, merged. `raw` is absent when some sample has no exact values. */
export interface Aggregate {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly raw?: readonly (readonly [number, number])[];
}

export function aggregate(samples: readonly Sample[]): Aggregate | undefined {
  if (samples.length === 0) return undefined;
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let raw: (readonly [number, number])[] | undefined = [];
  for (const s of samples) {
    count += s.count;
    sum += s.sum;
    min = Math.min(min, s.min);
    max = Math.max(max, s.max);
    if (raw && s.raw) raw.push(...s.raw);
    else raw = undefined;
  }
  return raw ? { count, sum, min, max, raw } : { count, sum, min, max };
}

/**
 * The value of a statistic over one period, or undefined when CloudWatch has none: no data, or a percentile
 * over values it cannot know (statistic sets with distinct values) or over negative values.
 */
export function computeStat(agg: Aggregate | undefined, spec: StatSpec): number | undefined {
  if (!agg || agg.count <= 0) return undefined;
  switch (spec.kind) {
    case 'SampleCount':
      return agg.count;
    case 'Sum':
      return agg.sum;
    case 'Average':
      return agg.sum / agg.count;
    case 'Minimum':
      return agg.min;
    case 'Maximum':
      return agg.max;
    case 'percentile':
      return agg.raw && agg.min >= 0 ? percentile(agg.raw, spec.p) : undefined;
  }
}

/**
 * Exact nearest-rank percentile over weighted values: the smallest value v such that at least p% of the samples
 * are ≤ v (p95 of 1..100 is 95; p0 is the minimum, p100 the maximum).
 */
export function percentile(raw: readonly (readonly [number, number])[], p: number): number | undefined {
  const sorted = [...raw].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, c]) => n + c, 0);
  if (total <= 0) return undefined;
  const rank = Math.max(Math.ceil((p / 100) * total - 1e-9), 1);
  let seen = 0;
  for (const [v, c] of sorted) {
    seen += c;
    if (seen >= rank - 1e-9) return v;
  }
  return sorted.at(-1)?.[0];
}

/** Periods CloudWatch accepts in queries: 1, 5, 10, 20, 30 (high resolution) or a multiple of 60. */
export const validQueryPeriod = (period: number): boolean => [1, 5, 10, 20, 30].includes(period) || (period > 0 && period % 60 === 0);

/** Periods alarms accept: 10, 20, 30 or a multiple of 60. */
export const validAlarmPeriod = (period: number): boolean => [10, 20, 30].includes(period) || (period > 0 && period % 60 === 0);

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Where the first period starts, as CloudWatch rounds StartTime: down to the period for sub-minute periods,
 * to the minute when less than 15 days ago, to 5 minutes up to 63 days ago, to the hour beyond.
 */
export function alignStart(start: number, periodSeconds: number, now: number): number {
  const age = now - start;
  const unit = periodSeconds < 60 ? periodSeconds * 1000 : age > 63 * DAY ? 60 * MINUTE : age > 15 * DAY ? 5 * MINUTE : MINUTE;
  return Math.floor(start / unit) * unit;
}

export interface Bucket {
  readonly t: number;
  readonly samples: Sample[];
}

/** Splits samples (oldest first, all in [start, end)) into periods starting at `start`; only periods with data. */
export function bucketize(samples: readonly Sample[], start: number, periodSeconds: number): Bucket[] {
  const period = periodSeconds * 1000;
  const out: Bucket[] = [];
  for (const s of samples) {
    const t = start + Math.floor((s.t - start) / period) * period;
    const last = out.at(-1);
    if (last?.t === t) last.samples.push(s);
    else out.push({ t, samples: [s] });
  }
  return out;
}
