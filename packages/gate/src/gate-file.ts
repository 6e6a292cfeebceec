import { formatDuration, parseDuration } from './durations.js';
import type { Check, Gate, MetricRef, Op, QuerySpec, Tolerance } from './gate-model.js';
import { GATE_SCHEMA } from './gate-schema.js';
import { LocatedErrors } from './located-errors.js';
import { validateSchema, type JsonPath } from './schema-validator.js';
import { missingVarHint, substitute, usesVar, type Vars } from './substitution.js';
import { findUnit, unitScale } from './units.js';
import { windowProblem } from './cloudwatch-periods.js';
import { YamlSource } from './yaml-source.js';

export interface GateContext {
  /** endpoint, variant, baseline, model-version and the `vars` input, already merged (inputs win over the gate's vars). */
  readonly vars: Vars;
  /** The `window` input: overrides every check's window. */
  readonly windowOverride?: string;
}

type RawMetric = { namespace: string; metric: string; dimensions?: Record<string, string>; stat: string; 'metric-unit'?: string };
type RawCheck = Partial<RawMetric> & {
  id: string;
  description?: string;
  source: 'cloudwatch' | 'prometheus';
  expression?: string;
  metrics?: Record<string, RawMetric>;
  query?: string;
  step?: string;
  window?: string;
  delay?: string;
  op: Op;
  fail?: number;
  warn?: number;
  unit?: string;
  'min-samples'?: number;
  missing?: Check['missing'];
  compare?: 'baseline';
  'baseline-variant'?: string;
  tolerance?: number | string;
  'warn-tolerance'?: number | string;
};
type RawGate = { name?: string; window?: string; delay?: string; vars?: Record<string, string | number>; checks: RawCheck[] };

const PROMETHEUS_MAX_POINTS = 11_000;
const CLOUDWATCH_FIELDS = ['namespace', 'metric', 'dimensions', 'expression', 'metrics'] as const;

/**
 * Parses, validates and resolves a gate file. Every problem is collected and thrown at once as `InputErrors`
 * (file, line, field), before anything remote happens: a broken gate gets no verdict.
 */
export function loadGate(text: string, origin: string, ctx: GateContext): Gate {
  const source = new YamlSource(origin, text);
  const errors = new LocatedErrors('gate', source);
  for (const e of source.syntaxErrors) errors.addRaw(`${e} (not valid YAML)`);
  errors.throwIfAny();
  for (const e of validateSchema(GATE_SCHEMA, source.value)) errors.add(e.path, e.message, e.atKey);
  errors.throwIfAny();

  const raw = source.value as RawGate;
  const vars: Vars = { ...Object.fromEntries(Object.entries(raw.vars ?? {}).map(([k, v]) => [k, String(v)])), ...ctx.vars };
  const seen = new Map<string, number>();
  const checks: Check[] = [];
  raw.checks.forEach((c, i) => {
    const at = (...rest: (string | number)[]): JsonPath => ['checks', i, ...rest];
    const first = seen.get(c.id);
    if (first !== undefined)
      errors.add(at('id'), `duplicate id "${c.id}" (first used by checks[${first}], line ${source.line(['checks', first])})`);
    seen.set(c.id, i);
    const check = resolveCheck(c, raw, ctx, vars, (path, message) => errors.add(at(...path), message));
    if (check) checks.push({ ...check, line: source.line(at()) });
  });
  errors.throwIfAny();
  return { name: raw.name ?? origin, origin, checks };
}

type Report = (path: JsonPath, message: string) => void;

