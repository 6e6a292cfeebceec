/** Durations as gate files and inputs write them: 90s, 30m, 24h, 7d. */
const SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

export const DURATION_PATTERN = '^[0-9]+(s|m|h|d)$';

export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * SECONDS[m[2] as keyof typeof SECONDS];
}

/** The shortest exact way to write a number of seconds. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    // 24h reads better than 1d for a day-long gate; days from two days on.
    if (unit === 'd' && seconds < 2 * size) continue;
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
