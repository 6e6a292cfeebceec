// The HTTP server: routing, auth, faults, error rendering.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { artifactRoutes } from './artifact-routes.js';
import { authChallenge, checkAuth, type MlflowAuthOptions } from './mlflow-auth.js';
import { MlflowError, METHOD_NOT_ALLOWED_HTML, NOT_FOUND_HTML, codeForStatus } from './mlflow-errors.js';
import { MlflowFaultState, type MlflowFaults } from './mlflow-faults.js';
import { MlflowStore } from './mlflow-store.js';
import { modelVersionRoutes } from './model-version-routes.js';
import { registeredModelRoutes } from './registered-model-routes.js';
import { readParams, type Params } from './request-params.js';
import { sendError, sendJson, sendText } from './http-responses.js';
import { RESPONDED, type Route, type RouteContext } from './route-types.js';
import { trackingRoutes } from './tracking-routes.js';

export const MLFLOW_VERSION = '2.17.0';
const BASE_READY_DELAY_MS = 200;

export interface MlflowServerOptions {
  /** 0 (default) = a free port; the host is always 127.0.0.1. */
  port?: number;
  persistDir?: string;
  auth?: MlflowAuthOptions;
  /** Multiplies the PENDING_REGISTRATION -> READY delay (0.2 s * timeScale). */
  timeScale?: number;
}

export interface MlflowServer {
  url: string;
  stop(): Promise<void>;
  faults: MlflowFaults;
  store: MlflowStore;
}

const ROUTES: Route[] = [...trackingRoutes, ...registeredModelRoutes, ...modelVersionRoutes, ...artifactRoutes];

/** `/ajax-api/2.0/...` and `/api/2.0/preview/...` are served like `/api/2.0/...`. */
function canonicalPath(pathname: string): string {
  return pathname.replace(/^\/ajax-api\//, '/api/').replace(/^\/api\/2\.0\/preview\//, '/api/2.0/');
}

function findRoute(method: string, pathname: string): { route?: Route; subPath: string; pathExists: boolean } {
  let pathExists = false;
  for (const route of ROUTES) {
    const exact = pathname === route.path;
    const under = route.prefix === true && pathname.startsWith(`${route.path}/`);
    if (!(route.prefix ? under : exact)) continue;
    pathExists = true;
    if (route.method === method) {
      return { route, subPath: under ? decodeURIComponent(pathname.slice(route.path.length + 1)) : '', pathExists };
    }
  }
  return { subPath: '', pathExists };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startMlflowServer(opts: MlflowServerOptions = {}): Promise<MlflowServer> {
  const store = new MlflowStore({ persistDir: opts.persistDir, readyDelayMs: BASE_READY_DELAY_MS * (opts.timeScale ?? 1) });
  const faults = new MlflowFaultState();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    const failure = faults.takeFailure();
    if (failure !== undefined) {
      req.resume();
      sendError(res, new MlflowError(codeForStatus(failure), `Injected fault: the server answered ${failure}.`, failure));
      return;
    }
    if (url.pathname === '/health') {
      req.resume();
      sendText(res, 200, 'OK');
      return;
    }
    checkAuth(req, opts.auth);
    if (url.pathname === '/version') {
      req.resume();
      sendText(res, 200, MLFLOW_VERSION);
      return;
    }
    const { route, subPath, pathExists } = findRoute(method === 'HEAD' ? 'GET' : method, canonicalPath(url.pathname));
    if (!route) {
      req.resume();
      sendText(res, pathExists ? 405 : 404, pathExists ? METHOD_NOT_ALLOWED_HTML : NOT_FOUND_HTML);
      return;
    }
    let params: Promise<Params> | undefined;
    const ctx: RouteContext = {
      req,
      res,
      query: url.searchParams,
      store,
      faults,
      subPath,
      params: () => (params ??= readParams(req, url.searchParams)),
    };
    const body = await route.handler(ctx);
    if (body !== RESPONDED) {
      if (!params && route.method !== 'PUT') req.resume();
      sendJson(res, body);
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      req.resume();
      const mlflowError =
        error instanceof MlflowError
          ? error
          : error instanceof URIError
            ? new MlflowError('INVALID_PARAMETER_VALUE', 'Invalid path')
            : new MlflowError('INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
      sendError(res, mlflowError, mlflowError.status === 401 ? authChallenge(opts.auth) : {});
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    store,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      })),
  };
}
