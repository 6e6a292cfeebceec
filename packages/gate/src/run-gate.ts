import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Logger } from '@mlops-actions/action-kit';
import { awsClientConfig } from '@mlops-actions/aws';
import { alignedEnd } from './cloudwatch-periods.js';
import { fetchCloudWatch, type CloudWatchStats } from './cloudwatch-fetch.js';
import type { CloudWatchRequest } from './cloudwatch-plan.js';
import { decideVerdict, evaluateCheck } from './evaluate.js';
import type { Check, Gate, Observation, Status } from './gate-model.js';
import type { CheckReport, GateReport, WaiverReport } from './gate-report.js';
import { fetchPrometheus, type PrometheusTarget } from './prometheus-fetch.js';
import { waiversFor, type Waiver, type WaiverScope } from './waivers.js';

export interface GateRun {
  readonly gate: Gate;
  readonly waivers: readonly Waiver[];
  readonly scope: WaiverScope & { readonly variant?: string };
  readonly failOnWarn: boolean;
  /** Epoch ms; every window of the run is cut from this one instant. */
  readonly now: number;
}

export interface GateClients {
  readonly cloudwatch?: CloudWatchClient;
  readonly prometheus?: PrometheusTarget;
}

/** The CloudWatch client a run uses: the suite's shared retry settings (adaptive backoff on throttling). */
export const cloudWatchClient = (region: string | undefined): CloudWatchClient => new CloudWatchClient(awsClientConfig(region));

/** Queries every check of a gate, decides each, applies waivers and returns the report. Never throws for data. */
export async function runGate(run: GateRun, clients: GateClients, logger: Logger): Promise<GateReport> {
  const { gate, now } = run;
  const cwRequests: CloudWatchRequest[] = [];
  gate.checks.forEach((c, i) => {
    for (const [side, spec] of [
      ['t', c.target],
      ['b', c.baseline?.query],
    ] as const) {
      if (spec?.source === 'cloudwatch')
        cwRequests.push({ key: `${i}${side}`, spec, windowSeconds: c.windowSeconds, delaySeconds: c.delaySeconds });
    }
  });
  const observations = new Map<string, Observation>();
  let cwStats: CloudWatchStats = { calls: 0, pages: 0, queries: 0, partialPages: 0, windows: [] };
  if (cwRequests.length > 0) {
    if (!clients.cloudwatch) throw new Error('check-gate: a CloudWatch client is needed for cloudwatch checks');
    const fetched = await logger.group(`CloudWatch: ${cwRequests.length} metric requests`, () =>
      fetchCloudWatch(clients.cloudwatch!, cwRequests, now, logger),
    );
    cwStats = fetched.stats;
    for (const [k, v] of fetched.observations) observations.set(k, v);
    logger.info(`GetMetricData: ${cwStats.calls} call(s) (${cwStats.pages} continuation pages) for ${cwStats.queries} queries`);
  }
  const prom = { calls: 0 };
  await Promise.all(
    gate.checks.flatMap((c, i) =>
      (['t', 'b'] as const).map(async (side) => {
        const spec = side === 't' ? c.target : c.baseline?.query;
        if (spec?.source !== 'prometheus') return;
        if (!clients.prometheus) throw new Error('check-gate: a Prometheus URL is needed for prometheus checks');
        const req = { key: `${i}${side}`, spec, windowSeconds: c.windowSeconds, delaySeconds: c.delaySeconds };
        observations.set(`${i}${side}`, await fetchPrometheus(clients.prometheus, req, now, prom));
      }),
    ),
  );

  const waiverStates = new Map<Waiver, WaiverReport['state']>();
  const checks = gate.checks.map((c, i): CheckReport => {
    const target = observations.get(`${i}t`) ?? { samples: 0, series: [], error: 'not queried' };
    const baseline = c.baseline ? (observations.get(`${i}b`) ?? { samples: 0, series: [], error: 'not queried' }) : undefined;
    const e = evaluateCheck(c, target, baseline);
    const { active, expired } = waiversFor(run.waivers, c.id, run.scope, now);
    for (const w of expired) waiverStates.set(w, 'expired');
    let status: Status = e.status;
    let reason = e.reason;
    if (active && (status === 'fail' || status === 'warn')) {
      waiverStates.set(active, 'used');
      status = 'waived';
      reason = `${reason} — waived by ${active.approver} until ${active.expires}: ${active.reason}`;
    } else if (active) waiverStates.set(active, 'unused');
    if (expired.length > 0 && (status === 'fail' || status === 'warn')) reason = `${reason} (waiver expired ${expired[0]!.expires})`;
    return report(c, e, status, reason, target, now, status === 'waived' ? active : undefined);
  });

  const verdict = decideVerdict(
    checks.map((c) => ({ id: c.id, status: c.status, missing: c.missing })),
    run.failOnWarn,
  );
  return {
    version: 1,
    gate: gate.name,
    origin: gate.origin,
    ...(run.scope.endpoint ? { endpoint: run.scope.endpoint } : {}),
    ...(run.scope.variant ? { variant: run.scope.variant } : {}),
    ...(run.scope.modelVersion ? { modelVersion: run.scope.modelVersion } : {}),
    generatedAt: new Date(now).toISOString(),
    verdict: verdict.verdict,
    passed: verdict.passed,
    failOnWarn: run.failOnWarn,
    failedChecks: verdict.failed,
    warnedChecks: verdict.warned,
    waivedChecks: verdict.waived,
    checks,
    waivers: [...waiverStates].map(([w, state]) => ({
      check: w.check,
      endpoint: w.endpoint,
      ...(w.modelVersion ? { modelVersion: w.modelVersion } : {}),
      reason: w.reason,
      approver: w.approver,
      expires: w.expires,
      line: w.line,
      state,
    })),
    calls: {
      getMetricData: cwStats.calls,
      pages: cwStats.pages,
      partialDataPages: cwStats.partialPages,
      queries: cwStats.queries,
      prometheus: prom.calls,
    },
    windows: uniqueWindows(gate.checks, now),
  };
}

