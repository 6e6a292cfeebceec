import { Expected, type Kind } from '@mlops-actions/action-kit';

/** A model reference as MLflow writes it. */
export type ModelUri =
  | { readonly kind: 'stage'; readonly name: string; readonly stage: string }
  | { readonly kind: 'alias'; readonly name: string; readonly alias: string }
  | { readonly kind: 'version'; readonly name: string; readonly version: string }
  | { readonly kind: 'latest'; readonly name: string }
  | { readonly kind: 'run'; readonly runId: string; readonly path: string };

const EXPECTED =
  'must be models:/<name>/<stage>, models:/<name>@<alias>, models:/<name>/<version>, models:/<name>/latest or runs:/<run-id>/<path>';

export function parseModelUri(raw: string): ModelUri {
  const run = /^runs:\/([0-9a-zA-Z]+)\/(.+)$/.exec(raw);
  if (run) return { kind: 'run', runId: run[1]!, path: run[2]!.replace(/^\/+|\/+$/g, '') };
  const alias = /^models:\/([^/@]+)@([\w-]+)$/.exec(raw);
  if (alias) return { kind: 'alias', name: alias[1]!, alias: alias[2]! };
  const m = /^models:\/([^/@]+)\/([^/]+)$/.exec(raw);
  if (!m) throw new Expected(EXPECTED);
  const [, name, ref] = m as unknown as [string, string, string];
  if (/^\d+$/.test(ref)) return { kind: 'version', name, version: ref };
  if (ref.toLowerCase() === 'latest') return { kind: 'latest', name };
  return { kind: 'stage', name, stage: ref };
}

export const modelUri = (): Kind<ModelUri> => ({ describe: EXPECTED, parse: parseModelUri });

export function formatModelUri(uri: ModelUri): string {
  switch (uri.kind) {
    case 'stage':
      return `models:/${uri.name}/${uri.stage}`;
    case 'alias':
      return `models:/${uri.name}@${uri.alias}`;
    case 'version':
      return `models:/${uri.name}/${uri.version}`;
    case 'latest':
      return `models:/${uri.name}/latest`;
    case 'run':
      return `runs:/${uri.runId}/${uri.path}`;
  }
}
