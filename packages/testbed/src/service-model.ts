import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** AWS's own service models, as shipped with the Debian AWS CLI (botocore data). */
export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'double' | 'float' | 'timestamp' | 'blob';
  members?: Record<string, { shape: string; locationName?: string; location?: string }>;
  required?: string[];
  member?: { shape: string; locationName?: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  flattened?: boolean;
  exception?: boolean;
}

export interface Operation {
  name: string;
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
}

export interface ServiceModel {
  metadata: {
    protocol: string;
    targetPrefix?: string;
    jsonVersion?: string;
    xmlNamespace?: string;
    endpointPrefix: string;
    apiVersion: string;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

const MODEL_ROOTS = [
  process.env.WORLD_BOTOCORE_DATA,
  '/usr/lib/python3/dist-packages/awscli/botocore/data',
  '/usr/lib/python3/dist-packages/botocore/data',
].filter((p): p is string => p !== undefined && p !== '');

const cache = new Map<string, ServiceModel>();

/** Loads the newest model of `service` (e.g. `sagemaker`, `monitoring` is `cloudwatch`). Throws with install advice when absent. */
export function loadServiceModel(service: string): ServiceModel {
  const cached = cache.get(service);
  if (cached) return cached;
  for (const root of MODEL_ROOTS) {
    const dir = join(root, service);
    if (!existsSync(dir)) continue;
    const version = readdirSync(dir).sort().at(-1);
    if (version === undefined) continue;
    const model = JSON.parse(readFileSync(join(dir, version, 'service-2.json'), 'utf8')) as ServiceModel;
    cache.set(service, model);
    return model;
  }
  throw new Error(
    `AWS service model for '${service}' not found in ${MODEL_ROOTS.join(', ')}: install the Debian package awscli (scripts/setup-machine.sh)`,
  );
}
