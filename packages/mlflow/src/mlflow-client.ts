import { MlflowHttp, type RetryPolicy } from './mlflow-http.js';
import type { TrackingSettings } from './tracking-settings.js';

/** A model version as MLflow's REST API returns it (the fields the suite reads). */
export interface ModelVersion {
  readonly name: string;
  readonly version: string;
  readonly current_stage: string;
  readonly source: string;
  readonly run_id: string;
  /** PENDING_REGISTRATION, FAILED_REGISTRATION or READY. */
  readonly status: string;
  readonly status_message?: string;
  readonly creation_timestamp: number;
  readonly last_updated_timestamp?: number;
  readonly description?: string;
  readonly tags?: readonly { key: string; value: string }[];
  /** Only on `get` and `get by alias`. */
  readonly aliases?: readonly string[];
}

export interface RegisteredModel {
  readonly name: string;
  readonly latest_versions?: readonly ModelVersion[];
  readonly aliases?: readonly { alias: string; version: string }[];
  readonly tags?: readonly { key: string; value: string }[];
}

export interface RunInfo {
  readonly run_id: string;
  readonly experiment_id: string;
  readonly artifact_uri: string;
  readonly status: string;
  readonly start_time?: number;
}

/** One entry of an artifact listing: `path` is relative to what was listed (proxy) or to the run root (run list). */
export interface ArtifactEntry {
  readonly path: string;
  readonly is_dir: boolean;
  readonly file_size?: number | string;
}

/** The stages MLflow knows (deprecated in favour of aliases, still in wide use). */
export const MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

/**
 * The MLflow REST 2.0 calls the suite makes: registry reads, the registry writes promote/rollback need,
 * run and artifact reads. Thin and typed: decisions (what to do on a miss) live in `model-resolution.ts`.
 */
export class MlflowClient {
  readonly http: MlflowHttp;

  constructor(settings: TrackingSettings, policy?: RetryPolicy, maxSockets?: number) {
    this.http = new MlflowHttp(settings, policy, maxSockets);
  }

  get trackingUri(): string {
    return this.http.settings.uri;
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    return (await this.http.json<{ registered_model: RegisteredModel }>('GET', 'mlflow/registered-models/get', { name })).registered_model;
  }

  /** Up to `max` registered model names (for "did you mean" lines). */
  async listRegisteredModelNames(max = 20): Promise<string[]> {
    const res = await this.http.json<{ registered_models?: RegisteredModel[] }>('GET', 'mlflow/registered-models/search', {
      max_results: String(max),
    });
    return (res.registered_models ?? []).map((m) => m.name);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    return (await this.http.json<{ model_version: ModelVersion }>('GET', 'mlflow/model-versions/get', { name, version })).model_version;
  }

  /** Versions of a model, newest first (up to 200). */
  async searchModelVersions(name: string): Promise<ModelVersion[]> {
    const filter = `name='${name.replace(/'/g, "\\'")}'`;
    const res = await this.http.json<{ model_versions?: ModelVersion[] }>('GET', 'mlflow/model-versions/search', {
      filter,
      max_results: '200',
    });
    return (res.model_versions ?? []).sort((a, b) => Number(b.version) - Number(a.version));
  }

  /** The latest version per stage; `stages` empty = every stage. */
  async getLatestVersions(name: string, stages: readonly string[] = []): Promise<ModelVersion[]> {
    const res = await this.http.json<{ model_versions?: ModelVersion[] }>('POST', 'mlflow/registered-models/get-latest-versions', {
      name,
      stages,
    });
    return res.model_versions ?? [];
  }

  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return (await this.http.json<{ model_version: ModelVersion }>('GET', 'mlflow/registered-models/alias', { name, alias })).model_version;
  }

  /** Where the version's artifacts can be downloaded from (MLflow 3 sources `models:/m-...` are resolved by the server). */
  async getDownloadUri(name: string, version: string): Promise<string> {
    return (await this.http.json<{ artifact_uri: string }>('GET', 'mlflow/model-versions/get-download-uri', { name, version }))
      .artifact_uri;
  }

  /** Moves a version to `stage`; with `archiveExisting`, other versions in that stage become Archived. */
  async transitionStage(name: string, version: string, stage: string, archiveExisting: boolean): Promise<ModelVersion> {
    const res = await this.http.json<{ model_version: ModelVersion }>('POST', 'mlflow/model-versions/transition-stage', {
      name,
      version,
      stage,
      archive_existing_versions: archiveExisting,
    });
    return res.model_version;
  }

  /** Points `alias` at `version` (moving it if it pointed elsewhere). */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.http.json('POST', 'mlflow/registered-models/alias', { name, alias, version });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.http.json('DELETE', 'mlflow/registered-models/alias', { name, alias });
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.http.json('POST', 'mlflow/model-versions/set-tag', { name, version, key, value });
  }

  async getRun(runId: string): Promise<RunInfo> {
    return (await this.http.json<{ run: { info: RunInfo } }>('GET', 'mlflow/runs/get', { run_id: runId })).run.info;
  }

  /** `artifacts/list` of a run: entries' paths are relative to the run's artifact root. */
  async listRunArtifacts(runId: string, path = ''): Promise<ArtifactEntry[]> {
    const res = await this.http.json<{ files?: ArtifactEntry[] }>('GET', 'mlflow/artifacts/list', {
      run_id: runId,
      ...(path ? { path } : {}),
    });
    return res.files ?? [];
  }

  /** The artifact proxy's listing of `path` (relative to the proxy root): entries' paths are basenames. */
  async listProxyArtifacts(path: string): Promise<ArtifactEntry[]> {
    const res = await this.http.json<{ files?: ArtifactEntry[] }>('GET', 'mlflow-artifacts/artifacts', { path });
    return res.files ?? [];
  }

  close(): void {
    this.http.close();
  }
}
