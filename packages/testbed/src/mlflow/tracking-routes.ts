// /api/2.0/mlflow/experiments/* and /runs/* (the part a client needs to create a run and log a model).
import { randomUUID } from 'node:crypto';
import { alreadyExists, experimentNotFound, invalidParam, missingParam, notFound, runNotFound } from './mlflow-errors.js';
import type { MlflowStore } from './mlflow-store.js';
import { upsertTag, type ExperimentRecord, type MetricRecord, type RunRecord, type RunStatus } from './mlflow-types.js';
import type { Params } from './request-params.js';
import type { Route, RouteContext } from './route-types.js';

const API = '/api/2.0/mlflow';
const RUN_STATUSES: RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const ADJECTIVES = ['brave', 'calm', 'eager', 'gentle', 'merry', 'quiet', 'swift', 'wise'];
const NOUNS = ['fox', 'owl', 'lark', 'colt', 'hare', 'wren', 'moth', 'crab'];

function experimentJson(e: ExperimentRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    experiment_id: e.experiment_id,
    name: e.name,
    artifact_location: e.artifact_location,
    lifecycle_stage: e.lifecycle_stage,
    last_update_time: e.last_update_time,
    creation_time: e.creation_time,
  };
  if (e.tags.length > 0) json.tags = e.tags;
  return json;
}

function runInfoJson(r: RunRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    run_uuid: r.run_id,
    experiment_id: r.experiment_id,
    run_name: r.run_name,
    user_id: r.user_id,
    status: r.status,
    start_time: r.start_time,
  };
  if (r.end_time !== undefined) json.end_time = r.end_time;
  json.artifact_uri = r.artifact_uri;
  json.lifecycle_stage = r.lifecycle_stage;
  json.run_id = r.run_id;
  return json;
}

export function runJson(r: RunRecord): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (r.metrics.length > 0) data.metrics = r.metrics;
  if (r.params.length > 0) data.params = r.params;
  if (r.tags.length > 0) data.tags = r.tags;
  return { info: runInfoJson(r), data, inputs: {} };
}

export function getRun(store: MlflowStore, runId: string): RunRecord {
  const run = store.state.runs[runId];
  if (!run) throw runNotFound(runId);
  return run;
}

async function createExperiment(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('name');
  const state = ctx.store.state;
  if (Object.values(state.experiments).some((e) => e.name === name)) throw alreadyExists(`Experiment(name=${name}) already exists.`);
  const id = String(state.next_experiment_id++);
  const now = ctx.store.now();
  const experiment: ExperimentRecord = {
    experiment_id: id,
    name,
    artifact_location: p.optionalString('artifact_location') || `mlflow-artifacts:/${id}`,
    lifecycle_stage: 'active',
    creation_time: now,
    last_update_time: now,
    tags: [],
  };
  for (const tag of p.keyValues('tags')) upsertTag(experiment.tags, tag);
  state.experiments[id] = experiment;
  ctx.store.save();
  return { experiment_id: id };
}

async function getExperiment(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const id = p.requiredString('experiment_id');
  const experiment = ctx.store.state.experiments[id];
  if (!experiment) throw experimentNotFound(id);
  return { experiment: experimentJson(experiment) };
}

async function getExperimentByName(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const name = p.requiredString('experiment_name');
  const experiment = Object.values(ctx.store.state.experiments).find((e) => e.name === name);
  if (!experiment) throw notFound(`Could not find experiment with name '${name}'`);
  return { experiment: experimentJson(experiment) };
}

