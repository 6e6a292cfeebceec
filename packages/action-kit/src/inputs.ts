import { InputError } from './input-error.js';
import { Expected, type Kind } from './kinds.js';

/** One input of an action: how to parse it, whether it must be given, its default, whether it is a secret. */
export interface Field<T, Optional extends boolean = boolean> {
  readonly kind: Kind<T>;
  readonly required: boolean;
  readonly default: string | undefined;
  readonly secret: boolean;
  readonly optional: Optional;
}

export const required = <T>(kind: Kind<T>, opts: { secret?: boolean } = {}): Field<T, false> => ({
  kind,
  required: true,
  default: undefined,
  secret: opts.secret ?? false,
  optional: false,
});

export const optional = <T>(kind: Kind<T>, opts: { secret?: boolean } = {}): Field<T, true> => ({
  kind,
  required: false,
  default: undefined,
  secret: opts.secret ?? false,
  optional: true,
});

/** An input with a default; the default is what `action.yml` declares too (a contract test compares them). */
export const withDefault = <T>(kind: Kind<T>, value: string): Field<T, false> => ({
  kind,
  required: false,
  default: value,
  secret: false,
  optional: false,
});

export type InputSchema = Readonly<Record<string, Field<unknown>>>;

type ValueOf<F> = F extends Field<infer T, infer O> ? (O extends true ? T | undefined : T) : never;

/** The typed object an action works with, keyed by the input names of its `action.yml`. */
export type Inputs<S extends InputSchema> = { readonly [K in keyof S]: ValueOf<S[K]> };

/** Where raw values come from: `INPUT_*` variables on GitHub, flags in the CLI, a map in tests. */
export type InputSource = (name: string) => string | undefined;

/** Every bad input of one run, one line each. */
export class InputErrors extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'InputErrors';
  }
}

/**
 * Reads and validates every input once. Secrets are masked before anything else sees them.
 * Throws `InputErrors` (before any remote call) when one or more inputs are bad.
 */
export function readInputs<S extends InputSchema>(
  schema: S,
  source: InputSource,
  mask: (secret: string) => void = () => undefined,
): Inputs<S> {
  const values: Record<string, unknown> = {};
  const errors: InputError[] = [];
  for (const [name, field] of Object.entries(schema)) {
    const given = source(name)?.trim();
    const raw = given === undefined || given === '' ? field.default : given;
    if (field.secret && raw) mask(raw);
    if (raw === undefined || raw === '') {
      if (field.required) errors.push(new InputError(name, '', 'is required'));
      values[name] = undefined;
      continue;
    }
    try {
      values[name] = field.kind.parse(raw);
    } catch (error) {
      if (!(error instanceof Expected)) throw error;
      errors.push(new InputError(name, field.secret ? '***' : raw, error.message));
    }
  }
  if (errors.length > 0) throw new InputErrors(errors);
  return values as Inputs<S>;
}

/** A check across inputs (e.g. serverless and instance settings together), phrased like a single-input error. */
export function inputConflict(input: string, value: string, expected: string): InputErrors {
  return new InputErrors([new InputError(input, value, expected)]);
}
