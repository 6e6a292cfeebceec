import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { describeErrorResponse, isRetryableNetworkError, MlflowApiError, RETRYABLE_STATUSES } from './mlflow-api-error.js';
import type { TrackingSettings } from './tracking-settings.js';

/** Retry settings; the defaults read MLflow's own environment variables so users tune both clients the same way. */
export interface RetryPolicy {
  /** Extra attempts after the first (MLFLOW_HTTP_REQUEST_MAX_RETRIES, default 5). */
  readonly maxRetries: number;
  /** Backoff before retry n is factor * 2^(n-1) seconds (MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR, default 1), capped at 30 s. */
  readonly backoffFactorSeconds: number;
  /** Up to this many random seconds added to each backoff (MLFLOW_HTTP_REQUEST_BACKOFF_JITTER, default 1). */
  readonly jitterSeconds: number;
  /** A request with no bytes moving for this long is abandoned (MLFLOW_HTTP_REQUEST_TIMEOUT, default 120). */
  readonly timeoutSeconds: number;
}

export function retryPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const num = (name: string, fallback: number): number => {
    const v = Number(env[name]);
    return env[name] !== undefined && env[name] !== '' && Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  return {
    maxRetries: Math.floor(num('MLFLOW_HTTP_REQUEST_MAX_RETRIES', 5)),
    backoffFactorSeconds: num('MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR', 1),
    jitterSeconds: num('MLFLOW_HTTP_REQUEST_BACKOFF_JITTER', 1),
    timeoutSeconds: num('MLFLOW_HTTP_REQUEST_TIMEOUT', 120),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function backoffMs(policy: RetryPolicy, retry: number): number {
  const base = Math.min(30, policy.backoffFactorSeconds * 2 ** (retry - 1));
  return Math.round((base + Math.random() * policy.jitterSeconds) * 1000);
}

export interface RequestOptions {
  readonly method?: string;
  /** Path below the tracking URI, with its query string. */
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Human description of the call for error messages, e.g. `GET registered-models/get?name=x`. */
  readonly what: string;
}

/**
 * HTTP to one MLflow server: keep-alive connections, the auth header, and retries with backoff on
 * throttling, 5xx and dropped connections. Answers are returned as the raw response so downloads stream.
 */
export class MlflowHttp {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(
    readonly settings: TrackingSettings,
    readonly policy: RetryPolicy = retryPolicyFromEnv(),
    maxSockets = 16,
  ) {
    this.base = new URL(settings.uri.endsWith('/') ? settings.uri : `${settings.uri}/`);
    const Agent = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
  }

  /** One attempt: resolves with any response (error statuses included), rejects on network failure. */
  private once(opts: RequestOptions): Promise<IncomingMessage> {
    const url = new URL(opts.path.replace(/^\/+/, ''), this.base);
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        url,
        {
          method: opts.method ?? 'GET',
          agent: this.agent,
          headers: {
            ...this.settings.headers,
            ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...opts.headers,
          },
          timeout: this.policy.timeoutSeconds * 1000,
        },
        resolve,
      );
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error(`no answer within ${this.policy.timeoutSeconds} s`), { code: 'ETIMEDOUT' })),
      );
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  /**
   * Sends with retries; resolves with a successful (2xx) response whose body is unread.
   * Error answers become an `MlflowApiError` naming the call and quoting MLflow's message.
   */
  async request(opts: RequestOptions): Promise<IncomingMessage> {
    for (let attempt = 0; ; attempt++) {
      let res: IncomingMessage;
      try {
        res = await this.once(opts);
      } catch (error) {
        if (attempt < this.policy.maxRetries && isRetryableNetworkError(error)) {
          await sleep(backoffMs(this.policy, attempt + 1));
          continue;
        }
        const reason = error instanceof Error ? error.message : String(error);
        throw new MlflowApiError(
          `MLflow at ${this.settings.uri} is unreachable for ${opts.what}: ${reason} (after ${attempt + 1} attempt${attempt ? 's' : ''})`,
          0,
          '',
          reason,
        );
      }
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return res;
      const body = await readText(res).catch(() => '');
      if (attempt < this.policy.maxRetries && RETRYABLE_STATUSES.has(status)) {
        const after = Number(res.headers['retry-after']);
        await sleep(Number.isFinite(after) && after > 0 ? Math.min(after, 60) * 1000 : backoffMs(this.policy, attempt + 1));
        continue;
      }
      throw describeErrorResponse(this.settings.uri, opts.what, status, body);
    }
  }

  /** A REST 2.0 call: GET sends `params` as a query string, other methods as a JSON body. */
  async json<T>(method: string, endpoint: string, params: Record<string, string | readonly string[] | boolean> = {}): Promise<T> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) for (const item of v as readonly string[]) query.append(k, item);
      else query.append(k, String(v));
    }
    const qs = query.toString();
    const what = `${method} ${endpoint}${method === 'GET' && qs ? `?${decodeURIComponent(qs)}` : ''}`;
    const path = `api/2.0/${endpoint}${method === 'GET' && qs ? `?${qs}` : ''}`;
    const res = await this.request({ method, path, body: method === 'GET' ? undefined : JSON.stringify(params), what });
    const text = await readText(res);
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new MlflowApiError(`MLflow ${what} answered ${res.statusCode} with a body that is not JSON`, res.statusCode ?? 0, '', '');
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

export async function readText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
