import { AwsError } from '../aws-error.js';
import type { RequestContext, SimulatedService } from '../gateway.js';
import { loadServiceModel } from '../service-model.js';
import type { SimClock } from '../sim-clock.js';
import type { AlarmReader } from '../world-links.js';
import { EndpointLifecycle, type DeploymentConfig, type LifecycleDelays } from './endpoint-lifecycle.js';
import {
  arn,
  SageMakerState,
  type EndpointConfigRecord,
  type EndpointRecord,
  type ModelRecord,
  type ProductionVariant,
  type Tag,
} from './sagemaker-state.js';

/** Which endpoint variants have an Application Auto Scaling target (SageMaker refuses some updates then). */
export interface ScalingLookup {
  scaledVariants(endpointName: string): Set<string>;
}

type Input = Record<string, unknown>;

const IN_PROGRESS = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']);

export interface SageMakerSim extends SimulatedService {
  readonly state: SageMakerState;
  readonly lifecycle: EndpointLifecycle;
}

/** The SageMaker control plane (JSON 1.1) for models, endpoint configs and endpoints, with SageMaker's errors. */
export function createSageMaker(clock: SimClock, alarms: AlarmReader, scaling: ScalingLookup): SageMakerSim {
  const state = new SageMakerState();
  const lifecycle = new EndpointLifecycle(state, clock, alarms);

  const tagsFor = (resourceArn: string, tags: unknown): void => {
    if (Array.isArray(tags) && tags.length > 0) state.tags.set(resourceArn, mergeTags(state.tags.get(resourceArn) ?? [], tags as Tag[]));
  };
  const exists = (map: Map<string, unknown>, name: string): boolean => state.find(map, name) !== undefined;

  const operations = {
    CreateModel(input: Input, ctx: RequestContext) {
      const name = input.ModelName as string;
      const modelArn = arn(ctx.region, ctx.accountId, 'model', name);
      if (exists(state.models, name)) throw new AwsError('ValidationException', `Cannot create already existing model "${modelArn}".`);
      if (!input.PrimaryContainer && !input.Containers)
        throw new AwsError('ValidationException', 'Either PrimaryContainer or Containers must be specified.');
      const model: ModelRecord = {
        ModelName: name,
        ModelArn: modelArn,
        PrimaryContainer: input.PrimaryContainer as Input | undefined,
        Containers: input.Containers as Input[] | undefined,
        ExecutionRoleArn: input.ExecutionRoleArn as string | undefined,
        EnableNetworkIsolation: (input.EnableNetworkIsolation as boolean | undefined) ?? false,
        CreationTime: new Date(),
      };
      state.models.set(name, model);
      tagsFor(modelArn, input.Tags);
      return { ModelArn: modelArn };
    },
    DescribeModel(input: Input, ctx: RequestContext) {
      return state.model(input.ModelName as string, ctx.region, ctx.accountId);
    },
    DeleteModel(input: Input, ctx: RequestContext) {
      const model = state.model(input.ModelName as string, ctx.region, ctx.accountId);
      state.models.delete(model.ModelName);
      state.tags.delete(model.ModelArn);
      return {};
    },
    ListModels(input: Input) {
      const items = list([...state.models.values()], input, (m) => m.ModelName).map((m) => ({
        ModelName: m.ModelName,
        ModelArn: m.ModelArn,
        CreationTime: m.CreationTime,
      }));
      return page(items, input, 'Models');
    },
    CreateEndpointConfig(input: Input, ctx: RequestContext) {
      const name = input.EndpointConfigName as string;
      const configArn = arn(ctx.region, ctx.accountId, 'endpoint-config', name);
      if (exists(state.configs, name))
        throw new AwsError('ValidationException', `Cannot create already existing endpoint configuration "${configArn}".`);
      const variants = input.ProductionVariants as ProductionVariant[];
      const seen = new Set<string>();
      for (const v of variants) {
        if (seen.has(v.VariantName))
          throw new AwsError('ValidationException', `Production variant names must be unique; "${v.VariantName}" is repeated.`);
        seen.add(v.VariantName);
        if (v.ModelName) state.model(v.ModelName, ctx.region, ctx.accountId);
        if (!v.ServerlessConfig && !v.InstanceType)
          throw new AwsError(
            'ValidationException',
            `Invalid ProductionVariant ${v.VariantName}: InstanceType is required unless ServerlessConfig is specified.`,
          );
        if (v.ServerlessConfig && (v.InstanceType || v.InitialInstanceCount !== undefined))
          throw new AwsError(
            'ValidationException',
            `Invalid ProductionVariant ${v.VariantName}: ServerlessConfig cannot be combined with InstanceType or InitialInstanceCount.`,
          );
      }
      const { Tags: tags, ...rest } = input;
      const record: EndpointConfigRecord = {
        ...rest,
        EndpointConfigName: name,
        EndpointConfigArn: configArn,
        ProductionVariants: variants.map((v) => ({ InitialVariantWeight: 1, ...v })),
        CreationTime: new Date(),
      };
      state.configs.set(name, record);
      tagsFor(configArn, tags);
      return { EndpointConfigArn: configArn };
    },
    DescribeEndpointConfig(input: Input, ctx: RequestContext) {
      return state.config(input.EndpointConfigName as string, ctx.region, ctx.accountId);
    },
    DeleteEndpointConfig(input: Input, ctx: RequestContext) {
      const config = state.config(input.EndpointConfigName as string, ctx.region, ctx.accountId);
      for (const e of state.endpoints.values()) {
        const pending = (e.PendingDeploymentSummary?.EndpointConfigName as string | undefined) ?? '';
        if (e.EndpointConfigName === config.EndpointConfigName || pending === config.EndpointConfigName)
          throw new AwsError(
            'ValidationException',
            `Cannot delete endpoint configuration "${config.EndpointConfigArn}" because it is in use by endpoint "${e.EndpointArn}".`,
          );
      }
      state.configs.delete(config.EndpointConfigName);
      state.tags.delete(config.EndpointConfigArn);
      return {};
    },
    ListEndpointConfigs(input: Input) {
      const items = list([...state.configs.values()], input, (c) => c.EndpointConfigName).map((c) => ({
        EndpointConfigName: c.EndpointConfigName,
        EndpointConfigArn: c.EndpointConfigArn,
        CreationTime: c.CreationTime,
      }));
      return page(items, input, 'EndpointConfigs');
    },
    CreateEndpoint(input: Input, ctx: RequestContext) {
      const name = input.EndpointName as string;
      const endpointArn = arn(ctx.region, ctx.accountId, 'endpoint', name);
      if (exists(state.endpoints, name))
        throw new AwsError('ValidationException', `Cannot create already existing endpoint "${endpointArn}".`);
      const config = state.config(input.EndpointConfigName as string, ctx.region, ctx.accountId);
      const now = new Date();
      const endpoint: EndpointRecord = {
        EndpointName: name,
        EndpointArn: endpointArn,
        EndpointConfigName: config.EndpointConfigName,
        EndpointStatus: 'Creating',
        CreationTime: now,
        LastModifiedTime: now,
      };
      state.endpoints.set(name, endpoint);
      tagsFor(endpointArn, input.Tags);
      lifecycle.create(endpoint, config);
      return { EndpointArn: endpointArn };
    },
    DescribeEndpoint(input: Input, ctx: RequestContext) {
      const endpoint = state.endpoint(input.EndpointName as string, ctx.region, ctx.accountId);
      return { ...endpoint, cancel: undefined };
    },
    UpdateEndpoint(input: Input, ctx: RequestContext) {
      const endpoint = state.endpoint(input.EndpointName as string, ctx.region, ctx.accountId);
      if (IN_PROGRESS.has(endpoint.EndpointStatus))
        throw new AwsError('ValidationException', `Cannot update in-progress endpoint "${endpoint.EndpointArn}".`);
      if (endpoint.EndpointStatus === 'Failed' || endpoint.EndpointStatus === 'UpdateRollbackFailed')
        throw new AwsError('ValidationException', `Cannot update failed endpoint "${endpoint.EndpointArn}".`);
      const next = state.config(input.EndpointConfigName as string, ctx.region, ctx.accountId);
      const current = state.find(state.configs, endpoint.EndpointConfigName);
      const scaled = scaling.scaledVariants(endpoint.EndpointName);
      for (const v of next.ProductionVariants) {
        const before = current?.ProductionVariants.find((c) => c.VariantName === v.VariantName);
        if (scaled.has(v.VariantName) && before && before.InstanceType !== v.InstanceType)
          throw new AwsError(
            'ValidationException',
            `The variant ${v.VariantName} of endpoint "${endpoint.EndpointArn}" has an automatic scaling policy; deregister the scalable target before changing its instance type.`,
          );
      }
      const deployment = input.DeploymentConfig as DeploymentConfig | undefined;
      if (deployment?.BlueGreenUpdatePolicy && endpoint.ProductionVariants?.some((v) => v.CurrentServerlessConfig))
        throw new AwsError('ValidationException', 'Blue/green deployment is not supported for serverless endpoints.');
      if (input.RetainAllVariantProperties === true)
        throw new AwsError('NotImplemented', 'The local world does not implement RetainAllVariantProperties.', 501, 'Receiver');
      lifecycle.update(endpoint, next, deployment);
      return { EndpointArn: endpoint.EndpointArn };
    },
    UpdateEndpointWeightsAndCapacities(input: Input, ctx: RequestContext) {
      const endpoint = state.endpoint(input.EndpointName as string, ctx.region, ctx.accountId);
      if (endpoint.EndpointStatus !== 'InService')
        throw new AwsError('ValidationException', `Cannot update in-progress endpoint "${endpoint.EndpointArn}".`);
      const desired = new Map<string, { weight?: number; count?: number }>();
      const known = new Set((endpoint.ProductionVariants ?? []).map((v) => v.VariantName));
      const unknown: string[] = [];
      for (const d of input.DesiredWeightsAndCapacities as {
        VariantName: string;
        DesiredWeight?: number;
        DesiredInstanceCount?: number;
      }[]) {
        if (!known.has(d.VariantName)) unknown.push(d.VariantName);
        desired.set(d.VariantName, { weight: d.DesiredWeight, count: d.DesiredInstanceCount });
      }
      if (unknown.length > 0)
        throw new AwsError(
          'ValidationException',
          `The variant(s) "[${unknown.join(', ')}]" is/are not present in the endpoint "${endpoint.EndpointArn}".`,
        );
      lifecycle.weights(endpoint, desired);
      return { EndpointArn: endpoint.EndpointArn };
    },
    DeleteEndpoint(input: Input, ctx: RequestContext) {
      const endpoint = state.endpoint(input.EndpointName as string, ctx.region, ctx.accountId);
      endpoint.cancel?.();
      endpoint.EndpointStatus = 'Deleting';
      endpoint.PendingDeploymentSummary = undefined;
      endpoint.cancel = clock.schedule(lifecycle.delays.deleteMs, () => {
        state.endpoints.delete(endpoint.EndpointName);
        state.tags.delete(endpoint.EndpointArn);
      });
      return {};
    },
    ListEndpoints(input: Input) {
      let endpoints = [...state.endpoints.values()];
      if (input.StatusEquals) endpoints = endpoints.filter((e) => e.EndpointStatus === input.StatusEquals);
      const items = list(endpoints, input, (e) => e.EndpointName).map((e) => ({
        EndpointName: e.EndpointName,
        EndpointArn: e.EndpointArn,
        CreationTime: e.CreationTime,
        LastModifiedTime: e.LastModifiedTime,
        EndpointStatus: e.EndpointStatus,
      }));
      return page(items, input, 'Endpoints');
    },
    AddTags(input: Input) {
      const resourceArn = knownArn(state, input.ResourceArn as string);
      state.tags.set(resourceArn, mergeTags(state.tags.get(resourceArn) ?? [], input.Tags as Tag[]));
      return { Tags: input.Tags };
    },
    ListTags(input: Input) {
      const resourceArn = knownArn(state, input.ResourceArn as string);
      return page(state.tags.get(resourceArn) ?? [], input, 'Tags');
    },
    DeleteTags(input: Input) {
      const resourceArn = knownArn(state, input.ResourceArn as string);
      const drop = new Set(input.TagKeys as string[]);
      state.tags.set(
        resourceArn,
        (state.tags.get(resourceArn) ?? []).filter((t) => !drop.has(t.Key)),
      );
      return {};
    },
  };

  const admin = {
    /** Fail the next CreateEndpoint / UpdateEndpoint (optionally with a rollback that fails too), or roll back the next weights change. */
    'fail-next'(body: { operation: string; reason?: string; rollbackFails?: boolean }) {
      const reason = body.reason ?? 'Injected failure (local world).';
      if (body.operation === 'CreateEndpoint') lifecycle.faults.failNextCreate = reason;
      else if (body.operation === 'UpdateEndpoint') {
        lifecycle.faults.failNextUpdate = reason;
        lifecycle.faults.rollbackFails = body.rollbackFails ?? false;
      } else if (body.operation === 'UpdateEndpointWeightsAndCapacities') lifecycle.faults.rollBackNextWeights = true;
      else throw new Error(`fail-next: unknown operation ${body.operation}`);
      return { ok: true };
    },
    /** Make containers of an image fail (or pass again) their ping health check. */
    health(body: { image: string; healthy: boolean }) {
      if (body.healthy) state.unhealthyImages.delete(body.image);
      else state.unhealthyImages.add(body.image);
      return { unhealthy: [...state.unhealthyImages] };
    },
    /** Hold (or release) an endpoint's next transitions, to look at an in-progress state without racing the clock. */
    hold(body: { endpoint: string; hold: boolean }) {
      if (body.hold) lifecycle.held.add(body.endpoint);
      else lifecycle.held.delete(body.endpoint);
      return { held: [...lifecycle.held] };
    },
    delays(body: Partial<LifecycleDelays>) {
      Object.assign(lifecycle.delays, body);
      return lifecycle.delays;
    },
    'system-update'(body: { endpoint: string; ms: number }) {
      const endpoint = state.find(state.endpoints, body.endpoint);
      if (!endpoint) throw new Error(`no endpoint ${body.endpoint}`);
      lifecycle.systemUpdate(endpoint, body.ms);
      return { ok: true };
    },
  };

  return { id: 'sagemaker', model: loadServiceModel('sagemaker'), operations, admin, state, lifecycle };
}

