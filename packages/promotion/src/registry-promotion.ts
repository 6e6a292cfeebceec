import { inputConflict } from '@mlops-actions/action-kit';
import type { MlflowClient } from '@mlops-actions/mlflow';

/** Where a promotion lands in the registry: a stage (with archiving) or an alias. */
export type RegistryTarget =
  | { readonly kind: 'stage'; readonly stage: string; readonly archiveExisting: boolean }
  | { readonly kind: 'alias'; readonly alias: string };

export const describeTarget = (t: RegistryTarget): string => (t.kind === 'alias' ? `@${t.alias}` : t.stage);

/** The version the target points at now (what a rollback of the registry would restore), if any. */
export async function currentHolder(mlflow: MlflowClient, model: string, target: RegistryTarget): Promise<string | undefined> {
  if (target.kind === 'alias') {
    const registered = await mlflow.getRegisteredModel(model);
    return registered.aliases?.find((a) => a.alias === target.alias)?.version;
  }
  const latest = await mlflow.getLatestVersions(model, [target.stage]);
  return latest[0]?.version;
}

/**
 * The version to promote: the one asked for, else the one the source endpoint serves (its lineage tag), else the newest
 * in `fromStage`. Refuses when the asked version and the serving version disagree: promote ships what was validated.
 */
export async function chooseVersion(
  mlflow: MlflowClient,
  model: string,
  asked: string | undefined,
  serving: string | undefined,
  fromStage: string,
): Promise<string> {
  if (asked !== undefined && serving !== undefined && asked !== serving)
    throw inputConflict(
      'version',
      asked,
      `must be the version the source endpoint serves (v${serving}): promote ships exactly what staging validated`,
    );
  const version = asked ?? serving;
  if (version !== undefined) {
    await mlflow.getModelVersion(model, version);
    return version;
  }
  const inStage = await mlflow.getLatestVersions(model, [fromStage]);
  if (inStage[0]) return inStage[0].version;
  const all = await mlflow.getLatestVersions(model);
  const stages = all.map((v) => `${v.current_stage} (v${v.version})`).join(', ');
  throw inputConflict('from-stage', fromStage, `has no version of '${model}'; stages in use: ${stages || 'none'}`);
}

/** Moves the stage (archiving the previous holder when asked) or the alias to `version`. */
export async function moveRegistry(mlflow: MlflowClient, model: string, version: string, target: RegistryTarget): Promise<void> {
  if (target.kind === 'alias') await mlflow.setAlias(model, target.alias, version);
  else await mlflow.transitionStage(model, version, target.stage, target.archiveExisting);
}
