import { code, heading, table } from '@mlops-actions/action-kit';
import { deploySummary } from '@mlops-actions/sagemaker/deploy';
import type { PromoteResult } from './promote.js';
import { describeTarget } from './registry-promotion.js';

/** What was promoted, from where, on which gate result, and the deployment's own summary (before/after configs). */
export function promoteSummary(result: PromoteResult, model: string, region: string, gate: unknown): string {
  const ok = result.registryMoved;
  let md = heading(`${ok ? '✅' : '❌'} promote: ${model} v${result.version} → ${result.deploy.plan.endpointName}`);
  md += table(
    ['', ''],
    [
      ['From', `${result.source.endpoint} (${code(result.source.configName)})`],
      ['Image (by digest)', code(result.image.imageUriDigest)],
      [
        'Production tag',
        `${code(result.image.productionTag)}${result.retagged ? ' (added)' : result.registryMoved ? ' (already there)' : ' (not added: deployment did not succeed)'}`,
      ],
      ['Model data', result.source.modelDataUrl ?? '—'],
      [
        'Registry',
        ok
          ? `v${result.version} → ${describeTarget(result.target)} (was ${result.previousVersion ? `v${result.previousVersion}` : 'none'})`
          : 'left as it was',
      ],
    ],
  );
  if (gate !== undefined) md += `\n${gateTable(gate)}`;
  return md + '\n' + deploySummary(result.deploy, region);
}

function gateTable(gate: unknown): string {
  const g = gate as { verdict?: string; checks?: { id?: string; status?: string; value?: unknown; threshold?: unknown }[] };
  let md = heading(`Gate: ${g.verdict ?? 'unknown'}`, 3);
  if (Array.isArray(g.checks))
    md += table(
      ['check', 'status', 'value', 'threshold'],
      g.checks.map((c) => [c.id, c.status, c.value, c.threshold]),
    );
  return md;
}
