import { code, heading, table } from '@mlops-actions/action-kit';
import { formatDuration } from './durations.js';
import { formatNumber } from './evaluate.js';
import type { Status } from './gate-model.js';
import type { CheckReport, GateReport } from './gate-report.js';
import { shortUnit } from './units.js';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', no_data: '⛔', error: '💥', waived: '📝' };
const VERDICT = { pass: '✅ PASS', warn: '⚠️ PASS with warnings', fail: '❌ FAIL' } as const;

/** The verdict line: what a reviewer needs first. */
export function verdictLine(r: GateReport): string {
  const where = r.endpoint ? ` on ${code(r.endpoint)}${r.variant ? ` / ${code(r.variant)}` : ''}` : '';
  const counts = (['pass', 'warn', 'fail', 'no_data', 'error', 'waived'] as const)
    .map((s) => [s, r.checks.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const why =
    r.verdict === 'fail'
      ? ` — failing: ${r.failedChecks.length > 0 ? r.failedChecks.map(code).join(', ') : `warnings with fail-on-warn (${r.warnedChecks.map(code).join(', ')})`}`
      : r.verdict === 'warn'
        ? ` — warnings: ${r.warnedChecks.map(code).join(', ')}`
        : '';
  return `**${VERDICT[r.verdict]}**${why}\n\nGate ${code(r.gate)}${where}: ${r.checks.length} checks (${counts}).`;
}

const valueText = (c: CheckReport): string => {
  if (c.value === undefined) return '—';
  const unit = c.unit ? ` ${shortUnit(c.unit)}` : '';
  const base = c.baselineValue !== undefined ? ` (baseline ${formatNumber(c.baselineValue)}${unit})` : '';
  return `${formatNumber(c.value)}${unit}${base}`;
};

/** The step summary: verdict, the checks table, waivers used or expired, and a chart per failing or warning metric. */
export function reportMarkdown(r: GateReport): string {
  const parts = [heading(`check-gate: ${r.gate}`), verdictLine(r), '\n\n'];
  const rows = r.checks.map((c) => [
    code(c.id),
    valueText(c),
    c.threshold,
    `${c.samples}${c.minSamples > 1 ? ` / ${c.minSamples}` : ''}`,
    formatDuration(c.window.seconds),
    `${ICON[c.status]} ${c.status}`,
    c.reason,
  ]);
  parts.push(table(['Check', 'Value', 'Threshold', 'Samples', 'Window', 'Status', 'Reason'], rows));
  const w = r.windows.map((x) => `${x.start} → ${x.end}`).join('; ');
  parts.push(
    `\nWindow${r.windows.length > 1 ? 's' : ''}: ${w}. CloudWatch: ${r.calls.getMetricData} GetMetricData call(s) for ${r.calls.queries} queries`,
  );
  parts.push(
    `${r.calls.partialDataPages > 0 ? `, ${r.calls.partialDataPages} page(s) with PartialData` : ''}; Prometheus: ${r.calls.prometheus} call(s).\n`,
  );
  if (r.waivers.length > 0) {
    parts.push('\n', heading('Waivers', 3));
    parts.push(
      table(
        ['Check', 'Scope', 'Approver', 'Expires', 'State', 'Reason'],
        r.waivers.map((x) => [
          code(x.check),
          `${x.endpoint}${x.modelVersion ? ` v${x.modelVersion}` : ''}`,
          x.approver,
          x.expires,
          x.state,
          x.reason,
        ]),
      ),
    );
  }
  const charted = r.checks.filter((c) => c.series && c.series.length > 1);
  if (charted.length > 0) parts.push('\n', heading('Failing and warning metrics over the window', 3), ...charted.map(chart));
  return parts.join('');
}

/** A Mermaid xychart of one metric, with its threshold as a second line. */
export function chart(c: CheckReport): string {
  const points = c.series ?? [];
  const unit = c.unit ? shortUnit(c.unit) : 'value';
  const labels = points.map(([t]) => `"${t.slice(11, 16)}"`);
  const values = points.map(([, v]) => formatNumber(v));
  const limit = c.baselineValue ?? c.fail ?? c.warn;
  const lines = [`  line [${values.join(', ')}]`];
  if (limit !== undefined) lines.push(`  line [${points.map(() => formatNumber(limit)).join(', ')}]`);
  const all = [...points.map(([, v]) => v), ...(limit !== undefined ? [limit] : [])];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = hi === lo ? Math.abs(hi) * 0.1 || 1 : (hi - lo) * 0.1;
  const title = `${c.id} (${c.status})${limit !== undefined ? `: ${c.baselineValue !== undefined ? 'baseline' : 'threshold'} ${formatNumber(limit)}` : ''}`;
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${title.replace(/"/g, "'")}"`,
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "${unit}" ${formatNumber(lo >= 0 ? Math.max(0, lo - pad) : lo - pad)} --> ${formatNumber(hi + pad)}`,
    ...lines,
    '```',
    '',
  ].join('\n');
}
