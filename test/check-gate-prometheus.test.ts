import { startWorld, type World } from '@mlops-actions/testbed';
import { startPrometheus, type TestPrometheus } from './support/gate-prometheus.js';
import { runCheckGate } from './support/gate-world.js';

/** check-gate's bundle against a real Prometheus (Debian's), scraping a test exporter on loopback. */
const gate = (tolerance: string) => `
window: 10m
checks:
  - id: accuracy
    source: prometheus
    query: ml_model_accuracy{endpoint="\${endpoint}",variant="\${variant}"}
    step: 15s
    stat: Minimum
    op: '>='
    fail: 0.70
    min-samples: 3
  - id: accuracy-vs-baseline
    source: prometheus
    query: max(ml_model_accuracy{endpoint="\${endpoint}",variant="\${variant}"})
    step: 15s
    op: '>='
    compare: baseline
    tolerance: ${tolerance}
`;

describe('check-gate against a real Prometheus', () => {
  let world: World;
  let prom: TestPrometheus;
  const TOKEN = 'prom-token-4f9c1b7e2d';
  beforeAll(async () => {
    [world, prom] = await Promise.all([
      startWorld({ s3: false, registry: false, mlflow: false }),
      startPrometheus('ml_model_accuracy', {
        'endpoint="bikeshare-staging",variant="canary"': 0.82,
        'endpoint="bikeshare-staging",variant="baseline"': 0.84,
        'endpoint="bikeshare-bad",variant="canary"': 0.61,
        'endpoint="bikeshare-bad",variant="baseline"': 0.8,
      }),
    ]);
  });
  afterAll(async () => {
    await prom?.stop();
    await world?.stop();
  });
  const inputs = (endpoint: string, tolerance: string) => ({
    gate: gate(tolerance),
    'endpoint-name': endpoint,
    'variant-name': 'canary',
    'baseline-variant': 'baseline',
    'prometheus-url': prom.url,
    'prometheus-token': TOKEN,
  });

  it('passes a canary whose accuracy holds and stays within tolerance of its baseline; the token never shows', async () => {
    const run = await runCheckGate(world, inputs('bikeshare-staging', '0.05'));
    expect(run.outputs).toMatchObject({ passed: 'true', verdict: 'pass' });
    expect(run.report.checks[0]).toMatchObject({ id: 'accuracy', status: 'pass', value: 0.82 });
    expect(run.report.checks[0].samples).toBeGreaterThanOrEqual(3);
    expect(run.report.checks[1]).toMatchObject({ status: 'pass', value: 0.82, baselineValue: 0.84 });
    expect(run.report.calls.prometheus).toBe(5); // query_range for each, one instant query for each side of the comparison
    const visible = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect([...visible, run.summary, JSON.stringify(run.report)].join('\n')).not.toContain(TOKEN);
  });

  it('fails a canary below the threshold and worse than its baseline beyond tolerance', async () => {
    const run = await runCheckGate(world, inputs('bikeshare-bad', '0.05'));
    expect(run.code).toBe(1);
    expect(run.outputs['failed-checks']).toBe('accuracy,accuracy-vs-baseline');
    expect(run.report.checks[1].reason).toContain('vs baseline baseline 0.8');
  });

  it('is no_data (failing) for a series Prometheus does not have, and error for a query it rejects', async () => {
    const missing = await runCheckGate(world, inputs('no-such-endpoint', '0.05'));
    expect(missing.code).toBe(1);
    expect(missing.report.checks.map((c: any) => c.status)).toEqual(['no_data', 'no_data']);
    const broken = await runCheckGate(world, { ...inputs('bikeshare-staging', '0.05'), gate: gate('0.05').replace('max(', 'max((') });
    expect(broken.report.checks[1].status).toBe('error');
    expect(broken.report.checks[1].reason).toContain('bad_data');
  });
});