function experimentArtifactPath(location: string): string {
  return location.replace(/^mlflow-artifacts:\/*/, '').replace(/\/+$/, '');
}

async function createRun(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const experimentId = p.optionalString('experiment_id') ?? '0';
  const experiment = ctx.store.state.experiments[experimentId];
  if (!experiment) throw experimentNotFound(experimentId);
  const tags = p.keyValues('tags');
  const runId = randomUUID().replace(/-/g, '');
  const runName =
    p.optionalString('run_name') ||
    tags.find((t) => t.key === 'mlflow.runName')?.value ||
    `${ADJECTIVES[runId.charCodeAt(0) % ADJECTIVES.length]!}-${NOUNS[runId.charCodeAt(1) % NOUNS.length]!}-${parseInt(runId.slice(2, 5), 16) % 1000}`;
  const run: RunRecord = {
    run_id: runId,
    experiment_id: experimentId,
    run_name: runName,
    user_id: p.optionalString('user_id') ?? '',
    status: 'RUNNING',
    start_time: p.optionalInt('start_time') ?? ctx.store.now(),
    artifact_uri: `mlflow-artifacts:/${experimentArtifactPath(experiment.artifact_location)}/${runId}/artifacts`,
    lifecycle_stage: 'active',
    metrics: [],
    params: [],
    tags: [],
  };
  for (const tag of tags) upsertTag(run.tags, tag);
  upsertTag(run.tags, { key: 'mlflow.runName', value: runName });
  ctx.store.state.runs[runId] = run;
  ctx.store.save();
  return { run: runJson(run) };
}

async function getRunRoute(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const runId = p.optionalString('run_id') || p.optionalString('run_uuid');
  if (!runId) throw missingParam('run_id');
  return { run: runJson(getRun(ctx.store, runId)) };
}

async function updateRun(ctx: RouteContext): Promise<unknown> {
  const p = await ctx.params();
  const runId = p.optionalString('run_id') || p.optionalString('run_uuid');
  if (!runId) throw missingParam('run_id');
  const run = getRun(ctx.store, runId);
  const status = p.optionalString('status');
  if (status !== undefined) {
    if (!RUN_STATUSES.includes(status as RunStatus)) throw invalidParam(`Invalid value for status: ${status}`);
    run.status = status as RunStatus;
  }
  const endTime = p.optionalInt('end_time');
  if (endTime !== undefined) run.end_time = endTime;
  else if (status && status !== 'RUNNING' && status !== 'SCHEDULED') run.end_time = ctx.store.now();
  const runName = p.optionalString('run_name');
  if (runName) {
    run.run_name = runName;
    upsertTag(run.tags, { key: 'mlflow.runName', value: runName });
  }
  ctx.store.save();
  return { run_info: runInfoJson(run) };
}

async function runFromParams(ctx: RouteContext): Promise<{ p: Params; run: RunRecord }> {
  const p = await ctx.params();
  const runId = p.optionalString('run_id') || p.optionalString('run_uuid');
  if (!runId) throw missingParam('run_id');
  return { p, run: getRun(ctx.store, runId) };
}

function addMetric(run: RunRecord, metric: MetricRecord): void {
  const existing = run.metrics.findIndex((m) => m.key === metric.key);
  if (existing < 0) run.metrics.push(metric);
  else if (metric.step >= run.metrics[existing]!.step) run.metrics[existing] = metric;
}

function addParam(run: RunRecord, key: string, value: string): void {
  const existing = run.params.find((x) => x.key === key);
  if (existing && existing.value !== value) {
    throw invalidParam(
      `Changing param values is not allowed. Param with key='${key}' was already logged with value='${existing.value}' ` +
        `for run ID='${run.run_id}'. Attempted logging new value '${value}'.`,
    );
  }
  if (!existing) run.params.push({ key, value });
}

function toMetric(raw: Record<string, unknown>, now: number): MetricRecord {
  if (typeof raw.key !== 'string' || raw.key === '') throw missingParam('key');
  const value = typeof raw.value === 'number' ? raw.value : Number(raw.value);
  if (raw.value === undefined || Number.isNaN(value)) throw missingParam('value');
  const timestamp = typeof raw.timestamp === 'number' ? raw.timestamp : Number(raw.timestamp ?? now);
  const step = typeof raw.step === 'number' ? raw.step : Number(raw.step ?? 0);
  return { key: raw.key, value, timestamp: Number.isNaN(timestamp) ? now : timestamp, step: Number.isNaN(step) ? 0 : step };
}

async function logBatch(ctx: RouteContext): Promise<unknown> {
  const { p, run } = await runFromParams(ctx);
  const now = ctx.store.now();
  for (const metric of p.objectList('metrics')) addMetric(run, toMetric(metric, now));
  for (const param of p.keyValues('params')) addParam(run, param.key, param.value);
  for (const tag of p.keyValues('tags')) upsertTag(run.tags, tag);
  ctx.store.save();
  return {};
}

async function logMetric(ctx: RouteContext): Promise<unknown> {
  const { p, run } = await runFromParams(ctx);
  const metric = toMetric(
    { key: p.raw('key'), value: p.raw('value'), timestamp: p.raw('timestamp'), step: p.raw('step') },
    ctx.store.now(),
  );
  addMetric(run, metric);
  ctx.store.save();
  return {};
}

async function logParam(ctx: RouteContext): Promise<unknown> {
  const { p, run } = await runFromParams(ctx);
  addParam(run, p.requiredString('key'), p.optionalString('value') ?? '');
  ctx.store.save();
  return {};
}

async function setTag(ctx: RouteContext): Promise<unknown> {
  const { p, run } = await runFromParams(ctx);
  const key = p.requiredString('key');
  const value = p.optionalString('value') ?? '';
  upsertTag(run.tags, { key, value });
  if (key === 'mlflow.runName') run.run_name = value;
  ctx.store.save();
  return {};
}

export const trackingRoutes: Route[] = [
  { method: 'POST', path: `${API}/experiments/create`, handler: createExperiment },
  { method: 'GET', path: `${API}/experiments/get`, handler: getExperiment },
  { method: 'GET', path: `${API}/experiments/get-by-name`, handler: getExperimentByName },
  { method: 'POST', path: `${API}/runs/create`, handler: createRun },
  { method: 'GET', path: `${API}/runs/get`, handler: getRunRoute },
  { method: 'POST', path: `${API}/runs/update`, handler: updateRun },
  { method: 'POST', path: `${API}/runs/log-batch`, handler: logBatch },
  { method: 'POST', path: `${API}/runs/log-metric`, handler: logMetric },
  { method: 'POST', path: `${API}/runs/log-parameter`, handler: logParam },
  { method: 'POST', path: `${API}/runs/set-tag`, handler: setTag },
];
