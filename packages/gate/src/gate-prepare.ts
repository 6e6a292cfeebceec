import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InputError, InputErrors } from '@mlops-actions/action-kit';
import { loadGate } from './gate-file.js';
import type { GateInputs } from './gate-inputs.js';
import type { Gate } from './gate-model.js';
import { loadWaivers, type Waiver } from './waivers.js';

export const DEFAULT_WAIVERS = '.github/gate-waivers.yml';

export interface PreparedGate {
  readonly gate: Gate;
  readonly waivers: readonly Waiver[];
  readonly scope: { readonly endpoint?: string; readonly variant?: string; readonly modelVersion?: string };
  readonly usesCloudWatch: boolean;
}

/** A `gate` input is inline YAML when it spans lines or reads like a mapping; otherwise a path. */
export const isInlineGate = (value: string): boolean => value.includes('\n') || /^\s*\{/.test(value) || /:\s/.test(value);

/**
 * Everything that can be decided without a remote call: the gate file and the waivers read, validated and
 * resolved; inputs the gate needs (prometheus-url) present. Throws `InputErrors` naming input, file, line, field.
 */
export function prepareGate(
  inputs: GateInputs,
  now: number,
  workspace: string = process.env.GITHUB_WORKSPACE ?? process.cwd(),
): PreparedGate {
  const path = (p: string): string => (isAbsolute(p) ? p : resolve(workspace, p));
  let text: string;
  let origin: string;
  if (isInlineGate(inputs.gate)) {
    text = inputs.gate;
    origin = '(inline gate)';
  } else {
    if (!existsSync(path(inputs.gate)))
      throw new InputErrors([new InputError('gate', inputs.gate, `no such file in ${workspace} (give a path or inline YAML)`)]);
    text = readFileSync(path(inputs.gate), 'utf8');
    origin = inputs.gate;
  }
  const vars: Record<string, string> = { ...(inputs.vars ?? {}), variant: inputs['variant-name'] };
  if (inputs['endpoint-name']) vars.endpoint = inputs['endpoint-name'];
  if (inputs['baseline-variant']) vars.baseline = inputs['baseline-variant'];
  if (inputs['model-version']) vars['model-version'] = inputs['model-version'];
  const gate = loadGate(text, origin, { vars, ...(inputs.window ? { windowOverride: inputs.window } : {}) });

  const prometheus = gate.checks.filter((c) => c.source === 'prometheus').map((c) => c.id);
  if (prometheus.length > 0 && !inputs['prometheus-url'])
    throw new InputErrors([new InputError('prometheus-url', '', `is required: checks ${prometheus.join(', ')} have source: prometheus`)]);

  let waivers: Waiver[] = [];
  const waiverPath = inputs.waivers;
  if (existsSync(path(waiverPath))) waivers = loadWaivers(readFileSync(path(waiverPath), 'utf8'), waiverPath, now);
  else if (waiverPath !== DEFAULT_WAIVERS) throw new InputErrors([new InputError('waivers', waiverPath, `no such file in ${workspace}`)]);

  return {
    gate,
    waivers,
    scope: {
      ...(inputs['endpoint-name'] ? { endpoint: inputs['endpoint-name'] } : {}),
      variant: inputs['variant-name'],
      ...(inputs['model-version'] ? { modelVersion: inputs['model-version'] } : {}),
    },
    usesCloudWatch: gate.checks.some((c) => c.source === 'cloudwatch'),
  };
}
