import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import {
  Expected,
  InputError,
  InputErrors,
  boolean,
  keyValues,
  list,
  matching,
  oneOf,
  optional,
  readInputs,
  required,
  text,
  withDefault,
  type InputSource,
  type Inputs,
  type Kind,
} from '@mlops-actions/action-kit';

/** ECR's repository name rule (2-256 characters, checked by the lookahead). */
export const ECR_REPOSITORY = /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
/** Docker's tag rule. */
export const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;

/** ECR's scan severities, most severe first. */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

const REPOSITORY_EXPECTED = 'must be an ECR repository name: 2-256 lowercase letters, digits and . _ - / separators';
const TAG_EXPECTED = 'must be Docker tags: letters, digits, _ . -, starting with a letter, digit or _, at most 128 characters each';

/** At least one tag; each a Docker tag; duplicates dropped (a tag pushed twice is the same tag). */
function tagList(): Kind<string[]> {
  const items = list(matching(IMAGE_TAG, TAG_EXPECTED));
  return {
    describe: items.describe,
    parse(raw) {
      let tags: string[];
      try {
        tags = items.parse(raw);
      } catch {
        const bad = raw
          .split(/[\n,]/)
          .map((s) => s.trim())
          .find((s) => s !== '' && !IMAGE_TAG.test(s));
        throw new Expected(`${TAG_EXPECTED} (${JSON.stringify(bad)} is not)`);
      }
      if (tags.length === 0) throw new Expected('must name at least one tag');
      return [...new Set(tags)];
    },
  };
}

/** build-push-ecr's inputs, named as in its action.yml. */
export const buildInputSchema = {
  repository: required(matching(ECR_REPOSITORY, REPOSITORY_EXPECTED)),
  tags: required(tagList()),
  context: withDefault(text(), '.'),
  file: optional(text()),
  'build-args': optional(keyValues()),
  labels: optional(keyValues()),
  target: optional(matching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be a build stage name')),
  platforms: optional(
    matching(/^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/, 'must be one platform such as linux/amd64 (SageMaker rejects multi-platform images)'),
  ),
  'create-repository': withDefault(boolean(), 'true'),
  'scan-on-push': withDefault(boolean(), 'true'),
  'image-tag-mutability': withDefault(oneOf(['IMMUTABLE', 'MUTABLE'] as const), 'IMMUTABLE'),
  'lifecycle-policy': optional(text()),
  cache: withDefault(boolean(), 'true'),
  'cache-repository': optional(matching(ECR_REPOSITORY, REPOSITORY_EXPECTED)),
  'scan-severity-threshold': optional(oneOf(SEVERITIES)),
  attestations: withDefault(boolean(), 'false'),
  push: withDefault(boolean(), 'true'),
  logout: withDefault(boolean(), 'true'),
  region: optional(matching(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'must be an AWS region such as eu-west-1')),
} as const;

export type BuildInputs = Inputs<typeof buildInputSchema>;

/** The files a build needs, resolved against the working directory and checked before anything remote. */
export interface BuildFiles {
  readonly context: string;
  readonly dockerfile: string;
  /** The lifecycle policy's JSON text, when one was given. */
  readonly lifecyclePolicy: string | undefined;
}

export function readBuildInputs(source: InputSource, mask?: (s: string) => void): BuildInputs {
  return readInputs(buildInputSchema, source, mask);
}

/**
 * The context directory, the Dockerfile and the lifecycle policy file must exist (and the policy must be JSON):
 * one line per problem, thrown as `InputErrors` before any login, build or AWS call.
 * `file` is relative to the working directory, as in docker/build-push-action; its default is `<context>/Dockerfile`.
 */
export function checkBuildFiles(inputs: BuildInputs, cwd: string = process.cwd()): BuildFiles {
  const errors: InputError[] = [];
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(cwd, p));
  const context = at(inputs.context);
  const contextIsDir = existsSync(context) && statSync(context).isDirectory();
  if (!contextIsDir) errors.push(new InputError('context', inputs.context, `must be an existing directory (${context} is not)`));
  const dockerfile = inputs.file === undefined ? join(context, 'Dockerfile') : at(inputs.file);
  if (contextIsDir && !(existsSync(dockerfile) && statSync(dockerfile).isFile())) {
    const what = inputs.file === undefined ? 'no Dockerfile in the context: set it or add one' : 'must be an existing Dockerfile';
    errors.push(new InputError('file', inputs.file ?? '', `${what} (${dockerfile} does not exist)`));
  }
  let lifecyclePolicy: string | undefined;
  const policyPath = inputs['lifecycle-policy'];
  if (policyPath !== undefined) {
    const path = at(policyPath);
    if (!existsSync(path)) errors.push(new InputError('lifecycle-policy', policyPath, `must be an existing JSON file (${path} is not)`));
    else {
      lifecyclePolicy = readFileSync(path, 'utf8');
      try {
        JSON.parse(lifecyclePolicy);
      } catch (error) {
        errors.push(new InputError('lifecycle-policy', policyPath, `must hold JSON (${(error as Error).message})`));
      }
    }
  }
  if (inputs['cache-repository'] === inputs.repository) {
    errors.push(
      new InputError('cache-repository', inputs.repository, 'must differ from repository (a moving cache tag breaks immutable tags)'),
    );
  }
  if (errors.length > 0) throw new InputErrors(errors);
  return { context, dockerfile, lifecyclePolicy };
}