function knownArn(state: SageMakerState, resourceArn: string): string {
  const all = [
    ...[...state.models.values()].map((m) => m.ModelArn),
    ...[...state.configs.values()].map((c) => c.EndpointConfigArn),
    ...[...state.endpoints.values()].map((e) => e.EndpointArn),
  ];
  const found = all.find((a) => a.toLowerCase() === resourceArn.toLowerCase());
  if (!found) throw new AwsError('ValidationException', `Could not find resource "${resourceArn}".`);
  return found;
}

function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t]));
  for (const t of added) byKey.set(t.Key, { Key: t.Key, Value: t.Value });
  return [...byKey.values()];
}

/** NameContains, creation-time filters and sorting, as the List* operations take them. */
function list<T extends { CreationTime: Date }>(items: T[], input: Input, name: (t: T) => string): T[] {
  const contains = (input.NameContains as string | undefined)?.toLowerCase();
  let out = contains ? items.filter((i) => name(i).toLowerCase().includes(contains)) : items;
  if (input.CreationTimeAfter) out = out.filter((i) => i.CreationTime > (input.CreationTimeAfter as Date));
  if (input.CreationTimeBefore) out = out.filter((i) => i.CreationTime < (input.CreationTimeBefore as Date));
  const byName = input.SortBy === 'Name';
  out = [...out].sort((a, b) => (byName ? name(a).localeCompare(name(b)) : a.CreationTime.getTime() - b.CreationTime.getTime()));
  return input.SortOrder === 'Ascending' ? out : out.reverse();
}

function page(items: unknown[], input: Input, key: string): Record<string, unknown> {
  const start = input.NextToken ? Number(Buffer.from(input.NextToken as string, 'base64').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError('ValidationException', 'Invalid pagination token.');
  const size = (input.MaxResults as number | undefined) ?? 100;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return next ? { [key]: slice, NextToken: next } : { [key]: slice };
}
