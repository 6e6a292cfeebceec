// What a route handler receives and returns.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MlflowFaultState } from './mlflow-faults.js';
import type { MlflowStore } from './mlflow-store.js';
import type { Params } from './request-params.js';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  store: MlflowStore;
  faults: MlflowFaultState;
  /** Parameters read as MLflow does (query for GET, JSON body otherwise). */
  params(): Promise<Params>;
  /** For prefix routes: the decoded rest of the path after the prefix (no leading slash). */
  subPath: string;
}

/** Marker: the handler wrote the response itself (streams). */
export const RESPONDED = Symbol('responded');

export type RouteHandler = (ctx: RouteContext) => Promise<unknown>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  /** Match `path` and everything under `path/`. */
  prefix?: boolean;
  handler: RouteHandler;
}