function resolveCheck(c: RawCheck, gate: RawGate, ctx: GateContext, vars: Vars, report: Report): Omit<Check, 'line'> | undefined {
  const before = { n: 0 };
  const bad: Report = (path, message) => {
    before.n++;
    report(path, message);
  };
  const windowText = ctx.windowOverride ?? c.window ?? gate.window ?? '24h';
  const windowSeconds = parseDuration(windowText)!;
  const delaySeconds = parseDuration(c.delay ?? gate.delay ?? '2m')!;
  const windowField = ctx.windowOverride ? ['window'] : [];
  const fromInput = ctx.windowOverride ? " (from input 'window')" : '';
  if (windowSeconds <= 0) bad(windowField, `window ${windowText}${fromInput} must be longer than 0`);

  if (c.source === 'prometheus') {
    for (const f of CLOUDWATCH_FIELDS)
      if (c[f] !== undefined) bad([f], 'is a CloudWatch field; a prometheus check has query (and optionally stat, step)');
  } else {
    if (c.query !== undefined || c.step !== undefined)
      bad([c.query !== undefined ? 'query' : 'step'], 'is a Prometheus field; this check has source: cloudwatch');
    if (c.expression !== undefined && c.metric !== undefined)
      bad(['expression'], 'set either namespace + metric + stat, or expression + metrics, not both');
    const problem = windowSeconds > 0 ? windowProblem(windowSeconds, delaySeconds) : undefined;
    if (problem) bad(windowField.length ? windowField : c.window ? ['window'] : [], `window ${windowText}${fromInput}: ${problem}`);
  }

  // Thresholds: warn is the stricter level, so it must sit on the healthy side of fail.
  if (c.op === '==' && c.warn !== undefined) bad(['warn'], "op '==' has no stricter level: use fail only");
  if (c.fail !== undefined && c.warn !== undefined && c.op !== '==') {
    const higherIsBetter = c.op === '>=' || c.op === '>';
    if (higherIsBetter ? c.warn < c.fail : c.warn > c.fail)
      bad(
        ['warn'],
        `warn ${c.warn} is never reached with op '${c.op}' and fail ${c.fail}: warn must be ${higherIsBetter ? '>=' : '<='} fail`,
      );
  }
  if (c.compare && (c.fail !== undefined || c.warn !== undefined))
    bad(['compare'], 'a baseline comparison uses tolerance / warn-tolerance, not fail / warn');

  // Units: values are converted from metric-unit (what is published) to unit (what thresholds are written in).
  const fromUnit = c['metric-unit'];
  const toUnit = c.unit ?? fromUnit;
  let scale = 1;
  if (fromUnit !== undefined && toUnit !== undefined) {
    const s = unitScale(fromUnit, toUnit);
    if (typeof s === 'string') bad(['unit'], s);
    else scale = s;
  }
  if (c.stat === 'SampleCount' && scale !== 1) bad(['unit'], 'a SampleCount is a count: it has no unit to convert');

  const build = (v: Vars, field: JsonPath): QuerySpec | undefined => buildQuery(c, v, (path, m) => bad([...field, ...path], m));
  const target = build(vars, []);
  let baseline: Check['baseline'];
  if (c.compare === 'baseline') {
    const variant = c['baseline-variant'] !== undefined ? substitute(c['baseline-variant'], vars).text : vars.baseline;
    const raw = JSON.stringify([c.dimensions, c.metrics, c.query, c.expression]);
    if (variant === undefined) bad(['compare'], "needs a baseline variant: set baseline-variant, or input 'baseline-variant'");
    else if (!usesVar(raw, 'variant')) bad(['compare'], 'the query does not use ${variant}, so the baseline would be the canary itself');
    else if (variant === vars.variant) bad(['compare'], `the baseline variant "${variant}" is the variant under test`);
    const query = variant !== undefined ? build({ ...vars, variant }, []) : undefined;
    const tolerance = parseTolerance(c.tolerance!);
    const warnTolerance = c['warn-tolerance'] !== undefined ? parseTolerance(c['warn-tolerance']) : undefined;
    if (warnTolerance && warnTolerance.relative === tolerance.relative && warnTolerance.value > tolerance.value)
      bad(['warn-tolerance'], `must not be larger than tolerance ${String(c.tolerance)}`);
    if (query && variant !== undefined) baseline = { variant, query, tolerance, ...(warnTolerance ? { warnTolerance } : {}) };
  }
  if (target?.source === 'prometheus') {
    const points = windowSeconds / target.stepSeconds;
    if (points > PROMETHEUS_MAX_POINTS)
      bad(
        ['step'],
        `window ${formatDuration(windowSeconds)} at step ${formatDuration(target.stepSeconds)} is ${points} points; Prometheus answers at most ${PROMETHEUS_MAX_POINTS}: use a larger step`,
      );
  }
  if (before.n > 0 || !target) return undefined;
  return {
    id: c.id,
    ...(c.description ? { description: c.description } : {}),
    source: c.source,
    target,
    ...(baseline ? { baseline } : {}),
    windowSeconds,
    delaySeconds,
    op: c.op,
    ...(c.fail !== undefined ? { fail: c.fail } : {}),
    ...(c.warn !== undefined ? { warn: c.warn } : {}),
    ...(toUnit !== undefined ? { unit: findUnit(toUnit)?.cloudwatch ?? toUnit } : {}),
    scale: c.stat === 'SampleCount' ? 1 : scale,
    minSamples: c['min-samples'] ?? 1,
    missing: c.missing ?? 'fail',
  };
}

