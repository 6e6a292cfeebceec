// The Markdown report of a demo run: a timeline (table and Mermaid Gantt chart), then every step with its inputs,
// outputs, the step summary the action wrote (tables and Mermaid charts as GitHub would show them) and its full log.
import type { Phase, StepRecord } from './demo-steps.js';

export interface ReportContext {
  readonly startedAt: Date;
  readonly totalMs: number;
  readonly docker: string;
  readonly sha: string;
  readonly steps: readonly StepRecord[];
  /** Set when the run stopped early (an error, or Ctrl-C). */
  readonly aborted?: string;
}

const PHASES: Record<Phase, string> = {
  setup: 'Setup',
  cd_staging: 'cd_staging.yml',
  promote_prod: 'promote_prod.yml',
  incident: 'Incident and rollback',
  verify: 'Verification',
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const escapeCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const short = (s: string, max = 160): string => (s.length > max ? `${s.slice(0, max)}…` : s);
const anchor = (s: StepRecord): string => `step-${s.n}`;

function verdict(s: StepRecord): string {
  if (s.problems.length > 0) return `❌ ${s.outcome} (expected ${s.expected})`;
  return s.outcome === 'success' ? '✅ success' : '✅ failure, as expected';
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function gantt(steps: readonly StepRecord[]): string {
  const lines = ['```mermaid', 'gantt', '  title Demo run (minutes:seconds since start)', '  dateFormat x', '  axisFormat %M:%S'];
  let phase: Phase | undefined;
  for (const s of steps) {
    if (s.phase !== phase) {
      phase = s.phase;
      lines.push(`  section ${PHASES[phase]}`);
    }
    const tag = s.problems.length > 0 || s.outcome === 'failure' ? 'crit' : 'done';
    const name = `${s.n}. ${s.action ?? short(s.title, 36)}`.replace(/[:#;]/g, ' ');
    lines.push(`  ${name} :${tag}, s${s.n}, ${s.startMs}, ${s.startMs + Math.max(s.durationMs, 1)}`);
  }
  lines.push('```');
  return lines.join('\n');
}

function stepSection(s: StepRecord): string {
  const parts = [
    `<a id="${anchor(s)}"></a>`,
    `### ${s.n}. ${s.title}`,
    '',
    `${s.action ? `\`actions/${s.action}/dist/index.js\`` : 'A task of the demo itself'} · ${PHASES[s.phase]} · ${verdict(s)} · ${seconds(s.durationMs)}`,
  ];
  if (s.problems.length > 0) parts.push('', ...s.problems.map((p) => `> ❌ ${p}`));
  const inputs = Object.entries(s.inputs);
  if (inputs.length > 0)
    parts.push(
      '',
      '<details><summary>Inputs</summary>',
      '',
      table(
        ['input', 'value'],
        inputs.map(([k, v]) => [`\`${k}\``, v.includes('\n') ? `<pre>${escapeCell(v)}</pre>` : escapeCell(`\`${v}\``)]),
      ),
      '',
      '</details>',
    );
  const outputs = Object.entries(s.outputs);
  if (outputs.length > 0)
    parts.push(
      '',
      '**Outputs**',
      '',
      table(
        ['output', 'value'],
        outputs.map(([k, v]) => [`\`${k}\``, escapeCell(`\`${short(v)}\``)]),
      ),
    );
  if (s.summary.trim() !== '') parts.push('', '**Step summary**', '', s.summary.trim());
  if (s.log.trim() !== '')
    parts.push('', '<details><summary>Log</summary>', '', '```text', s.log.trim().replace(/```/g, "'''"), '```', '', '</details>');
  return parts.join('\n');
}

export function renderReport(ctx: ReportContext): string {
  const unexpected = ctx.steps.filter((s) => s.problems.length > 0);
  const result = ctx.aborted
    ? `❌ stopped early: ${ctx.aborted}`
    : unexpected.length === 0
      ? `✅ every step went as expected (${ctx.steps.length} steps; the induced failure failed, the rollback succeeded)`
      : `❌ ${unexpected.length} of ${ctx.steps.length} steps did not go as expected: ${unexpected.map((s) => s.n).join(', ')}`;
  const header = [
    '# mlops-actions demo run',
    '',
    'The six actions of this repository, each run from its committed bundle exactly as GitHub runs it (`INPUT_*`',
    'variables, `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` / `GITHUB_STATE` files), against the local world: S3 (moto),',
    'ECR in front of a real registry, simulated SageMaker / CloudWatch, and an MLflow server.',
    '',
    table(
      ['', ''],
      [
        ['Result', result],
        ['Started', ctx.startedAt.toISOString()],
        ['Wall time', seconds(ctx.totalMs)],
        ['Commit', `\`${ctx.sha}\``],
        ['Docker engine', ctx.docker],
      ],
    ),
  ];
  const timeline = table(
    ['#', 'phase', 'step', 'action', 'expected', 'outcome', 'start', 'duration'],
    ctx.steps.map((s) => [
      `[${s.n}](#${anchor(s)})`,
      PHASES[s.phase],
      escapeCell(s.title),
      s.action ? `\`${s.action}\`` : 'demo',
      s.expected,
      verdict(s),
      `+${seconds(s.startMs)}`,
      seconds(s.durationMs),
    ]),
  );
  return [
    ...header,
    '',
    '## Timeline',
    '',
    timeline,
    '',
    gantt(ctx.steps),
    '',
    '## Steps',
    '',
    ctx.steps.map(stepSection).join('\n\n---\n\n'),
    '',
  ].join('\n');
}
