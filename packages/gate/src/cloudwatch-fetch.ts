import { GetMetricDataCommand, type CloudWatchClient, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { errorMessage, type Logger } from '@mlops-actions/action-kit';
import { planBatches, type Batch, type CloudWatchRequest } from './cloudwatch-plan.js';
import type { Observation } from './gate-model.js';

export interface CloudWatchStats {
  /** GetMetricData requests, pages included. */
  calls: number;
  /** Requests that continued a previous one with NextToken. */
  pages: number;
  queries: number;
  /** Pages on which CloudWatch said PartialData (followed up with NextToken where it gave one). */
  partialPages: number;
  windows: { start: number; end: number }[];
}

interface Collected {
  timestamps: number[];
  values: number[];
  status: string;
  messages: string[];
}

/**
 * Answers every CloudWatch request of a run with as few GetMetricData calls as possible, following NextToken to
 * the end. Throttling and 5xx are retried with backoff by the SDK (adaptive retry mode, see `awsClientConfig`);
 * a call that still fails makes its requests `error`, and so does a result left PartialData after the last page.
 */
export async function fetchCloudWatch(
  client: CloudWatchClient,
  requests: readonly CloudWatchRequest[],
  nowMs: number,
  logger: Logger,
): Promise<{ observations: Map<string, Observation>; stats: CloudWatchStats }> {
  const { batches, tooLarge } = planBatches(requests, nowMs);
  const stats: CloudWatchStats = { calls: 0, pages: 0, queries: 0, partialPages: 0, windows: [] };
  const observations = new Map<string, Observation>();
  for (const key of tooLarge) observations.set(key, { samples: 0, series: [], error: 'its metric math needs more than 500 queries' });
  for (const b of batches) {
    stats.queries += b.queries.length;
    if (!stats.windows.some((w) => w.start === b.start && w.end === b.end)) stats.windows.push({ start: b.start, end: b.end });
    let collected: Map<string, Collected>;
    try {
      collected = await runBatch(client, b, stats);
    } catch (error) {
      const message = `GetMetricData failed: ${errorName(error)}${errorMessage(error)}`;
      logger.warning(message);
      for (const r of b.requests) observations.set(r.key, { samples: 0, series: [], error: message });
      continue;
    }
    for (const r of b.requests) observations.set(r.key, observe(r, collected));
  }
  return { observations, stats };
}

const errorName = (error: unknown): string => (error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '');

async function runBatch(client: CloudWatchClient, b: Batch, stats: CloudWatchStats): Promise<Map<string, Collected>> {
  const out = new Map<string, Collected>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: b.queries,
        StartTime: new Date(b.start),
        EndTime: new Date(b.end),
        ScanBy: 'TimestampAscending',
        ...(token ? { NextToken: token } : {}),
      }),
    );
    stats.calls++;
    if (token) stats.pages++;
    const results: MetricDataResult[] = page.MetricDataResults ?? [];
    if (results.some((r) => r.StatusCode === 'PartialData')) stats.partialPages++;
    for (const r of results) {
      const c = out.get(r.Id!) ?? { timestamps: [], values: [], status: 'Complete', messages: [] };
      c.timestamps.push(...(r.Timestamps ?? []).map((t) => t.getTime()));
      c.values.push(...(r.Values ?? []));
      // The status of a result is the one of the last page it appears on.
      c.status = r.StatusCode ?? 'Complete';
      c.messages.push(...(r.Messages ?? []).map((m) => `${m.Code ?? ''}: ${m.Value ?? ''}`));
      out.set(r.Id!, c);
    }
    token = page.NextToken;
  } while (token);
  return out;
}

function observe(r: Batch['requests'][number], collected: Map<string, Collected>): Observation {
  const value = collected.get(r.value);
  const chart = collected.get(r.chart);
  const problems = [r.value, r.chart, ...r.samples]
    .map((id) => [id, collected.get(id)] as const)
    .filter(([, c]) => c && c.status !== 'Complete');
  const series = chart ? chart.timestamps.map((t, i) => [t, chart.values[i]!] as const).sort((a, b) => a[0] - b[0]) : [];
  if (problems.length > 0) {
    const [, c] = problems[0]!;
    const what = c!.status === 'PartialData' ? 'PartialData after the last page: the value would be incomplete' : c!.status;
    return {
      samples: 0,
      series,
      error: `CloudWatch answered ${what}${c!.messages.length ? ` (${c!.messages.join('; ')})` : ''}`,
      partial: c!.status === 'PartialData',
    };
  }
  if (value && value.values.length > 1) {
    return { samples: 0, series, error: `CloudWatch answered ${value.values.length} datapoints for a one-period window` };
  }
  const counts = r.samples.map((id) => collected.get(id)?.values[0] ?? 0);
  const samples = counts.length > 0 ? Math.min(...counts) : 0;
  const v = value?.values[0];
  return { ...(v !== undefined ? { value: v } : {}), samples, series };
}
