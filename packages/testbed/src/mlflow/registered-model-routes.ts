// /api/2.0/mlflow/registered-models/* (models, tags, latest versions, aliases).
import { alreadyExists, invalidParam, missingParam } from './mlflow-errors.js';
import { upsertTag, type RegisteredModelRecord } from './mlflow-types.js';
import { canonicalStage, getModel, getVersion, latestVersions, modelJson, validateAliasName, versionJson } from './registry-model.js';
import type { Route, RouteContext } from './route-types.js';
import { compareBy, decodePageToken, matchesClause, paginate, parseFilter, parseOrderBy } from './search-filter.js';

const BASE = '/api/2.0/mlflow/registered-models';

async function create(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('name');
  const tags = p.keyValues('tags');
  const description = p.optionalString('description') ?? '';
  if (ctx.store.state.registered_models[name]) throw alreadyExists(`Registered Model (name=${name}) already exists.`);
  const now = ctx.store.now();
  const model: RegisteredModelRecord = {
    name,
    creation_timestamp: now,
    last_updated_timestamp: now,
    description,
    tags: [],
    aliases: {},
    last_version: 0,
    versions: [],
  };
  for (const tag of tags) upsertTag(model.tags, tag);
  ctx.store.state.registered_models[name] = model;
  ctx.store.save();
  return { registered_model: modelJson(model) };
}

async function get(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  return { registered_model: modelJson(getModel(ctx.store, p.requiredString('name'))) };
}

async function update(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const model = getModel(ctx.store, p.requiredString('name'));
  const description = p.optionalString('description');
  if (description !== undefined) model.description = description;
  model.last_updated_timestamp = ctx.store.now();
  ctx.store.save();
  return { registered_model: modelJson(model) };
}

async function remove(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const model = getModel(ctx.store, p.requiredString('name'));
  Reflect.deleteProperty(ctx.store.state.registered_models, model.name);
  ctx.store.save();
  return {};
}

async function search(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const maxResults = p.optionalInt('max_results') ?? 100;
  if (maxResults < 1 || maxResults > 1000) {
    throw invalidParam(`Invalid value for request parameter max_results. It must be at most 1000, but got value ${maxResults}`);
  }
  const clauses = parseFilter(p.optionalString('filter'), ['name']);
  const order = parseOrderBy(p.stringList('order_by'), ['name', 'last_updated_timestamp', 'timestamp', 'creation_timestamp']);
  const models = Object.values(ctx.store.state.registered_models).filter((m) =>
    clauses.every((c) => {
      const tagKey = c.key.replace(/^tags?\./, '');
      return matchesClause(c.key === 'name' ? m.name : m.tags.find((t) => t.key === tagKey)?.value, c);
    }),
  );
  const keys = [...order, ...(order.some((o) => o.key === 'name') ? [] : [{ key: 'name', asc: true }])];
  models.sort(
    compareBy<RegisteredModelRecord>(keys, (m, key) =>
      key === 'name' ? m.name : key === 'creation_timestamp' ? m.creation_timestamp : m.last_updated_timestamp,
    ),
  );
  const { page, nextPageToken } = paginate(models, decodePageToken(p.optionalString('page_token')), maxResults);
  const body: Record<string, unknown> = {};
  if (page.length > 0) body.registered_models = page.map(modelJson);
  if (nextPageToken) body.next_page_token = nextPageToken;
  return body;
}

async function getLatestVersions(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const model = getModel(ctx.store, p.requiredString('name'));
  const stages = new Set(p.stringList('stages').map(canonicalStage));
  const versions = latestVersions(model).filter((v) => stages.size === 0 || stages.has(v.current_stage));
  return versions.length > 0 ? { model_versions: versions.map((v) => versionJson(v)) } : {};
}

async function setTag(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const model = getModel(ctx.store, p.requiredString('name'));
  const key = p.requiredString('key');
  const value = p.optionalString('value');
  if (value === undefined) throw missingParam('value');
  upsertTag(model.tags, { key, value });
  ctx.store.save();
  return {};
}

async function deleteTag(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const model = getModel(ctx.store, p.requiredString('name'));
  const key = p.requiredString('key');
  model.tags = model.tags.filter((t) => t.key !== key);
  ctx.store.save();
  return {};
}

async function setAlias(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('name');
  const alias = p.requiredString('alias');
  const versionParam = p.requiredVersion();
  validateAliasName(alias);
  const model = getModel(ctx.store, name);
  const version = getVersion(ctx.store, name, versionParam);
  model.aliases[alias] = version.version;
  ctx.store.save();
  return {};
}

async function deleteAlias(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const model = getModel(ctx.store, p.requiredString('name'));
  const alias = p.requiredString('alias');
  Reflect.deleteProperty(model.aliases, alias);
  ctx.store.save();
  return {};
}

async function getByAlias(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('name');
  const alias = p.requiredString('alias');
  const model = ctx.store.state.registered_models[name];
  const number = model?.aliases[alias];
  const version = number === undefined ? undefined : model?.versions.find((v) => v.version === number);
  if (!model || !version) throw invalidParam(`Registered model alias ${alias} not found.`);
  return { model_version: versionJson(version, model) };
}

export const registeredModelRoutes: Route[] = [
  { method: 'POST', path: `${BASE}/create`, handler: create },
  { method: 'GET', path: `${BASE}/get`, handler: get },
  { method: 'PATCH', path: `${BASE}/update`, handler: update },
  { method: 'DELETE', path: `${BASE}/delete`, handler: remove },
  { method: 'GET', path: `${BASE}/search`, handler: search },
  { method: 'GET', path: `${BASE}/get-latest-versions`, handler: getLatestVersions },
  { method: 'POST', path: `${BASE}/get-latest-versions`, handler: getLatestVersions },
  { method: 'POST', path: `${BASE}/set-tag`, handler: setTag },
  { method: 'DELETE', path: `${BASE}/delete-tag`, handler: deleteTag },
  { method: 'POST', path: `${BASE}/alias`, handler: setAlias },
  { method: 'DELETE', path: `${BASE}/alias`, handler: deleteAlias },
  { method: 'GET', path: `${BASE}/alias`, handler: getByAlias },
];
