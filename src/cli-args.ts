import { boolean, type InputSchema } from '@mlops-actions/action-kit';

/** What one command line asks for, once parsed against the action's input schema. */
export type ActionCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string }
  | {
      readonly kind: 'run';
      readonly inputs: Readonly<Record<string, string>>;
      readonly json: boolean;
      readonly summaryFile: string | undefined;
    };

/** The CLI's own options, beside the action's inputs. No action has an input of these names (a test checks it). */
export const CLI_OPTIONS = ['json', 'summary-file', 'help'] as const;

const BOOLEAN_DESCRIBE = boolean().describe;

export const isBooleanInput = (schema: InputSchema, name: string): boolean => schema[name]?.kind.describe === BOOLEAN_DESCRIBE;

/**
 * Parses `--input value`, `--input=value` and, for boolean inputs, `--input` alone (true) or followed by true/false.
 * A repeated input is joined with newlines, which is how list and KEY=VALUE inputs take several items.
 * Nothing here validates values: that is `readInputs`'s job, so the CLI and the bundle say the same thing.
 */
export function parseActionArgs(action: string, schema: InputSchema, args: readonly string[]): ActionCommand {
  const inputs: Record<string, string> = {};
  let json = false;
  let summaryFile: string | undefined;
  const usage = (message: string): ActionCommand => ({ kind: 'usage-error', message: `mlops-actions ${action}: ${message}` });

  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (!arg.startsWith('--') || arg === '--') {
      return usage(`unexpected argument '${arg}' (inputs are given as --<input> <value>; see mlops-actions ${action} --help)`);
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const next = args[i + 1];
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return inline;
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };

    if (name === 'json') {
      if (inline !== undefined) return usage('--json takes no value');
      json = true;
    } else if (name === 'summary-file') {
      const value = takeValue();
      if (value === undefined || value === '') return usage('--summary-file needs a path');
      summaryFile = value;
    } else if (name in schema) {
      let value: string | undefined;
      if (isBooleanInput(schema, name)) {
        // `--dry-run` alone means true; `--dry-run false` is still accepted, as is `--dry-run=false`.
        if (inline !== undefined) value = inline;
        else if (next !== undefined && /^(true|false)$/i.test(next)) value = args[++i]!;
        else value = 'true';
      } else {
        value = takeValue();
        if (value === undefined) return usage(`--${name} needs a value (use --${name}=<value> for a value that starts with --)`);
      }
      inputs[name] = name in inputs ? `${inputs[name]!}\n${value}` : value;
    } else {
      const hint = closest(name, Object.keys(schema));
      const valid = Object.keys(schema)
        .map((n) => `--${n}`)
        .join(', ');
      return usage(`unknown option --${name}${hint ? ` (did you mean --${hint}?)` : ''}; valid inputs: ${valid}`);
    }
  }
  return { kind: 'run', inputs, json, summaryFile };
}

/** The input a mistyped flag most likely meant: small edit distance, for the "did you mean" hint. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
