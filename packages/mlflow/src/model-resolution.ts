import type { Logger } from '@mlops-actions/action-kit';
import { MlflowApiError } from './mlflow-api-error.js';
import type { MlflowClient, ModelVersion, RegisteredModel } from './mlflow-client.js';
import { sleep } from './mlflow-http.js';
import { formatModelUri, type ModelUri } from './model-uri.js';

/** What a model URI points at, and where its artifacts are. */
export interface ResolvedModel {
  readonly uri: string;
  /** Registered model name and version; undefined for `runs:/` URIs. */
  readonly name: string | undefined;
  readonly version: string | undefined;
  readonly runId: string;
  /** The version's `source` (for runs:/, the run's artifact location of the path). */
  readonly source: string;
  /** Where the artifacts are downloaded from (`get-download-uri`, or the run's artifact URI + path). */
  readonly downloadUri: string;
  readonly stage: string | undefined;
  readonly aliases: readonly string[];
  /** A stable time for archive entries (the version's creation, or the run's start), in epoch ms. */
  readonly createdAt: number;
}

/** A URI that names nothing: the message says what was looked up and what exists instead. */
export class ModelNotFoundError extends Error {
  override name = 'ModelNotFoundError';
}

export interface ResolveOptions {
  /** How long to wait for a version in PENDING_REGISTRATION (ms). */
  readonly waitTimeoutMs: number;
  readonly pollIntervalMs?: number;
  readonly logger?: Pick<Logger, 'info'>;
}

/** Resolves stage, alias, version, latest and run URIs through the registry REST API. */
export async function resolveModel(client: MlflowClient, uri: ModelUri, opts: ResolveOptions): Promise<ResolvedModel> {
  const text = formatModelUri(uri);
  if (uri.kind === 'run') {
    const run = await client.getRun(uri.runId).catch((error: unknown) => {
      if (error instanceof MlflowApiError && error.notFound) throw new ModelNotFoundError(`${text}: run '${uri.runId}' not found`);
      throw error;
    });
    const root = run.artifact_uri.replace(/\/+$/, '');
    return {
      uri: text,
      name: undefined,
      version: undefined,
      runId: run.run_id,
      source: `${root}/${uri.path}`,
      downloadUri: `${root}/${uri.path}`,
      stage: undefined,
      aliases: [],
      createdAt: run.start_time ?? 0,
    };
  }

  const model = await client.getRegisteredModel(uri.name).catch(async (error: unknown) => {
    if (!(error instanceof MlflowApiError && error.notFound)) throw error;
    const names = await client.listRegisteredModelNames().catch(() => [] as string[]);
    throw new ModelNotFoundError(
      `${text}: no registered model named '${uri.name}' (registered models: ${names.length ? names.join(', ') : 'none'})`,
    );
  });

  let found: ModelVersion;
  switch (uri.kind) {
    case 'version':
      found = await client.getModelVersion(uri.name, uri.version).catch(async (error: unknown) => {
        if (!(error instanceof MlflowApiError && error.notFound)) throw error;
        const versions = await client.searchModelVersions(uri.name).catch(() => [] as ModelVersion[]);
        throw new ModelNotFoundError(
          `${text}: model '${uri.name}' has no version ${uri.version} (versions: ${versions.map((v) => v.version).join(', ') || 'none'})`,
        );
      });
      break;
    case 'latest': {
      const latest = await client.getLatestVersions(uri.name);
      const newest = latest.sort((a, b) => Number(b.version) - Number(a.version))[0];
      if (!newest) throw new ModelNotFoundError(`${text}: model '${uri.name}' has no versions`);
      found = newest;
      break;
    }
    case 'stage': {
      // A misspelt stage is a 400 from MLflow; both that and an empty stage become the same "what exists" line.
      const inStage = await client.getLatestVersions(uri.name, [uri.stage]).catch((error: unknown) => {
        if (error instanceof MlflowApiError && error.errorCode === 'INVALID_PARAMETER_VALUE') return [];
        throw error;
      });
      const first = inStage[0];
      if (!first) throw new ModelNotFoundError(`${text}: no version of '${uri.name}' is in stage '${uri.stage}' (${existing(model)})`);
      found = first;
      break;
    }
    case 'alias':
      found = await client.getVersionByAlias(uri.name, uri.alias).catch((error: unknown) => {
        if (!(error instanceof MlflowApiError && (error.notFound || error.errorCode === 'INVALID_PARAMETER_VALUE'))) throw error;
        throw new ModelNotFoundError(`${text}: model '${uri.name}' has no alias '${uri.alias}' (${existing(model)})`);
      });
      break;
  }

  const ready = await waitUntilReady(client, found, text, opts);
  const downloadUri = await client.getDownloadUri(ready.name, ready.version);
  const aliases = ready.aliases ?? (model.aliases ?? []).filter((a) => a.version === ready.version).map((a) => a.alias);
  return {
    uri: text,
    name: ready.name,
    version: ready.version,
    runId: ready.run_id,
    source: ready.source,
    downloadUri,
    stage: ready.current_stage,
    aliases,
    createdAt: ready.creation_timestamp,
  };
}

/** "stages in use: Production (v1), Staging (v2); aliases: champion -> v1" — what a user can pick from instead. */
function existing(model: RegisteredModel): string {
  const stages = (model.latest_versions ?? []).filter((v) => v.current_stage !== 'None').map((v) => `${v.current_stage} (v${v.version})`);
  const aliases = (model.aliases ?? []).map((a) => `${a.alias} -> v${a.version}`);
  return `stages in use: ${stages.length ? stages.join(', ') : 'none'}; aliases: ${aliases.length ? aliases.join(', ') : 'none'}`;
}

/** Registration copies artifacts server-side; until it is READY, what it points at may be incomplete. */
async function waitUntilReady(client: MlflowClient, version: ModelVersion, text: string, opts: ResolveOptions): Promise<ModelVersion> {
  const deadline = Date.now() + opts.waitTimeoutMs;
  let current = version;
  let told = false;
  for (;;) {
    if (current.status === 'READY' || current.status === undefined) return current;
    if (current.status === 'FAILED_REGISTRATION')
      throw new Error(
        `${text}: version ${current.version} of '${current.name}' failed registration${current.status_message ? `: ${current.status_message}` : ''}`,
      );
    if (Date.now() >= deadline)
      throw new Error(
        `${text}: version ${current.version} of '${current.name}' is still ${current.status} after ${Math.round(opts.waitTimeoutMs / 1000)} s (wait-timeout-seconds)`,
      );
    if (!told) opts.logger?.info(`Version ${current.version} of '${current.name}' is ${current.status}: waiting until it is READY`);
    told = true;
    await sleep(Math.min(opts.pollIntervalMs ?? 1000, Math.max(0, deadline - Date.now())));
    current = await client.getModelVersion(current.name, current.version);
  }
}
