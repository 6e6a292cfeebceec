/**
 * A small subset of CloudWatch metric math: numbers, query ids, `+ - * /`, parentheses, unary minus,
 * `METRICS()` / `METRICS('substring of id')`, `[m1, m2]` arrays, `SUM|AVG|MIN|MAX` (of an array: per timestamp;
 * of one series: a scalar) and `ABS`. Anything else is rejected by name, never answered approximately.
 */

/** A time series: values by epoch millisecond. */
export type TimeSeries = Map<number, number>;
type Value = { kind: 'scalar'; v: number } | { kind: 'series'; s: TimeSeries } | { kind: 'array'; items: TimeSeries[] };

export class MetricMathError extends Error {}

type Token = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'str'; v: string } | { t: 'op'; v: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (/[0-9.]/.test(c)) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i))!;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new MetricMathError(`Unterminated string at position ${i + 1}`);
      out.push({ t: 'str', v: text.slice(i + 1, end) });
      i = end + 1;
    } else if ('+-*/(),[]'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
    } else throw new MetricMathError(`Unrecognized token '${c}' at position ${i + 1}`);
  }
  return out;
}

export interface MathContext {
  /** The series of a query id (evaluating it first if it is itself an expression). */
  series(id: string): TimeSeries;
  /** The ids of the request's MetricStat queries (what METRICS() returns). */
  metricIds(): string[];
}

/** Evaluates an expression to a time series (a scalar result is an error: the world cannot place it in time). */
export function evaluateExpression(expression: string, ctx: MathContext): TimeSeries {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (op: string): void => {
    const tok = tokens[pos++];
    if (tok?.t !== 'op' || tok.v !== op) throw new MetricMathError(`Expected '${op}' in expression ${expression}`);
  };
  const sum = (): Value => {
    let left = term();
    for (let tok = peek(); tok?.t === 'op' && (tok.v === '+' || tok.v === '-'); tok = peek()) {
      pos++;
      left = binary(tok.v, left, term());
    }
    return left;
  };
  const term = (): Value => {
    let left = unary();
    for (let tok = peek(); tok?.t === 'op' && (tok.v === '*' || tok.v === '/'); tok = peek()) {
      pos++;
      left = binary(tok.v, left, unary());
    }
    return left;
  };
  const unary = (): Value => {
    const tok = peek();
    if (tok?.t === 'op' && tok.v === '-') {
      pos++;
      return binary('*', { kind: 'scalar', v: -1 }, unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const tok = tokens[pos++];
    if (!tok) throw new MetricMathError(`Unexpected end of expression ${expression}`);
    if (tok.t === 'num') return { kind: 'scalar', v: tok.v };
    if (tok.t === 'op' && tok.v === '(') {
      const v = sum();
      expect(')');
      return v;
    }
    if (tok.t === 'op' && tok.v === '[') {
      const items: TimeSeries[] = [];
      while (peek()?.v !== ']') {
        const v = sum();
        if (v.kind === 'series') items.push(v.s);
        else if (v.kind === 'array') items.push(...v.items);
        else throw new MetricMathError('Arrays may hold only time series');
        if (peek()?.v === ',') pos++;
        else break;
      }
      expect(']');
      return { kind: 'array', items };
    }
    if (tok.t === 'id' && peek()?.v === '(') {
      pos++;
      const args: (Value & { str?: string })[] = [];
      while (peek() && peek()?.v !== ')') {
        const a = peek()?.t === 'str' ? { kind: 'scalar' as const, v: NaN, str: (tokens[pos++] as { v: string }).v } : sum();
        args.push(a);
        if (peek()?.v === ',') pos++;
        else break;
      }
      expect(')');
      return call(tok.v, args, ctx);
    }
    if (tok.t === 'id') return { kind: 'series', s: ctx.series(tok.v) };
    throw new MetricMathError(`Unexpected '${tok.v}' in expression ${expression}`);
  };
  const value = sum();
  if (pos < tokens.length) throw new MetricMathError(`Unexpected '${String(tokens[pos]!.v)}' in expression ${expression}`);
  if (value.kind === 'series') return value.s;
  if (value.kind === 'array')
    throw new MetricMathError(`The expression ${expression} returns an array of time series; the local world answers one series per query`);
  throw new MetricMathError(`The expression ${expression} returns a scalar; the local world does not turn scalars into time series`);
}

function call(name: string, args: (Value & { str?: string })[], ctx: MathContext): Value {
  const fn = name.toUpperCase();
  if (fn === 'METRICS') {
    const filter = args[0]?.str;
    return {
      kind: 'array',
      items: ctx
        .metricIds()
        .filter((id) => filter === undefined || id.includes(filter))
        .map((id) => ctx.series(id)),
    };
  }
  const reducers: Record<string, (xs: number[]) => number> = {
    SUM: (xs) => xs.reduce((a, b) => a + b, 0),
    AVG: (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
    MIN: (xs) => Math.min(...xs),
    MAX: (xs) => Math.max(...xs),
  };
  const arg = args[0];
  if (fn === 'ABS' && args.length === 1 && arg) return map(arg, Math.abs);
  const reduce = reducers[fn];
  if (!reduce) throw new MetricMathError(`The local world does not implement the metric math function ${name}`);
  if (args.length !== 1 || !arg) throw new MetricMathError(`${fn} takes one argument`);
  if (arg.kind === 'scalar') return arg;
  if (arg.kind === 'series') {
    const xs = [...arg.s.values()];
    if (xs.length === 0) throw new MetricMathError(`${fn} of an empty time series has no value`);
    return { kind: 'scalar', v: reduce(xs) };
  }
  const byTime = new Map<number, number[]>();
  for (const s of arg.items) for (const [t, v] of s) byTime.set(t, [...(byTime.get(t) ?? []), v]);
  const out: TimeSeries = new Map();
  for (const [t, xs] of [...byTime].sort((a, b) => a[0] - b[0])) out.set(t, reduce(xs));
  return { kind: 'series', s: out };
}

function map(v: Value, f: (x: number) => number): Value {
  if (v.kind === 'scalar') return { kind: 'scalar', v: f(v.v) };
  if (v.kind === 'series') return { kind: 'series', s: new Map([...v.s].map(([t, x]) => [t, f(x)])) };
  return { kind: 'array', items: v.items.map((s) => new Map([...s].map(([t, x]) => [t, f(x)]))) };
}

const OPS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

/** Series with series: only timestamps both have; non-finite results (x/0) are dropped. */
function binary(op: string, a: Value, b: Value): Value {
  const f = OPS[op]!;
  const keep = (s: TimeSeries): TimeSeries => new Map([...s].filter(([, x]) => Number.isFinite(x)));
  if (a.kind === 'array' || b.kind === 'array')
    throw new MetricMathError(`The local world does not apply '${op}' to arrays of time series`);
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', v: f(a.v, b.v) };
  if (a.kind === 'scalar' && b.kind === 'series') return { kind: 'series', s: keep(new Map([...b.s].map(([t, x]) => [t, f(a.v, x)]))) };
  if (a.kind === 'series' && b.kind === 'scalar') return { kind: 'series', s: keep(new Map([...a.s].map(([t, x]) => [t, f(x, b.v)]))) };
  const sa = (a as { s: TimeSeries }).s;
  const sb = (b as { s: TimeSeries }).s;
  const out: TimeSeries = new Map();
  for (const [t, x] of sa) {
    const y = sb.get(t);
    if (y !== undefined) out.set(t, f(x, y));
  }
  return { kind: 'series', s: keep(out) };
}
