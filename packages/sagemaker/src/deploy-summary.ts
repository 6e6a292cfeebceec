import { code, heading, table } from '@mlops-actions/action-kit';
import type { DeployResult } from './deploy-endpoint.js';

const ICON: Record<DeployResult['status'], string> = {
  succeeded: '✅',
  planned: '📝',
  'rolled-back': '↩️',
  superseded: '⏭️',
  failed: '❌',
  'timed-out': '⏱️',
  'smoke-failed': '❌',
};

export function consoleUrl(region: string, endpoint: string): string {
  return `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/endpoints/${endpoint}`;
}

/** The step summary: verdict first, then before/after, the traffic shift over time, lineage and cleanup. */
export function deploySummary(result: DeployResult, region: string): string {
  const { plan } = result;
  let md = heading(`${ICON[result.status]} deploy-endpoint: ${plan.endpointName} — ${result.status}`);
  md += table(
    ['', ''],
    [
      ['Endpoint', `[${plan.endpointName}](${consoleUrl(region, plan.endpointName)})`],
      ['Action', `${plan.action} (${plan.strategy})`],
      ['Serving now', result.servingConfig ? code(result.servingConfig) : '—'],
      ['New config', code(plan.config.EndpointConfigName)],
      ['Previous config (rollback target)', plan.previousConfigName ? code(plan.previousConfigName) : '—'],
      ['Model', code(plan.model.ModelName)],
      ['Image', code(plan.model.PrimaryContainer.Image)],
      ['Model data', plan.model.PrimaryContainer.ModelDataUrl ?? plan.model.PrimaryContainer.ModelDataSource?.S3DataSource.S3Uri ?? '—'],
      ['Duration', `${result.seconds.toFixed(1)} s`],
      ...(result.failureReason ? [['Failure reason', result.failureReason]] : []),
      ...(result.smoke ? [['Smoke test', result.smoke]] : []),
    ],
  );
  if (plan.diff.length > 0)
    md +=
      '\n' +
      heading('Before → after', 3) +
      table(
        ['', 'before', 'after'],
        plan.diff.map((d) => [d.field, d.before, d.after]),
      );
  if (result.timeline.length > 0) {
    md +=
      '\n' +
      heading('Progress', 3) +
      table(
        ['elapsed', 'status', 'detail'],
        result.timeline.map((t) => [`${t.elapsedSeconds.toFixed(1)} s`, t.status, t.detail]),
      );
    md += '\n```mermaid\ngantt\n  dateFormat X\n  axisFormat %S s\n';
    result.timeline.forEach((t, i) => {
      const end = result.timeline[i + 1]?.elapsedSeconds ?? Math.max(t.elapsedSeconds + 1, result.seconds);
      md += `  ${t.status.replace(/:/g, ' ')} : ${Math.floor(t.elapsedSeconds)}, ${Math.ceil(end)}\n`;
    });
    md += '```\n';
  }
  if (result.cleanup && result.cleanup.deletedConfigs.length > 0)
    md += `\nCleaned up ${result.cleanup.deletedConfigs.map(code).join(', ')}; kept ${result.cleanup.kept.map(code).join(', ')}.\n`;
  return md;
}