function report(
  c: Check,
  e: ReturnType<typeof evaluateCheck>,
  status: Status,
  reason: string,
  target: Observation,
  now: number,
  waiver?: Waiver,
): CheckReport {
  const end = alignedEnd(now, c.windowSeconds, c.delaySeconds);
  const charted = status === 'fail' || status === 'warn' || status === 'waived';
  return {
    id: c.id,
    ...(c.description ? { description: c.description } : {}),
    source: c.source,
    status,
    ...(e.value !== undefined ? { value: e.value } : {}),
    ...(e.baselineValue !== undefined ? { baselineValue: e.baselineValue } : {}),
    ...(c.baseline ? { baselineVariant: c.baseline.variant } : {}),
    ...(c.unit ? { unit: c.unit } : {}),
    samples: e.samples,
    minSamples: c.minSamples,
    threshold: e.threshold,
    op: c.op,
    ...(c.fail !== undefined ? { fail: c.fail } : {}),
    ...(c.warn !== undefined ? { warn: c.warn } : {}),
    missing: c.missing,
    window: { start: new Date(end - c.windowSeconds * 1000).toISOString(), end: new Date(end).toISOString(), seconds: c.windowSeconds },
    reason,
    ...(waiver ? { waivedBy: { approver: waiver.approver, reason: waiver.reason, expires: waiver.expires } } : {}),
    ...(charted && target.series.length > 0
      ? { series: target.series.map(([t, v]) => [new Date(t).toISOString(), v * c.scale] as const) }
      : {}),
  };
}

function uniqueWindows(checks: readonly Check[], now: number): { start: string; end: string }[] {
  const seen = new Map<string, { start: string; end: string }>();
  for (const c of checks) {
    const end = alignedEnd(now, c.windowSeconds, c.delaySeconds);
    const w = { start: new Date(end - c.windowSeconds * 1000).toISOString(), end: new Date(end).toISOString() };
    seen.set(`${w.start}/${w.end}`, w);
  }
  return [...seen.values()];
}
