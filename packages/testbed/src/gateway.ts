import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { AwsError, notImplemented } from './aws-error.js';
import { jsonError, parseTarget, serializeJson } from './protocols/json-protocol.js';
import { parseQueryParams, queryError, queryResponse } from './protocols/query-protocol.js';
import { coerceInput } from './protocols/shape-coercion.js';
import type { ServiceModel } from './service-model.js';
import { validateInput } from './shape-validation.js';
import { WorldFaults, type FaultSpec } from './world-faults.js';

export interface RequestContext {
  readonly requestId: string;
  readonly accountId: string;
  readonly region: string;
}

export type OperationHandler = (input: never, ctx: RequestContext) => unknown;

/** One simulated AWS service: its AWS model and the operations the world implements. */
export interface SimulatedService {
  /** Short id used in the request log, faults and admin routes (e.g. `sagemaker`). */
  readonly id: string;
  readonly model: ServiceModel;
  readonly operations: Readonly<Record<string, OperationHandler>>;
  /** Admin routes, mounted at `/_world/<id>/<name>` (POST with a JSON body). */
  readonly admin?: Readonly<Record<string, (body: never) => unknown>>;
}

/** A handler for requests no model describes as JSON/query (the SageMaker runtime's REST-JSON path). */
export type RawRoute = (req: IncomingMessage, body: Buffer, res: ServerResponse, ctx: RequestContext) => Promise<boolean>;

export interface LoggedRequest {
  readonly service: string;
  readonly operation: string;
  readonly status: number;
  readonly at: string;
}

export interface GatewayOptions {
  readonly accountId: string;
  readonly region: string;
  readonly accessKeyId: string;
}

/**
 * One loopback HTTP server in front of every simulated service. It routes by `X-Amz-Target` (JSON protocols)
 * or by the query protocol's `Version`, checks the caller's access key, validates the input against AWS's model,
 * injects faults, and logs each call for tests.
 */
export class Gateway {
  readonly faults = new WorldFaults();
  readonly requests: LoggedRequest[] = [];
  private readonly byTarget = new Map<string, SimulatedService>();
  private readonly byQueryVersion = new Map<string, SimulatedService>();
  private readonly services = new Map<string, SimulatedService>();
  private readonly rawRoutes: RawRoute[] = [];
  private readonly adminRoutes = new Map<string, (body: unknown) => unknown>();
  private server: Server | undefined;
  url = '';

  constructor(private readonly options: GatewayOptions) {}

  register(service: SimulatedService): void {
    this.services.set(service.id, service);
    const { targetPrefix, protocol, apiVersion } = service.model.metadata;
    if (targetPrefix) this.byTarget.set(targetPrefix, service);
    if (protocol === 'query') this.byQueryVersion.set(apiVersion, service);
    for (const [name, route] of Object.entries(service.admin ?? {}))
      this.adminRoutes.set(`${service.id}/${name}`, route as (body: unknown) => unknown);
  }

  /** Serves an operation of a JSON 1.0 model under another target prefix (CloudWatch's JSON 1.0 protocol). */
  alias(targetPrefix: string, serviceId: string): void {
    const service = this.services.get(serviceId);
    if (service) this.byTarget.set(targetPrefix, service);
  }

  addRawRoute(route: RawRoute): void {
    this.rawRoutes.push(route);
  }

