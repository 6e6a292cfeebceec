import { code, heading, table } from '@mlops-actions/action-kit';
import { formatBytes } from './artifact-stream.js';
import type { ExportResult } from './export-model.js';

/** The action's outputs, named as in action.yml. */
export function exportOutputs(r: ExportResult): Record<string, string> {
  return {
    'model-data-url': r.modelDataUrl,
    'model-name': r.model.name ?? '',
    'model-version': r.model.version ?? '',
    'run-id': r.model.runId,
    'source-uri': r.model.downloadUri,
    sha256: r.sha256,
    'size-bytes': String(r.sizeBytes),
    compression: r.compression,
    reused: String(r.reused),
  };
}

const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

/** The step summary: what was exported, from where, to where, how big, how fast. */
export function exportSummary(r: ExportResult): string {
  const mbps = r.contentBytes / 1e6 / Math.max(0.001, r.seconds);
  const what = r.model.name ? `${r.model.name} v${r.model.version}` : `run ${r.model.runId}`;
  const rows: [string, unknown][] = [
    ['Model URI', code(r.model.uri)],
    ['Model', what],
    ['Stage / aliases', `${r.model.stage ?? '—'} / ${r.model.aliases.join(', ') || '—'}`],
    ['Run', code(r.model.runId)],
    ['MLflow source', code(r.model.downloadUri)],
    ['Model data', code(r.modelDataUrl)],
    ['Compression', r.compression],
    ['Files', `${r.files} (${formatBytes(r.contentBytes)})`],
    [
      'Stored size',
      `${formatBytes(r.sizeBytes)} (${r.sizeBytes} bytes${r.compression === 'gzip' ? `, ${pct(r.sizeBytes, r.contentBytes)} of the files` : ''})`,
    ],
    ...(r.gzipBlocks
      ? [
          ['gzip blocks', `${r.gzipBlocks.huffmanBlocks} Huffman-coded only (LZ77 did not pay), ${r.gzipBlocks.lz77Blocks} with LZ77`] as [
            string,
            unknown,
          ],
        ]
      : []),
    [r.compression === 'gzip' ? 'sha256 of model.tar.gz' : 'sha256 of the file manifest', code(r.sha256)],
    ['Reused', r.reused ? 'yes: identical export already in S3, nothing uploaded' : 'no: uploaded now'],
    ['Time', `${r.seconds.toFixed(1)} s${r.reused ? '' : ` (${mbps.toFixed(1)} MB/s of model data)`}`],
  ];
  const flow = [
    '```mermaid',
    'flowchart LR',
    `  A["${r.model.uri.replace(/"/g, "'")}"] --> B["${what.replace(/"/g, "'")}<br/>run ${r.model.runId.slice(0, 8)}"]`,
    `  B -->|${r.compression === 'gzip' ? 'tar + gzip, streamed' : 'files, streamed'}| C["${r.modelDataUrl.replace(/"/g, "'")}"]`,
    '```',
  ].join('\n');
  return `${heading(`Exported ${what}${r.reused ? ' (reused)' : ''}`)}${table(['', ''], rows)}\n${flow}\n`;
}
