// Runs and records the demo's steps: an action's bundle (judged against the outcome the scenario expects) or a task of
// the demo's own (seeding, traffic, checks), each printed to the terminal as it ends and kept for the report.
import { condenseLog, runBundle, type BundleResult } from './step-runner.js';

export type Outcome = 'success' | 'failure';
export type Phase = 'setup' | 'cd_staging' | 'promote_prod' | 'incident' | 'verify';

export interface StepRecord {
  readonly n: number;
  readonly phase: Phase;
  readonly title: string;
  /** The action whose committed bundle ran, or undefined for the demo's own task. */
  readonly action: string | undefined;
  readonly expected: Outcome;
  readonly outcome: Outcome;
  /** Why the step did not go as expected (empty when it did). */
  readonly problems: readonly string[];
  /** Milliseconds since the run started. */
  readonly startMs: number;
  readonly durationMs: number;
  readonly inputs: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly log: string;
}

export interface ActionStep {
  readonly phase: Phase;
  readonly title: string;
  readonly action: string;
  readonly inputs: Record<string, string>;
  readonly expected?: Outcome;
  /** Further expectations of the outputs: each returned string is a problem. */
  readonly check?: (run: BundleResult) => string[];
  /** Also run the action's post step (as GitHub does at the end of the job). */
  readonly post?: boolean;
}

export interface TaskResult {
  readonly summary: string;
  readonly outputs?: Record<string, string>;
  readonly problems?: string[];
}

const SUMMARY_LINES = 28;

/** A step summary as a terminal shows it: Mermaid charts and <details> blocks pointed to the report, long ones cut. */
export function condenseSummary(markdown: string): string[] {
  const out: string[] = [];
  let skipping: string | undefined;
  for (const line of markdown.split('\n')) {
    if (skipping) {
      if (line.trim().startsWith(skipping)) skipping = undefined;
      continue;
    }
    if (line.trim() === '```mermaid') {
      out.push('[Mermaid chart: in the report]');
      skipping = '```';
    } else if (line.trim().startsWith('<details')) {
      out.push(`[${line.replace(/<[^>]+>/g, '').trim() || 'details'}: in the report]`);
      skipping = '</details>';
    } else if (line.trim() !== '') out.push(line);
  }
  return out.length <= SUMMARY_LINES ? out : [...out.slice(0, SUMMARY_LINES), `… ${out.length - SUMMARY_LINES} more lines in the report`];
}

export class StepRecorder {
  readonly steps: StepRecord[] = [];
  readonly started = Date.now();
  /** Set when the run is being stopped: no further step starts. */
  private stopped: string | undefined;

  constructor(
    private readonly env: () => Record<string, string>,
    private readonly dirs: { readonly workspace: string; readonly scratch: string },
    private readonly print: (line: string) => void,
  ) {}

  stop(why: string): void {
    this.stopped = why;
  }

  private refuseWhenStopped(): void {
    if (this.stopped) throw new Error(this.stopped);
  }

  get unexpected(): StepRecord[] {
    return this.steps.filter((s) => s.problems.length > 0);
  }

  /** Runs an action's committed bundle; a step that fails when success was expected (or the reverse) is a problem. */
  async action(step: ActionStep): Promise<BundleResult> {
    this.refuseWhenStopped();
    const startMs = Date.now() - this.started;
    this.header(step.title, step.action, step.expected ?? 'success');
    const options = { cwd: this.dirs.workspace, scratch: this.dirs.scratch };
    const run = await runBundle(step.action, step.inputs, this.env(), options);
    let log = run.log;
    if (step.post) {
      const post = await runBundle(step.action, {}, this.env(), { ...options, post: { state: run.state } });
      log += `\n::group::post step (exit ${post.code ?? 'killed'})\n${post.log}::endgroup::\n`;
    }
    const outcome: Outcome = run.code === 0 ? 'success' : 'failure';
    const expected = step.expected ?? 'success';
    const problems = outcome === expected ? (step.check?.(run) ?? []) : [`${outcome} (exit ${run.code ?? 'killed'}), expected ${expected}`];
    this.finish({
      phase: step.phase,
      title: step.title,
      action: step.action,
      expected,
      outcome,
      problems,
      startMs,
      durationMs: Date.now() - this.started - startMs,
      inputs: step.inputs,
      outputs: run.outputs,
      summary: run.summary,
      log,
    });
    return run;
  }

  /** Runs a task of the demo's own (it succeeds unless it throws or reports problems). */
  async task(phase: Phase, title: string, work: () => Promise<TaskResult>): Promise<TaskResult> {
    this.refuseWhenStopped();
    const startMs = Date.now() - this.started;
    this.header(title, undefined, 'success');
    let result: TaskResult;
    try {
      result = await work();
    } catch (error) {
      result = { summary: '', problems: [error instanceof Error ? error.message : String(error)] };
    }
    const problems = result.problems ?? [];
    this.finish({
      phase,
      title,
      action: undefined,
      expected: 'success',
      outcome: problems.length === 0 ? 'success' : 'failure',
      problems,
      startMs,
      durationMs: Date.now() - this.started - startMs,
      inputs: {},
      outputs: result.outputs ?? {},
      summary: result.summary,
      log: '',
    });
    return result;
  }

  private header(title: string, action: string | undefined, expected: Outcome): void {
    const what = action ? `${action} (committed bundle)` : 'demo task';
    this.print('');
    this.print(`━━ ${this.steps.length + 1}. ${title} · ${what}${expected === 'failure' ? ' · expected to FAIL' : ''}`);
  }

  private finish(record: Omit<StepRecord, 'n'>): void {
    const step = { ...record, n: this.steps.length + 1 };
    this.steps.push(step);
    for (const line of condenseLog(step.log)) this.print(`  │ ${line}`);
    if (step.summary.trim() !== '') {
      this.print('  ├─ step summary');
      for (const line of condenseSummary(step.summary)) this.print(`  │ ${line}`);
    }
    const seconds = (step.durationMs / 1000).toFixed(1);
    if (step.problems.length === 0)
      this.print(`  └─ ${step.outcome === 'success' ? '✔' : '✔ (failed, as expected)'} ${step.outcome} in ${seconds} s`);
    else this.print(`  └─ ✖ NOT AS EXPECTED after ${seconds} s: ${step.problems.join('; ')}`);
  }
}
