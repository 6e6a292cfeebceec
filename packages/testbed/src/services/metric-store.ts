import type { Dimension } from '../world-links.js';

/**
 * One PutMetricData datum as CloudWatch keeps it: its statistic set, and its exact values as (value, count) pairs
 * when they are known (a single `Value`, `Values`/`Counts`, or a statistic set whose values are all equal), so that
 * percentiles over raw values are exact.
 */
export interface Sample {
  readonly t: number;
  readonly unit: string;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly raw?: readonly (readonly [number, number])[];
}

export interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly Dimension[];
}

export interface Series extends MetricIdentity {
  readonly key: string;
  readonly samples: Sample[];
  sorted: boolean;
  lastPut: number;
}

export interface DimensionFilter {
  readonly Name: string;
  readonly Value?: string;
}

export interface ListFilter {
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions?: readonly DimensionFilter[];
  /** Only metrics that received data at or after this epoch millisecond. */
  readonly activeSince?: number;
}

const byName = (a: Dimension, b: Dimension): number => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0);

/** A metric is its namespace, name and exact set of dimensions (order does not matter). */
export function metricKey(id: MetricIdentity): string {
  return JSON.stringify([id.namespace, id.metricName, [...id.dimensions].sort(byName).map((d) => [d.Name, d.Value])]);
}

export function sampleFromValue(t: number, unit: string, value: number): Sample {
  return { t, unit, count: 1, sum: value, min: value, max: value, raw: [[value, 1]] };
}

export function sampleFromValues(t: number, unit: string, values: readonly number[], counts?: readonly number[]): Sample | undefined {
  const raw: [number, number][] = [];
  values.forEach((v, i) => {
    const c = counts?.[i] ?? 1;
    if (c > 0) raw.push([v, c]);
  });
  if (raw.length === 0) return undefined;
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const [v, c] of raw) {
    count += c;
    sum += v * c;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { t, unit, count, sum, min, max, raw };
}

/**
 * A statistic set. As CloudWatch documents, its percentiles are known only when all its values are equal
 * (Minimum = Maximum and Sum = Minimum × SampleCount); otherwise the sample has no raw values.
 */
export function sampleFromSet(
  t: number,
  unit: string,
  set: { SampleCount: number; Sum: number; Minimum: number; Maximum: number },
): Sample {
  const { SampleCount: count, Sum: sum, Minimum: min, Maximum: max } = set;
  const uniform = min === max && Math.abs(sum - min * count) <= 1e-9 * Math.max(1, Math.abs(sum));
  return uniform ? { t, unit, count, sum, min, max, raw: [[min, count]] } : { t, unit, count, sum, min, max };
}

/** Datapoints per namespace / metric / dimension set. */
export class MetricStore {
  private readonly series = new Map<string, Series>();

  add(id: MetricIdentity, sample: Sample, now: number): void {
    const key = metricKey(id);
    let s = this.series.get(key);
    if (!s) {
      s = {
        namespace: id.namespace,
        metricName: id.metricName,
        dimensions: [...id.dimensions].sort(byName),
        key,
        samples: [],
        sorted: true,
        lastPut: now,
      };
      this.series.set(key, s);
    }
    const last = s.samples.at(-1);
    if (last && last.t > sample.t) s.sorted = false;
    s.samples.push(sample);
    s.lastPut = Math.max(s.lastPut, now);
  }

  /** The samples of one metric (exact dimension set) in [start, end), oldest first, of one unit when given. */
  samples(id: MetricIdentity, start: number, end: number, unit?: string): Sample[] {
    const s = this.series.get(metricKey(id));
    if (!s) return [];
    if (!s.sorted) {
      s.samples.sort((a, b) => a.t - b.t);
      s.sorted = true;
    }
    const from = lowerBound(s.samples, start);
    const out: Sample[] = [];
    for (let i = from; i < s.samples.length; i++) {
      const sample = s.samples[i]!;
      if (sample.t >= end) break;
      if (unit === undefined || sample.unit === unit) out.push(sample);
    }
    return out;
  }

  list(filter: ListFilter): Series[] {
    const out: Series[] = [];
    for (const s of this.series.values()) {
      if (filter.namespace !== undefined && s.namespace !== filter.namespace) continue;
      if (filter.metricName !== undefined && s.metricName !== filter.metricName) continue;
      if (filter.activeSince !== undefined && s.lastPut < filter.activeSince) continue;
      const dims = filter.dimensions ?? [];
      if (!dims.every((f) => s.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)))) continue;
      out.push(s);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  clear(): void {
    this.series.clear();
  }
}

function lowerBound(samples: readonly Sample[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
