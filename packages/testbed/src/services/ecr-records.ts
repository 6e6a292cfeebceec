import { AwsError } from '../aws-error.js';
import { loadServiceModel, type ServiceModel } from '../service-model.js';
import type { StoredManifest } from './ecr-registry-client.js';

// ECR's rules and the records the simulated ECR keeps: names, digests, tags, scans, findings, pages, policies.

/** ECR's repository name rule (the model's pattern, checked here so the error is ECR's InvalidParameterException). */
export const ECR_REPOSITORY_NAME_PATTERN = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';
export const NAME_RE = new RegExp(`^${ECR_REPOSITORY_NAME_PATTERN}$`);
export const DIGEST_RE = /^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/;
export const DOCKER_TAG_RE = /^[\w][\w.-]{0,127}$/;
export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNDEFINED'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
export const SCAN_QUOTA_MS = 24 * 60 * 60 * 1000;

export interface Finding {
  readonly name: string;
  readonly severity: Severity;
  readonly description?: string;
  readonly uri?: string;
  readonly attributes?: { key: string; value?: string }[];
}

export interface Scan {
  status: 'IN_PROGRESS' | 'COMPLETE';
  startedAt: Date;
  completedAt?: Date;
  cancel: () => void;
}

export interface Repo {
  readonly name: string;
  readonly registryId: string;
  readonly arn: string;
  readonly uri: string;
  readonly createdAt: Date;
  readonly mutability: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush: boolean;
  readonly encryption: { encryptionType: string; kmsKey?: string };
  readonly tags: { Key?: string; Value?: string }[];
  lifecyclePolicy?: string;
  /** Digest -> when ECR saw it pushed (front hook, PutImage, storage mtime, or first sight). */
  readonly pushedAt: Map<string, Date>;
  readonly scans: Map<string, Scan>;
  readonly findings: Map<string, Finding[]>;
  defaultFindings?: Finding[];
}

export interface ImageRecord {
  readonly digest: string;
  readonly tags: string[];
  readonly pushedAt: Date;
}

export interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

export const imageIdText = (id: ImageId): string => `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;

export function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function page<T>(
  items: T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  what: string,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    const m = /^world-(\d+)$/.exec(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (!m)
      throw new AwsError(
        'InvalidParameterException',
        `Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid ${what} pagination token'`,
      );
    start = Number(m[1]);
  }
  const size = maxResults ?? 100;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(`world-${start + size}`).toString('base64') : undefined;
  return next === undefined ? { items: slice } : { items: slice, nextToken: next };
}

export function manifestSize(bytes: Buffer): number {
  try {
    const m = JSON.parse(bytes.toString('utf8')) as { layers?: { size?: number }[]; manifests?: { size?: number }[] };
    const parts = m.layers ?? m.manifests ?? [];
    return parts.reduce((sum, p) => sum + (typeof p.size === 'number' ? p.size : 0), 0);
  } catch {
    return 0;
  }
}

export function checkFindings(value: unknown): Finding[] {
  if (!Array.isArray(value)) throw new Error('findings must be a list of { name, severity, description? }');
  return value.map((f: unknown, i) => {
    const o = f as Partial<Finding> | null;
    if (!o || typeof o.name !== 'string' || !SEVERITIES.includes(o.severity as Severity)) {
      throw new Error(`findings[${i}] needs a name and a severity in ${SEVERITIES.join(', ')}`);
    }
    return { ...o } as Finding;
  });
}

/** The ECR model with the repository name pattern left to the service (ECR answers InvalidParameterException). */
export function ecrModel(): ServiceModel {
  const model = structuredClone(loadServiceModel('ecr'));
  const shape = model.shapes.RepositoryName;
  if (shape) delete shape.pattern;
  return model;
}

export function artifactMediaType(manifest: StoredManifest): string | undefined {
  try {
    const m = JSON.parse(manifest.bytes.toString('utf8')) as { config?: { mediaType?: string } };
    return m.config?.mediaType;
  } catch {
    return undefined;
  }
}

export function validateLifecyclePolicy(text: string): void {
  const fail = (why: string): never => {
    throw new AwsError(
      'InvalidParameterException',
      `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${why}'`,
    );
  };
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    return fail('Could not map policyString into LifecyclePolicy.');
  }
  if (!policy || typeof policy !== 'object' || Array.isArray(policy)) return fail('instance type is not allowed (allowed: ["object"])');
  const rules = (policy as { rules?: unknown }).rules;
  if (rules === undefined) return fail('object has missing required properties (["rules"])');
  if (!Array.isArray(rules) || rules.length === 0)
    return fail('array is too short: must have at least 1 elements but instance has 0 elements');
  const priorities = new Set<number>();
  rules.forEach((rule: unknown, i) => {
    const r = rule as {
      rulePriority?: unknown;
      selection?: { tagStatus?: unknown; countType?: unknown; countNumber?: unknown };
      action?: { type?: unknown };
    } | null;
    if (!r || typeof r !== 'object') return fail(`rules[${i}] is not an object`);
    if (typeof r.rulePriority !== 'number' || !Number.isInteger(r.rulePriority) || r.rulePriority < 1)
      return fail(`rules[${i}].rulePriority must be a positive integer`);
    if (priorities.has(r.rulePriority)) return fail(`rulePriority ${r.rulePriority} is not unique`);
    priorities.add(r.rulePriority);
    const s = r.selection;
    if (!s || typeof s !== 'object') return fail(`object has missing required properties (["selection"])`);
    if (!['tagged', 'untagged', 'any'].includes(String(s.tagStatus)))
      return fail(`instance value (${JSON.stringify(s.tagStatus)}) not found in enum (possible values: ["tagged","untagged","any"])`);
    if (!['imageCountMoreThan', 'sinceImagePushed'].includes(String(s.countType)))
      return fail(
        `instance value (${JSON.stringify(s.countType)}) not found in enum (possible values: ["imageCountMoreThan","sinceImagePushed"])`,
      );
    if (typeof s.countNumber !== 'number' || s.countNumber < 1) return fail('countNumber must be a positive integer');
    if (r.action?.type !== 'expire')
      return fail(`instance value (${JSON.stringify(r.action?.type)}) not found in enum (possible values: ["expire"])`);
  });
}
