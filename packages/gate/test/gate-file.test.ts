import { InputErrors } from '@mlops-actions/action-kit';
import { loadGate } from '../src/gate-file.js';

const errorsOf = (text: string, vars: Record<string, string> = {}, windowOverride?: string): string[] => {
  try {
    loadGate(text, 'gate.yml', { vars, ...(windowOverride ? { windowOverride } : {}) });
  } catch (error) {
    if (error instanceof InputErrors) return error.errors.map((e) => e.message);
    throw error;
  }
  return [];
};
const check = (extra: string, id = 'a') =>
  `  - id: ${id}\n    source: cloudwatch\n    namespace: N\n    metric: M\n    stat: Average\n    op: '>='\n${extra}`;

describe('loadGate: every bad gate is one line naming the file, line and field', () => {
  it.each([
    ['not valid YAML', 'checks: [\n  - id', /line 2, column \d+: .*\(not valid YAML\)/],
    ['a schema failure', `checks:\n${check('    fail: high\n')}`, /line 8, column 11: checks\[0\]\.fail: must be a number \(got "high"\)/],
    [
      'an unknown statistic',
      `checks:\n${check('    fail: 1\n').replace('Average', 'p101')}`,
      /line 6, column 11: checks\[0\]\.stat: "p101" must be a statistic/,
    ],
    ['no threshold', `checks:\n${check('')}`, /line 2, column 5: checks\[0\]: has no threshold/],
    [
      'a window CloudWatch cannot serve',
      `checks:\n${check('    fail: 1\n    window: 25921m\n')}`,
      /checks\[0\]\.window: window 25921m: .*multiples of 5 minutes/,
    ],
    ['a window beyond retention', `checks:\n${check('    fail: 1\n    window: 500d\n')}`, /no data older than 455 days/],
    [
      'duplicate ids',
      `checks:\n${check('    fail: 1\n')}${check('    fail: 1\n')}`,
      /line 9, column 9: checks\[1\]\.id: duplicate id "a" \(first used by checks\[0\], line 2\)/,
    ],
    [
      'an unset variable',
      `checks:\n${check("    fail: 1\n    dimensions: { City: '${city}' }\n")}`,
      /checks\[0\]\.dimensions\.City: \$\{city\} has no value/,
    ],
    ['an unreachable warn level', `checks:\n${check('    fail: 0.7\n    warn: 0.6\n')}`, /checks\[0\]\.warn: warn 0.6 is never reached/],
    [
      'units that do not convert',
      `checks:\n${check('    fail: 1\n    metric-unit: us\n    unit: MB\n')}`,
      /cannot convert Microseconds to Megabytes/,
    ],
  ])('%s', (_name, text, expected) => {
    const errors = errorsOf(text);
    expect(errors.some((e) => e.startsWith(`input 'gate' = "gate.yml": `) && expected.test(e))).toBe(true);
  });

  it('a window CloudWatch cannot serve from the window input names the input', () => {
    expect(errorsOf(`checks:\n${check('    fail: 1\n')}`, {}, '90s')[0]).toMatch(/window: window 90s \(from input 'window'\)/);
  });

  it('resolves substitutions, units and defaults', () => {
    const gate = loadGate(
      `vars: { city: sf }\nchecks:\n${check("    fail: 200\n    metric-unit: us\n    unit: ms\n    dimensions: { E: '${endpoint}', C: '${city}' }\n")}`,
      'g',
      { vars: { endpoint: 'ep', city: 'nyc' } },
    );
    const c = gate.checks[0]!;
    expect(c).toMatchObject({
      windowSeconds: 86_400,
      delaySeconds: 120,
      scale: 0.001,
      minSamples: 1,
      missing: 'fail',
      unit: 'Milliseconds',
      line: 3,
    });
    expect(c.target).toMatchObject({
      metric: {
        dimensions: [
          { Name: 'E', Value: 'ep' },
          { Name: 'C', Value: 'nyc' },
        ],
        unit: 'Microseconds',
      },
    });
  });

  it('builds the baseline query from the same template with ${variant} set to the baseline variant', () => {
    const text = `checks:\n  - { id: c, source: prometheus, query: 'acc{v="\${variant}"}', op: '>=', compare: baseline, tolerance: 5% }\n`;
    const c = loadGate(text, 'g', { vars: { variant: 'canary', baseline: 'stable' } }).checks[0]!;
    expect(c.target).toMatchObject({ query: 'acc{v="canary"}' });
    expect(c.baseline).toMatchObject({ variant: 'stable', query: { query: 'acc{v="stable"}' }, tolerance: { value: 5, relative: true } });
    expect(errorsOf(text, { variant: 'canary' })[0]).toMatch(/needs a baseline variant/);
    expect(errorsOf(text.replace('${variant}', 'x'), { variant: 'canary', baseline: 'b' })[0]).toMatch(/does not use \$\{variant\}/);
  });
});
