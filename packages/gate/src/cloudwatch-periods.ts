/**
 * CloudWatch's data-age rules, as the GetMetricData documentation gives them: data with a period under 60 s is kept
 * 3 hours, 1-minute data 15 days, 5-minute data 63 days, 1-hour data 455 days; a query whose start is older than a
 * resolution's retention must use a period that is a multiple of the next coarser one. The gate evaluates each check
 * as ONE period covering its whole window (a 24 h p95 is one 86,400 s period, not an average of 1,440 per-minute p95s).
 */
const DAY = 86_400;
const TIERS = [
  { maxAge: 15 * DAY, multiple: 60 },
  { maxAge: 63 * DAY, multiple: 300 },
  { maxAge: 455 * DAY, multiple: 3600 },
] as const;

/** The period granularity CloudWatch requires for a query starting `ageSeconds` ago; undefined beyond retention. */
export function requiredMultiple(ageSeconds: number): number | undefined {
  return TIERS.find((t) => ageSeconds <= t.maxAge)?.multiple;
}

/** Why CloudWatch cannot serve a window (as one period) at this delay, or undefined when it can. */
export function windowProblem(windowSeconds: number, delaySeconds: number): string | undefined {
  const age = windowSeconds + delaySeconds + 60; // the start is at most a minute older once the end is aligned
  const multiple = requiredMultiple(age);
  if (multiple === undefined) return `CloudWatch keeps no data older than 455 days (this window starts ${Math.ceil(age / DAY)} days ago)`;
  if (windowSeconds % multiple !== 0) {
    const tier = multiple === 60 ? '1 minute' : multiple === 300 ? '5 minutes' : '1 hour';
    return `CloudWatch serves data of this age only at periods that are multiples of ${tier} (${multiple} s); the window is ${windowSeconds} s`;
  }
  return undefined;
}

/** The end of a window: now minus the publication delay, rounded down to what the start's age requires. */
export function alignedEnd(nowMs: number, windowSeconds: number, delaySeconds: number): number {
  const multiple = (requiredMultiple(windowSeconds + delaySeconds + 60) ?? 3600) * 1000;
  return Math.floor((nowMs - delaySeconds * 1000) / multiple) * multiple;
}

const CHART_PERIODS = [60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 7 * 86_400];

/** A period that draws the window in at most ~60 points, valid for the data's age. */
export function chartPeriod(windowSeconds: number, delaySeconds: number): number {
  const multiple = requiredMultiple(windowSeconds + delaySeconds + 60) ?? 3600;
  const wanted = windowSeconds / 60;
  return CHART_PERIODS.find((p) => p >= wanted && p % multiple === 0) ?? windowSeconds;
}
