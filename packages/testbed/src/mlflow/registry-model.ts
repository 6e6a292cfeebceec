// Registry rules shared by the routes: lookups, stage names, latest versions, JSON shapes.
import { invalidParam, modelVersionNotFound, registeredModelNotFound } from './mlflow-errors.js';
import type { MlflowStore } from './mlflow-store.js';
import { STAGES, type ModelVersionRecord, type RegisteredModelRecord, type Stage } from './mlflow-types.js';

/** MLflow's `get_canonical_stage`: case-insensitive, else INVALID_PARAMETER_VALUE. */
export function canonicalStage(stage: string): Stage {
  const found = STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (!found) throw invalidParam(`Invalid Model Version stage: ${stage}. Value must be one of ${STAGES.join(', ')}.`);
  return found;
}

export function parseVersion(version: string): number {
  if (!/^\s*-?\d+\s*$/.test(version)) throw invalidParam(`Model version must be an integer, got '${version}'`);
  return Number(version);
}

export function getModel(store: MlflowStore, name: string): RegisteredModelRecord {
  const model = store.state.registered_models[name];
  if (!model) throw registeredModelNotFound(name);
  return model;
}

export function getVersion(store: MlflowStore, name: string, version: string): ModelVersionRecord {
  const number = parseVersion(version);
  const model = store.state.registered_models[name];
  const found = model?.versions.find((v) => v.version === number);
  if (!found) throw modelVersionNotFound(name, version);
  return found;
}

/** Latest version per stage, in order of each stage's first appearance (as MLflow's SQL store does). */
export function latestVersions(model: RegisteredModelRecord): ModelVersionRecord[] {
  const byStage = new Map<Stage, ModelVersionRecord>();
  for (const v of [...model.versions].sort((a, b) => a.version - b.version)) {
    const current = byStage.get(v.current_stage);
    if (!current || current.version < v.version) byStage.set(v.current_stage, v);
  }
  return [...byStage.values()];
}

/** MLflow's `_validate_model_alias_name`. */
export function validateAliasName(alias: string): void {
  if (alias.length > 255) throw invalidParam(`alias name '${alias}' had length ${alias.length}, which exceeded length limit of 255`);
  if (alias.toLowerCase() === 'latest') throw invalidParam("'latest' alias name (case insensitive) is reserved.");
  if (/^[vV]\d+$/.test(alias)) throw invalidParam(`Version alias name '${alias}' is reserved.`);
  if (!/^[\w\-. /]+$/.test(alias))
    throw invalidParam(
      `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).`,
    );
}

export function aliasesOf(model: RegisteredModelRecord, version: number): string[] {
  return Object.keys(model.aliases)
    .filter((alias) => model.aliases[alias] === version)
    .sort();
}

/** Model version JSON; `aliases` only where MLflow returns them (get, get-by-alias). */
export function versionJson(version: ModelVersionRecord, model?: RegisteredModelRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: version.name,
    version: String(version.version),
    creation_timestamp: version.creation_timestamp,
    last_updated_timestamp: version.last_updated_timestamp,
    current_stage: version.current_stage,
    description: version.description,
    source: version.source,
    run_id: version.run_id,
    status: version.status,
  };
  if (version.tags.length > 0) json.tags = version.tags.map((t) => ({ key: t.key, value: t.value }));
  json.run_link = version.run_link;
  if (model) {
    const aliases = aliasesOf(model, version.version);
    if (aliases.length > 0) json.aliases = aliases;
  }
  return json;
}

export function modelJson(model: RegisteredModelRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: model.name,
    creation_timestamp: model.creation_timestamp,
    last_updated_timestamp: model.last_updated_timestamp,
    description: model.description,
  };
  const latest = latestVersions(model);
  if (latest.length > 0) json.latest_versions = latest.map((v) => versionJson(v));
  if (model.tags.length > 0) json.tags = model.tags.map((t) => ({ key: t.key, value: t.value }));
  const aliases = Object.keys(model.aliases).sort();
  if (aliases.length > 0) json.aliases = aliases.map((alias) => ({ alias, version: String(model.aliases[alias]) }));
  return json;
}