  addAdminRoute(name: string, route: (body: unknown) => unknown): void {
    this.adminRoutes.set(name, route);
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'InternalFailure', message: error instanceof Error ? error.message : 'internal error' }));
      });
    });
    this.server.keepAliveTimeout = 2000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const ctx: RequestContext = { requestId: randomUUID(), accountId: this.options.accountId, region: this.options.region };
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/_world/')) return this.handleAdmin(path.slice('/_world/'.length), req, body, res);
    if (!this.authorized(req)) return this.deny(req, body, res, ctx);
    for (const route of this.rawRoutes) if (await route(req, body, res, ctx)) return;

    const target = parseTarget(header(req, 'x-amz-target'));
    if (target) return this.handleJson(target.prefix, target.operation, body, res, ctx);
    const params = new URLSearchParams(body.toString('utf8'));
    const version = params.get('Version');
    const action = params.get('Action');
    if (version && action) return this.handleQuery(version, action, params, res, ctx);
    send(
      res,
      404,
      { 'content-type': 'application/json' },
      JSON.stringify({ __type: 'UnknownOperationException', message: `No service of the local world answers ${req.method ?? ''} ${path}` }),
    );
  }

  private async run(service: SimulatedService, operation: string, input: unknown, ctx: RequestContext): Promise<unknown> {
    const latency = this.faults.latency(service.id, operation);
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const op = service.model.operations[operation];
    if (!op) throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`);
    const fault = this.faults.take(service.id, operation);
    if (fault) throw fault;
    const handler = service.operations[operation];
    if (!handler) throw notImplemented(service.id, operation);
    if (op.input) {
      const problem = validateInput(service.model, op.input.shape, input);
      if (problem) throw new AwsError('ValidationException', problem);
    }
    return await (handler as (input: unknown, ctx: RequestContext) => unknown)(input, ctx);
  }

  private async handleJson(prefix: string, operation: string, body: Buffer, res: ServerResponse, ctx: RequestContext): Promise<void> {
    const service = this.byTarget.get(prefix);
    const queryCompatible = prefix.startsWith('GraniteServiceVersion');
    const contentType = queryCompatible ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
    let status = 200;
    try {
      if (!service) throw new AwsError('UnknownOperationException', `No service with target prefix ${prefix}`);
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
      }
      const shape = service.model.operations[operation]?.input?.shape;
      const output = await this.run(service, operation, shape ? coerceInput(service.model, shape, input) : input, ctx);
      send(res, 200, { 'content-type': contentType, 'x-amzn-requestid': ctx.requestId }, serializeJson(output));
    } catch (error) {
      const aws = asAwsError(error);
      status = aws.status;
      const e = jsonError(aws, queryCompatible);
      send(res, e.status, { 'content-type': contentType, 'x-amzn-requestid': ctx.requestId, ...e.headers }, e.body);
    } finally {
      this.log(service?.id ?? prefix, operation, status);
    }
  }

  private async handleQuery(
    version: string,
    action: string,
    params: URLSearchParams,
    res: ServerResponse,
    ctx: RequestContext,
  ): Promise<void> {
    const service = this.byQueryVersion.get(version);
    let status = 200;
    try {
      if (!service) throw new AwsError('InvalidAction', `No query service with version ${version}`);
      const op = service.model.operations[action];
      if (!op) throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`);
      const input = coerceInput(service.model, op.input?.shape ?? '', parseQueryParams(service.model, op.input?.shape, params));
      const output = await this.run(service, action, input, ctx);
      send(
        res,
        200,
        { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId },
        queryResponse(service.model, action, output, ctx.requestId),
      );
    } catch (error) {
      const aws = asAwsError(error);
      status = aws.status;
      send(res, aws.status, { 'content-type': 'text/xml', 'x-amzn-requestid': ctx.requestId }, queryError(aws, ctx.requestId));
    } finally {
      this.log(service?.id ?? version, action, status);
    }
  }

  private async handleAdmin(route: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    try {
      const input: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
      let output: unknown;
      if (route === 'requests' && req.method === 'GET') output = this.requests;
      else if (route === 'requests' && req.method === 'DELETE') output = this.requests.splice(0).length;
      else if (route === 'faults') {
        const { service, reset, ...spec } = input as FaultSpec & { service: string; reset?: boolean };
        if (reset) this.faults.reset(service);
        else this.faults.set(service, spec);
        output = { ok: true };
      } else {
        const handler = this.adminRoutes.get(route);
        if (!handler)
          return send(
            res,
            404,
            { 'content-type': 'application/json' },
            JSON.stringify({ error: `no admin route ${route}`, routes: [...this.adminRoutes.keys()] }),
          );
        output = await handler(input);
      }
      send(res, 200, { 'content-type': 'application/json' }, serializeJson(output ?? { ok: true }));
    } catch (error) {
      send(
        res,
        400,
        { 'content-type': 'application/json' },
        JSON.stringify({ error: error instanceof Error ? error.message : String(error) }),
      );
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const auth = header(req, 'authorization') ?? '';
    const m = /Credential=([^/]+)\//.exec(auth);
    return m?.[1] === this.options.accessKeyId;
  }

  private deny(req: IncomingMessage, body: Buffer, res: ServerResponse, ctx: RequestContext): void {
    const target = parseTarget(header(req, 'x-amz-target'));
    const error = new AwsError(
      target ? 'UnrecognizedClientException' : 'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
    );
    this.log(
      target ? (this.byTarget.get(target.prefix)?.id ?? target.prefix) : 'unknown',
      target?.operation ?? new URLSearchParams(body.toString()).get('Action') ?? '',
      403,
    );
    if (target) {
      const e = jsonError(error, target.prefix.startsWith('Granite'));
      return send(res, 403, { 'content-type': 'application/x-amz-json-1.1', ...e.headers }, e.body);
    }
    send(res, 403, { 'content-type': 'text/xml' }, queryError(error, ctx.requestId));
  }

  private log(service: string, operation: string, status: number): void {
    this.requests.push({ service, operation, status, at: new Date().toISOString() });
  }
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export function asAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  return new AwsError(
    'InternalFailure',
    `The local world failed: ${error instanceof Error ? error.message : String(error)}`,
    500,
    'Receiver',
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return header(req, 'content-encoding') === 'gzip' ? gunzipSync(raw) : raw;
}
