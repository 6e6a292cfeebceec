import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, readActionYml, type ActionYml } from './repo.js';

/**
 * A static check of a workflow against this repository's action.yml files, so the example workflows cannot rot:
 * every `uses:` of this repository names an action that exists, every `with:` key is a declared input, every required
 * input without a default is given, and every `steps.<id>.outputs.<name>` / `needs.<job>.outputs.<name>` resolves.
 * actionlint checks the rest of the syntax; it cannot know our actions, which is what this adds.
 */

/** The placeholder owner/repo the examples use; users replace it with theirs (workflows-examples/README.md). */
export const THIS_REPO = 'mlops-actions/mlops-actions';

/** Finds an action of this repository by its `uses:` path (`actions/<name>`, or '' for the root action). */
export type ActionLookup = (path: string) => ActionYml | undefined;

export const repoActions: ActionLookup = (path) => {
  const dir = path === '' ? '.' : path;
  return existsSync(join(REPO_ROOT, dir, 'action.yml')) ? readActionYml(dir) : undefined;
};

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  outputs?: Record<string, unknown>;
  steps?: Step[];
}

/** What a step produces, as far as this check can know it. */
type StepOutputs = { kind: 'action'; name: string; outputs: Set<string> } | { kind: 'run'; script: string } | { kind: 'other' };

const STEP_REF = /\bsteps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;
const NEEDS_REF = /\bneeds\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;

/** Parses `owner/repo[/path]@ref`; undefined when it is not an action of this repository. */
export function ourActionPath(uses: string): string | undefined {
  const at = uses.lastIndexOf('@');
  const target = at < 0 ? uses : uses.slice(0, at);
  if (target === THIS_REPO) return '';
  return target.startsWith(`${THIS_REPO}/`) ? target.slice(THIS_REPO.length + 1) : undefined;
}

/** Every string in a YAML value, so references are found in with, env, if, run and outputs alike. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Checks one workflow; returns one line per problem (empty when it is consistent). */
export function checkWorkflow(source: string, file: string, lookup: ActionLookup = repoActions): string[] {
  const workflow = parse(source) as { jobs?: Record<string, Job> } | null;
  const jobs = workflow?.jobs ?? {};
  const problems: string[] = [];
  const jobOutputs = new Map(Object.entries(jobs).map(([name, job]) => [name, new Set(Object.keys(job.outputs ?? {}))]));

  for (const [jobName, job] of Object.entries(jobs)) {
    const where = `${file}: job '${jobName}'`;
    const steps = new Map<string, StepOutputs>();
    for (const [index, step] of (job.steps ?? []).entries()) {
      const label = `${where}, step ${step.id !== undefined ? `'${step.id}'` : `#${index + 1}`}`;
      const produced = checkStep(step, label, lookup, problems);
      if (step.id !== undefined) steps.set(step.id, produced);
    }

    const needs = new Set(job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
    for (const text of strings(job)) {
      for (const [, id, output] of text.matchAll(STEP_REF)) {
        problems.push(...checkStepRef(steps.get(id!), id!, output!, where));
      }
      for (const [, need, output] of text.matchAll(NEEDS_REF)) {
        if (!needs.has(need!)) problems.push(`${where}: needs.${need}.outputs.${output}: '${need}' is not in this job's needs`);
        else if (!jobOutputs.get(need!)?.has(output!))
          problems.push(`${where}: needs.${need}.outputs.${output}: job '${need}' declares no output '${output}'`);
      }
    }
  }
  return problems;
}

function checkStep(step: Step, label: string, lookup: ActionLookup, problems: string[]): StepOutputs {
  if (step.run !== undefined) return { kind: 'run', script: step.run };
  const path = step.uses === undefined ? undefined : ourActionPath(step.uses);
  if (path === undefined) return { kind: 'other' };
  const action = lookup(path);
  if (action === undefined) {
    problems.push(`${label}: uses '${step.uses}', but this repository has no action at '${path || '.'}'`);
    return { kind: 'other' };
  }
  const name = path === '' ? 'the root action' : path.replace(/^actions\//, '');
  const inputs = action.inputs ?? {};
  const given = Object.keys(step.with ?? {});
  for (const key of given) {
    if (!(key in inputs)) problems.push(`${label}: '${key}' is not an input of ${name} (inputs: ${Object.keys(inputs).join(', ')})`);
  }
  for (const [key, spec] of Object.entries(inputs)) {
    if (spec.required === true && spec.default === undefined && !given.includes(key))
      problems.push(`${label}: required input '${key}' of ${name} is not given`);
  }
  return { kind: 'action', name, outputs: new Set(Object.keys(action.outputs ?? {})) };
}

function checkStepRef(step: StepOutputs | undefined, id: string, output: string, where: string): string[] {
  const ref = `steps.${id}.outputs.${output}`;
  if (step === undefined) return [`${where}: ${ref}: no step with id '${id}' in this job`];
  if (step.kind === 'action' && !step.outputs.has(output))
    return [`${where}: ${ref}: ${step.name} has no output '${output}' (outputs: ${[...step.outputs].join(', ')})`];
  // A run step's outputs are whatever it writes to $GITHUB_OUTPUT: ask that the script at least names it.
  if (step.kind === 'run' && !(step.script.includes('GITHUB_OUTPUT') && step.script.includes(`${output}=`)))
    return [`${where}: ${ref}: the run step '${id}' does not write '${output}=' to $GITHUB_OUTPUT`];
  return [];
}
