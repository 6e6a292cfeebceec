import { code, heading, table } from '@mlops-actions/action-kit';
import type { BuildPushResult, ImageBuildError } from './build-push.js';

const seconds = (ms: number | undefined): string => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function cacheText(r: BuildPushResult): string {
  if (r.outcome === 'reused') return 'no build: the tags already existed';
  const source =
    r.cache.kind === 'none'
      ? `no cache (${r.cache.why})`
      : r.cache.kind === 'registry'
        ? `registry cache ${code(r.cache.ref)}`
        : `layers of ${code(r.cache.ref)}${r.cache.pullMs === undefined ? '' : ` (pulled in ${seconds(r.cache.pullMs)})`}`;
  const s = r.stats;
  if (!s) return source;
  const layers =
    s.layersPushed + s.layersExisting > 0 ? `; push: ${s.layersPushed} layers uploaded, ${s.layersExisting} already in the registry` : '';
  return `${s.cached} of ${s.steps} steps cached — ${source}${layers}`;
}

/** The step summary of a finished run: what was pushed, how, and what the scan found. */
export function buildSummary(r: BuildPushResult): string {
  const outcome = { pushed: 'built and pushed', built: 'built (push: false)', reused: 're-run: existing image reused' }[r.outcome];
  const repo = r.repositoryState
    ? `${r.repository} (${r.repositoryState.created ? 'created' : 'existing'}, ${r.repositoryState.mutability}, scan on push ${r.repositoryState.scanOnPush ? 'on' : 'off'})`
    : r.repository;
  const rows: (readonly unknown[])[] = [
    ['Outcome', outcome],
    ['Image', code(r.imageUri)],
    ['Digest', r.digest ? code(r.digest) : '—'],
    ['Deploy this', r.imageUriDigest ? code(r.imageUriDigest) : '—'],
    ['Tags', r.tags.map(code).join(' ') + (r.retagged.length > 0 ? ` (added now: ${r.retagged.join(', ')})` : '')],
    ['Repository', repo],
    ['Size', formatBytes(r.sizeBytes)],
    ['Manifest', r.mediaType ?? '—'],
    ['Builder', r.builder.kind === 'buildx' ? `buildx (${r.builder.driver})` : 'classic'],
    ['Build time', seconds(r.buildMs)],
    ['Push time', r.builder.kind === 'buildx' && r.outcome === 'pushed' ? 'in the build' : seconds(r.pushMs)],
    ['Cache', cacheText(r)],
    ['Scan', scanText(r)],
  ];
  let md = heading('build-push-ecr') + table(['What', 'Value'], rows);
  if (Object.keys(r.labels).length > 0) {
    md += '\n<details><summary>Labels</summary>\n\n' + table(['Label', 'Value'], Object.entries(r.labels)) + '\n</details>\n';
  }
  const scan = r.scan;
  if (scan && scan.blocking.length > 0) {
    md += '\n' + heading(`Findings at or above ${scan.threshold}`, 3);
    const shown = scan.blocking.slice(0, 50);
    md += table(
      ['Finding', 'Severity', 'Description'],
      shown.map((f) => [f.uri ? `[${f.name}](${f.uri})` : f.name, f.severity, (f.description ?? '').slice(0, 200)]),
    );
    if (scan.blocking.length > shown.length) md += `\n…and ${scan.blocking.length - shown.length} more.\n`;
  }
  return md;
}

function scanText(r: BuildPushResult): string {
  const s = r.scan;
  if (!s) return 'no gate (scan-severity-threshold is empty)';
  const counts =
    Object.entries(s.counts)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ') || 'no findings';
  if (s.status !== 'COMPLETE') return `FAILED: scan ${s.status}${s.description ? ` (${s.description})` : ''}`;
  return `${s.passed ? 'passed' : 'FAILED'}: threshold ${s.threshold}; ${counts}; waited ${seconds(s.waitedMs)}`;
}

/** The step summary of a build that failed: the failing step and the end of its log. */
export function buildFailureSummary(error: ImageBuildError, repository: string): string {
  return (
    heading('build-push-ecr: build failed') +
    table(
      ['What', 'Value'],
      [
        ['Repository', repository],
        ['Failed step', error.failedStep ?? 'unknown'],
        ['Pushed', 'nothing'],
      ],
    ) +
    '\n```text\n' +
    error.logTail.replace(/```/g, "'''") +
    '\n```\n'
  );
}
