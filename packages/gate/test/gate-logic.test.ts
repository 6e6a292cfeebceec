import { chartPeriod, windowProblem } from '../src/cloudwatch-periods.js';
import { planBatches, prefixExpression, type CloudWatchRequest } from '../src/cloudwatch-plan.js';
import { decideVerdict, evaluateCheck } from '../src/evaluate.js';
import type { Check } from '../src/gate-model.js';
import { loadWaivers, waiversFor } from '../src/waivers.js';
import { statOf } from '../src/prometheus-fetch.js';

const NOW = Date.parse('2025-06-01T12:00:30Z');
const base: Check = {
  id: 'c',
  source: 'cloudwatch',
  target: { source: 'cloudwatch', kind: 'metric', metric: { namespace: 'N', metric: 'M', dimensions: [], stat: 'p95' } },
  windowSeconds: 86_400,
  delaySeconds: 120,
  op: '<=',
  fail: 200,
  scale: 0.001,
  minSamples: 10,
  missing: 'fail',
  line: 1,
};

describe('CloudWatch periods and batching', () => {
  it('serves a window as one period only where the data-age rules allow it', () => {
    expect(windowProblem(86_400, 120)).toBeUndefined();
    expect(windowProblem(90, 0)).toMatch(/multiples of 1 minute/);
    expect(windowProblem(20 * 86_400 + 60, 120)).toMatch(/multiples of 5 minutes/);
    expect(windowProblem(100 * 86_400, 120)).toBeUndefined();
    expect(chartPeriod(86_400, 120)).toBe(1800);
  });

  it('packs one window into ceil(queries / 500) requests, keeping a check’s queries together', () => {
    const req = (i: number): CloudWatchRequest => ({
      key: `k${i}`,
      spec: base.target as CloudWatchRequest['spec'],
      windowSeconds: 86_400,
      delaySeconds: 120,
    });
    const { batches } = planBatches(
      Array.from({ length: 200 }, (_, i) => req(i)),
      NOW,
    );
    expect(batches.map((b) => b.queries.length)).toEqual([498, 102]);
    expect(new Set(batches.map((b) => `${b.start}/${b.end}`)).size).toBe(1);
    expect(batches[0]!.end).toBe(Date.parse('2025-06-01T11:58:00Z'));
    expect(batches[0]!.queries[0]!.MetricStat).toMatchObject({ Period: 86_400, Stat: 'p95' });
  });

  it('renames metric ids in math, not functions or quoted text', () => {
    expect(prefixExpression("SUM(METRICS('e')) / e + errors", new Set(['e', 'errors']), 'q1v_')).toBe(
      "SUM(METRICS('e')) / q1v_e + q1v_errors",
    );
  });
});

describe('evaluateCheck and the verdict', () => {
  it('never passes without enough data; missing: zero evaluates 0', () => {
    expect(evaluateCheck(base, { samples: 0, series: [] }).status).toBe('no_data');
    expect(evaluateCheck(base, { value: 1000, samples: 3, series: [] })).toMatchObject({
      status: 'no_data',
      reason: expect.stringContaining('3 samples < min-samples 10'),
    });
    expect(evaluateCheck({ ...base, missing: 'zero' }, { samples: 0, series: [] })).toMatchObject({ status: 'pass', value: 0 });
    expect(evaluateCheck(base, { samples: 0, series: [], error: 'boom' }).status).toBe('error');
  });

  it('converts µs to ms before comparing, and warns at the stricter level', () => {
    expect(evaluateCheck(base, { value: 250_000, samples: 50, series: [] })).toMatchObject({ status: 'fail', value: 250 });
    expect(evaluateCheck({ ...base, warn: 150 }, { value: 180_000, samples: 50, series: [] }).status).toBe('warn');
  });

  it('fails on fail, error and no_data(missing: fail); warns otherwise; fail-on-warn fails warnings', () => {
    const r = (status: any, missing: any = 'fail') => ({ id: status + missing, status, missing });
    expect(decideVerdict([r('pass'), r('waived'), r('no_data', 'skip')], false).verdict).toBe('pass');
    expect(decideVerdict([r('pass'), r('warn')], false)).toMatchObject({ verdict: 'warn', passed: true });
    expect(decideVerdict([r('warn')], true)).toMatchObject({ verdict: 'fail', passed: false });
    expect(decideVerdict([r('no_data', 'warn')], false).verdict).toBe('warn');
    expect(decideVerdict([r('no_data')], false).verdict).toBe('fail');
    expect(decideVerdict([r('error')], false).verdict).toBe('fail');
  });

  it('computes CloudWatch statistics over Prometheus points (nearest rank)', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([statOf(v, 'p95'), statOf(v, 'Average'), statOf(v, 'SampleCount'), statOf([], 'Sum')]).toEqual([95, 50.5, 100, undefined]);
  });
});

describe('waivers', () => {
  const file = (expires: string, extra = '') =>
    `waivers:\n  - check: psi\n    endpoint: ep\n    reason: reviewed drift after the station change\n    approver: '@lead'\n    expires: '${expires}'\n${extra}`;

  it('apply in scope until they expire (a date waives through its whole day)', () => {
    const ws = loadWaivers(file('2025-06-10'), 'w.yml', NOW);
    expect(waiversFor(ws, 'psi', { endpoint: 'ep' }, NOW).active?.approver).toBe('@lead');
    expect(waiversFor(ws, 'psi', { endpoint: 'other' }, NOW).active).toBeUndefined();
    const later = Date.parse('2025-06-11T00:00:00Z');
    expect(waiversFor(ws, 'psi', { endpoint: 'ep' }, later)).toEqual({ expired: [ws[0]] });
  });

  it('is scoped to a model version when it names one', () => {
    const ws = loadWaivers(file('2025-06-10', '    model-version: 7\n'), 'w.yml', NOW);
    expect(waiversFor(ws, 'psi', { endpoint: 'ep', modelVersion: '7' }, NOW).active).toBeDefined();
    expect(waiversFor(ws, 'psi', { endpoint: 'ep', modelVersion: '8' }, NOW).active).toBeUndefined();
  });

  it.each([
    ['more than 30 days ahead', file('2025-07-15'), /line 6, column 14: waivers\[0\]\.expires: "2025-07-15" is more than 30 days ahead/],
    ['not a date', file('2025-02-30T25:00Z'), /waivers\[0\]\.expires/],
    [
      'without approver',
      file('2025-06-10').replace("    approver: '@lead'\n", ''),
      /line 2, column 5: waivers\[0\]: is missing 'approver'/,
    ],
  ])('rejects a waiver %s, naming file, line and field', (_n, text, expected) => {
    expect(() => loadWaivers(text, 'w.yml', NOW)).toThrow(expected);
  });
});
