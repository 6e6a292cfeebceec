// Bearer-token or basic auth in front of every route except /health.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { MlflowError } from './mlflow-errors.js';

export interface MlflowAuthOptions {
  token?: string;
  username?: string;
  password?: string;
}

const UNAUTHENTICATED_MESSAGE =
  'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws UNAUTHENTICATED (401) unless the request carries the configured credentials. */
export function checkAuth(req: IncomingMessage, auth: MlflowAuthOptions | undefined): void {
  if (!auth || (auth.token === undefined && auth.username === undefined && auth.password === undefined)) return;
  const header = req.headers.authorization ?? '';
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  let ok = false;
  if (auth.token !== undefined && scheme.toLowerCase() === 'bearer') ok = same(value, auth.token);
  if (!ok && auth.username !== undefined && scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const sep = decoded.indexOf(':');
    ok = sep >= 0 && same(decoded.slice(0, sep), auth.username) && same(decoded.slice(sep + 1), auth.password ?? '');
  }
  if (!ok) throw new MlflowError('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
}

export function authChallenge(auth: MlflowAuthOptions | undefined): Record<string, string> {
  return auth?.username !== undefined ? { 'WWW-Authenticate': 'Basic realm="mlflow"' } : {};
}
