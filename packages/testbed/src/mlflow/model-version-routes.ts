// /api/2.0/mlflow/model-versions/*.
import { invalidParam, missingParam } from './mlflow-errors.js';
import { upsertTag, type ModelVersionRecord } from './mlflow-types.js';
import { canonicalStage, getModel, getVersion, versionJson } from './registry-model.js';
import type { Route, RouteContext } from './route-types.js';
import { compareBy, decodePageToken, matchesClause, paginate, parseFilter, parseOrderBy, type OrderKey } from './search-filter.js';

const BASE = '/api/2.0/mlflow/model-versions';
const ACTIVE_STAGES = ['Staging', 'Production'];
const SEARCH_MAX_RESULTS = 200_000;

async function create(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('name');
  const source = p.requiredString('source');
  const runId = p.optionalString('run_id') ?? '';
  const tags = p.keyValues('tags');
  const description = p.optionalString('description') ?? '';
  const runLink = p.optionalString('run_link') ?? '';
  const model = getModel(ctx.store, name);
  const now = ctx.store.now();
  model.last_version += 1;
  const version: ModelVersionRecord = {
    name,
    version: model.last_version,
    creation_timestamp: now,
    last_updated_timestamp: now,
    current_stage: 'None',
    description,
    source,
    run_id: runId,
    run_link: runLink,
    status: 'PENDING_REGISTRATION',
    tags: [],
  };
  for (const tag of tags) upsertTag(version.tags, tag);
  model.versions.push(version);
  model.last_updated_timestamp = now;
  ctx.store.save();
  ctx.store.scheduleReady(version);
  return { model_version: versionJson(version) };
}

async function get(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('name');
  const version = getVersion(ctx.store, name, p.requiredVersion());
  return { model_version: versionJson(version, ctx.store.state.registered_models[name]) };
}

async function update(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const version = getVersion(ctx.store, p.requiredString('name'), p.requiredVersion());
  const description = p.optionalString('description');
  if (description !== undefined) version.description = description;
  version.last_updated_timestamp = ctx.store.now();
  ctx.store.save();
  return { model_version: versionJson(version) };
}

async function remove(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('name');
  const version = getVersion(ctx.store, name, p.requiredVersion());
  const model = getModel(ctx.store, name);
  model.versions = model.versions.filter((v) => v !== version);
  for (const [alias, number] of Object.entries(model.aliases)) if (number === version.version) Reflect.deleteProperty(model.aliases, alias);
  model.last_updated_timestamp = ctx.store.now();
  ctx.store.save();
  return {};
}

async function getDownloadUri(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const version = getVersion(ctx.store, p.requiredString('name'), p.requiredVersion());
  return { artifact_uri: version.source };
}

async function transitionStage(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('name');
  const versionParam = p.requiredVersion();
  const stageParam = p.requiredString('stage');
  const archiveExisting = p.bool('archive_existing_versions');
  const stage = canonicalStage(stageParam);
  const version = getVersion(ctx.store, name, versionParam);
  const model = getModel(ctx.store, name);
  if (archiveExisting && !ACTIVE_STAGES.includes(stage)) {
    throw invalidParam(
      `Model version transition cannot archive existing model versions because '${stage}' is not an Active stage. ` +
        `Valid stages are ${ACTIVE_STAGES.join(', ')}`,
    );
  }
  const now = ctx.store.now();
  if (archiveExisting) {
    for (const other of model.versions) {
      if (other !== version && other.current_stage === stage) {
        other.current_stage = 'Archived';
        other.last_updated_timestamp = now;
      }
    }
  }
  version.current_stage = stage;
  version.last_updated_timestamp = now;
  model.last_updated_timestamp = now;
  ctx.store.save();
  return { model_version: versionJson(version) };
}

async function setTag(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const version = getVersion(ctx.store, p.requiredString('name'), p.requiredVersion());
  const key = p.requiredString('key');
  const value = p.optionalString('value');
  if (value === undefined) throw missingParam('value');
  upsertTag(version.tags, { key, value });
  ctx.store.save();
  return {};
}

async function deleteTag(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const version = getVersion(ctx.store, p.requiredString('name'), p.requiredVersion());
  const key = p.requiredString('key');
  version.tags = version.tags.filter((t) => t.key !== key);
  ctx.store.save();
  return {};
}

function attribute(v: ModelVersionRecord, key: string): string | undefined {
  switch (key) {
    case 'name':
      return v.name;
    case 'run_id':
      return v.run_id;
    case 'source_path':
      return v.source;
    case 'version_number':
      return String(v.version);
    default:
      return v.tags.find((t) => t.key === key.replace(/^tags?\./, ''))?.value;
  }
}

async function search(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const maxResults = p.optionalInt('max_results') ?? SEARCH_MAX_RESULTS;
  if (maxResults < 1 || maxResults > SEARCH_MAX_RESULTS) {
    throw invalidParam(
      `Invalid value for request parameter max_results. It must be at most ${SEARCH_MAX_RESULTS}, but got value ${maxResults}`,
    );
  }
  const clauses = parseFilter(p.optionalString('filter'), ['name', 'run_id', 'source_path', 'version_number']);
  const order = parseOrderBy(p.stringList('order_by'), [
    'name',
    'version_number',
    'creation_timestamp',
    'last_updated_timestamp',
    'timestamp',
  ]);
  const defaults: OrderKey[] = [
    { key: 'last_updated_timestamp', asc: false },
    { key: 'name', asc: true },
    { key: 'version_number', asc: false },
  ];
  const keys = [...order, ...defaults.filter((d) => !order.some((o) => o.key === d.key))];
  const versions = Object.values(ctx.store.state.registered_models)
    .flatMap((m) => m.versions)
    .filter((v) => clauses.every((c) => matchesClause(attribute(v, c.key), c)));
  versions.sort(
    compareBy<ModelVersionRecord>(keys, (v, key) => {
      if (key === 'name') return v.name;
      if (key === 'version_number') return v.version;
      if (key === 'creation_timestamp') return v.creation_timestamp;
      return v.last_updated_timestamp;
    }),
  );
  const { page, nextPageToken } = paginate(versions, decodePageToken(p.optionalString('page_token')), maxResults);
  const body: Record<string, unknown> = {};
  if (page.length > 0) body.model_versions = page.map((v) => versionJson(v));
  if (nextPageToken) body.next_page_token = nextPageToken;
  return body;
}

export const modelVersionRoutes: Route[] = [
  { method: 'POST', path: `${BASE}/create`, handler: create },
  { method: 'GET', path: `${BASE}/get`, handler: get },
  { method: 'PATCH', path: `${BASE}/update`, handler: update },
  { method: 'DELETE', path: `${BASE}/delete`, handler: remove },
  { method: 'GET', path: `${BASE}/get-download-uri`, handler: getDownloadUri },
  { method: 'POST', path: `${BASE}/transition-stage`, handler: transitionStage },
  { method: 'GET', path: `${BASE}/search`, handler: search },
  { method: 'POST', path: `${BASE}/set-tag`, handler: setTag },
  { method: 'DELETE', path: `${BASE}/delete-tag`, handler: deleteTag },
];