function parseTolerance(t: number | string): Tolerance {
  return typeof t === 'number' ? { value: t, relative: false } : { value: Number(t.replace('%', '')), relative: true };
}

/** The check's query with `${...}` substituted; unknown names and metric-math ids are reported at their field. */
function buildQuery(c: RawCheck, vars: Vars, report: Report): QuerySpec | undefined {
  let ok = true;
  const sub = (text: string, path: JsonPath): string => {
    const r = substitute(text, vars);
    for (const name of r.missing) {
      ok = false;
      report(path, missingVarHint(name));
    }
    return r.text;
  };
  const ref = (m: RawMetric, path: JsonPath, unit: string | undefined): MetricRef => {
    const cwUnit = unit !== undefined ? findUnit(unit)?.cloudwatch : undefined;
    return {
      namespace: sub(m.namespace, [...path, 'namespace']),
      metric: sub(m.metric, [...path, 'metric']),
      dimensions: Object.entries(m.dimensions ?? {}).map(([Name, v]) => ({ Name, Value: sub(v, [...path, 'dimensions', Name]) })),
      stat: m.stat,
      ...(cwUnit ? { unit: cwUnit } : {}),
    };
  };
  let spec: QuerySpec;
  if (c.source === 'prometheus') {
    spec = {
      source: 'prometheus',
      query: sub(c.query!, ['query']),
      ...(c.stat ? { stat: c.stat } : {}),
      stepSeconds: parseDuration(c.step ?? '1m')!,
    };
    if (spec.stepSeconds <= 0) {
      report(['step'], 'must be longer than 0');
      ok = false;
    }
  } else if (c.expression !== undefined) {
    const metrics = Object.fromEntries(Object.entries(c.metrics ?? {}).map(([id, m]) => [id, ref(m, ['metrics', id], m['metric-unit'])]));
    for (const id of expressionIds(c.expression)) {
      if (!(id in metrics)) {
        ok = false;
        report(['expression'], `uses "${id}", which is not one of metrics (${Object.keys(metrics).join(', ')})`);
      }
    }
    spec = { source: 'cloudwatch', kind: 'math', expression: sub(c.expression, ['expression']), metrics };
  } else {
    spec = { source: 'cloudwatch', kind: 'metric', metric: ref(c as RawMetric, [], c['metric-unit']) };
  }
  return ok ? spec : undefined;
}

/** Lowercase identifiers outside quotes and not called as functions: the metric ids an expression refers to. */
export function expressionIds(expression: string): string[] {
  const unquoted = expression.replace(/'[^']*'|"[^"]*"/g, '""');
  return [...unquoted.matchAll(/\b([a-z][a-zA-Z0-9_]*)\b(?!\s*\()/g)].map((m) => m[1]!);
}
