/**
 * Units a check may name: CloudWatch's own names, or short forms. Conversion happens only within one dimension
 * (time, data size); anything else is a gate-file error rather than a silent mis-scaling.
 */
interface UnitInfo {
  readonly cloudwatch: string;
  readonly short: string;
  readonly dimension: string;
  readonly factor: number;
}

const UNITS: readonly UnitInfo[] = [
  { cloudwatch: 'Microseconds', short: 'us', dimension: 'time', factor: 1e-6 },
  { cloudwatch: 'Milliseconds', short: 'ms', dimension: 'time', factor: 1e-3 },
  { cloudwatch: 'Seconds', short: 's', dimension: 'time', factor: 1 },
  { cloudwatch: 'Bytes', short: 'B', dimension: 'bytes', factor: 1 },
  { cloudwatch: 'Kilobytes', short: 'KB', dimension: 'bytes', factor: 1e3 },
  { cloudwatch: 'Megabytes', short: 'MB', dimension: 'bytes', factor: 1e6 },
  { cloudwatch: 'Gigabytes', short: 'GB', dimension: 'bytes', factor: 1e9 },
  { cloudwatch: 'Percent', short: '%', dimension: 'percent', factor: 1 },
  { cloudwatch: 'Count', short: 'count', dimension: 'count', factor: 1 },
  { cloudwatch: 'None', short: 'none', dimension: 'none', factor: 1 },
];

export const UNIT_NAMES: readonly string[] = [...UNITS.flatMap((u) => [u.cloudwatch, u.short]), 'µs'];

export function findUnit(name: string): UnitInfo | undefined {
  const n = name === 'µs' ? 'us' : name;
  return UNITS.find((u) => u.cloudwatch === n || u.short === n);
}

/** The factor from `from` to `to`, or a reason they cannot convert. */
export function unitScale(from: string, to: string): number | string {
  const a = findUnit(from);
  const b = findUnit(to);
  if (!a || !b) return `unknown unit ${!a ? from : to}`;
  if (a.dimension !== b.dimension) return `cannot convert ${a.cloudwatch} to ${b.cloudwatch}`;
  return a.factor / b.factor;
}

/** Short display form (ms, us, %, ...). */
export const shortUnit = (name: string | undefined): string => (name === undefined ? '' : (findUnit(name)?.short ?? name));
