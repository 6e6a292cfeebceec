import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputSchema } from '@mlops-actions/action-kit';
import { parse } from 'yaml';
import { isBooleanInput } from './cli-args.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The parts of an `action.yml` the CLI shows: it is the contract, so help text comes from it, not from a copy. */
export interface ActionContract {
  readonly description: string;
  readonly inputs: Readonly<Record<string, { description?: string; required?: boolean; default?: string }>>;
  readonly outputs: Readonly<Record<string, { description?: string }>>;
  readonly runs: { readonly main: string; readonly post?: string };
}

export function readContract(dir: string): ActionContract {
  const yml = parse(readFileSync(join(REPO_ROOT, dir, 'action.yml'), 'utf8')) as Partial<ActionContract>;
  return { description: yml.description ?? '', inputs: yml.inputs ?? {}, outputs: yml.outputs ?? {}, runs: yml.runs ?? { main: '' } };
}

const WIDTH = 100;

/** Word-wraps `text` to WIDTH columns, every line indented by `indent`. */
function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

export function rootHelp(contracts: Readonly<Record<string, ActionContract>>): string {
  const names = Object.keys(contracts);
  const pad = Math.max(...names.map((n) => n.length)) + 2;
  return [
    'mlops-actions: run a step of the suite from a terminal, with the same code and input checks as the GitHub action.',
    '',
    'Usage: mlops-actions <action> --<input> <value> ... [--json] [--summary-file <path>]',
    '       mlops-actions <action> --help',
    '',
    'Actions:',
    ...names.map((n) => `  ${n.padEnd(pad)}${wrap(contracts[n]!.description, ' '.repeat(pad + 2)).trimStart()}`),
    '',
    'Outputs go to stdout as name=value lines (or one JSON object with --json); logs and the step summary go to stderr.',
    'AWS credentials, region and endpoints come from the usual AWS environment; MLflow from MLFLOW_TRACKING_URI/_TOKEN.',
    'Exit codes: 0 success, 1 the action failed (bad input or remote failure), 2 usage error.',
    '',
  ].join('\n');
}

export function actionHelp(name: string, contract: ActionContract, schema: InputSchema): string {
  const inputNames = Object.keys(contract.inputs);
  const requiredFlags = inputNames.filter((n) => contract.inputs[n]?.required).map((n) => `--${n} <value>`);
  const out = [
    `mlops-actions ${name}`,
    wrap(contract.description, '  '),
    '',
    `Usage: mlops-actions ${name} ${[...requiredFlags, '[options]'].join(' ')}`,
  ];
  out.push('', 'Inputs:');
  for (const input of inputNames) {
    const spec = contract.inputs[input]!;
    const flag = isBooleanInput(schema, input) ? `--${input} [true|false]` : `--${input} <value>`;
    const tag = spec.required ? 'required' : spec.default !== undefined ? `default: ${spec.default}` : 'optional';
    out.push(`  ${flag}  (${tag})`);
    const expects = schema[input]?.kind.describe;
    const secret = schema[input]?.secret ? ' Secret: masked in everything printed.' : '';
    const text = `${spec.description ?? ''}${expects && expects !== 'text' ? ` Check: ${expects}.` : ''}${secret}`;
    if (text.trim() !== '') out.push(wrap(text, '      '));
  }
  const outputNames = Object.keys(contract.outputs);
  if (outputNames.length > 0) {
    const pad = Math.max(...outputNames.map((n) => n.length)) + 2;
    out.push('', 'Outputs (stdout, name=value):');
    for (const o of outputNames) {
      out.push(`  ${o.padEnd(pad)}${wrap(contract.outputs[o]!.description ?? '', ' '.repeat(pad + 2)).trimStart()}`);
    }
  }
  out.push(
    '',
    'Options:',
    '  --json                 print the outputs as one JSON object instead of name=value lines',
    '  --summary-file <path>  write the step summary (Markdown) to a file instead of stderr',
    '  --help                 this text',
  );
  if (contract.runs.post) out.push('', 'Its post step (cleanup) runs right after the action, as it would at the end of the job.');
  out.push('');
  return out.join('\n');
}
