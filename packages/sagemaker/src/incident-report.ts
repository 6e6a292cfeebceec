import { code, heading, table } from '@mlops-actions/action-kit';
import type { RollbackResult } from './rollback-endpoint.js';

export interface RegistryRestore {
  readonly model: string;
  readonly version: string;
  readonly target: string;
  readonly previousVersion: string | undefined;
}

export interface Incident {
  readonly kind: 'rollback';
  readonly endpoint: string;
  readonly reason: string;
  readonly mode: RollbackResult['mode'];
  readonly rolledBackFrom: string;
  readonly rolledBackTo: string;
  readonly before: RollbackResult['before'];
  readonly after: RollbackResult['after'];
  readonly startedAt: string;
  readonly seconds: number;
  readonly registry: RegistryRestore | undefined;
  readonly gate: unknown;
  readonly workflowRun: string | undefined;
  readonly actor: string | undefined;
}

export function buildIncident(
  endpoint: string,
  reason: string | undefined,
  result: RollbackResult,
  registry: RegistryRestore | undefined,
  gate: unknown,
  env: NodeJS.ProcessEnv,
): Incident {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  return {
    kind: 'rollback',
    endpoint,
    reason: reason ?? 'not given',
    mode: result.mode,
    rolledBackFrom: result.from,
    rolledBackTo: result.to,
    before: result.before,
    after: result.after,
    startedAt: new Date(Date.now() - result.seconds * 1000).toISOString(),
    seconds: result.seconds,
    registry,
    gate,
    workflowRun:
      GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
        ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
        : undefined,
    actor: env.GITHUB_ACTOR,
  };
}

const serving = (s: Incident['before']): string =>
  `${s.config} (${s.status}; ${s.variants.map((v) => `${v.name}=${v.weight}`).join(', ')})`;

/** The incident in the step summary: what was serving, what serves now, why, how long it took. */
export function incidentSummary(incident: Incident): string {
  const icon = incident.mode === 'none' ? 'ℹ️' : '↩️';
  let md = heading(
    `${icon} rollback: ${incident.endpoint} — ${incident.mode === 'none' ? 'nothing to undo' : `rolled back (${incident.mode})`}`,
  );
  md += table(
    ['', ''],
    [
      ['Reason', incident.reason],
      ['Was serving', serving(incident.before)],
      ['Serves now', serving(incident.after)],
      ['Rolled back from → to', `${code(incident.rolledBackFrom)} → ${code(incident.rolledBackTo)}`],
      ['Took', `${incident.seconds.toFixed(1)} s`],
      ...(incident.registry
        ? [
            [
              'Registry',
              `${incident.registry.model} ${incident.registry.target} → v${incident.registry.version} (was v${incident.registry.previousVersion ?? '—'})`,
            ],
          ]
        : []),
      ...(incident.workflowRun ? [['Run', incident.workflowRun]] : []),
    ],
  );
  if (incident.gate !== undefined)
    md += `\n<details><summary>Gate result</summary>\n\n\`\`\`json\n${JSON.stringify(incident.gate, null, 2)}\n\`\`\`\n</details>\n`;
  return md;
}
