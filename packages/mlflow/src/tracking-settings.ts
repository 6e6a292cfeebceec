import { inputConflict } from '@mlops-actions/action-kit';

/** Where the MLflow server is and how to authenticate, resolved once; secrets are already masked. */
export interface TrackingSettings {
  /** Base URL without credentials or trailing slash (safe to print). */
  readonly uri: string;
  /** Headers sent with every request (Authorization when credentials are configured). */
  readonly headers: Readonly<Record<string, string>>;
  readonly auth: 'token' | 'basic' | 'none';
}

/**
 * The MLflow client's own conventions: `tracking-uri` input, else MLFLOW_TRACKING_URI; a bearer token from
 * MLFLOW_TRACKING_TOKEN, else basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD (or `user:pass@` in the URL).
 * Every secret goes through `mask` before it is used, so no later log line can carry it.
 */
export function trackingSettings(
  trackingUri: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  mask: (secret: string) => void = () => undefined,
): TrackingSettings {
  const raw = (trackingUri ?? env.MLFLOW_TRACKING_URI ?? '').trim();
  if (raw === '') throw inputConflict('tracking-uri', '', 'is required when MLFLOW_TRACKING_URI is not set');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw inputConflict('tracking-uri', raw, 'must be an http(s):// URL of an MLflow tracking server (MLFLOW_TRACKING_URI)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw inputConflict('tracking-uri', raw, 'must be an http(s):// URL of an MLflow tracking server (MLFLOW_TRACKING_URI)');

  const token = env.MLFLOW_TRACKING_TOKEN?.trim();
  const username = env.MLFLOW_TRACKING_USERNAME ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const password = env.MLFLOW_TRACKING_PASSWORD ?? (url.password ? decodeURIComponent(url.password) : undefined);
  if (url.password) mask(decodeURIComponent(url.password));
  url.username = '';
  url.password = '';
  const uri = url.toString().replace(/\/+$/, '');

  if (token) {
    mask(token);
    return { uri, headers: { authorization: `Bearer ${token}` }, auth: 'token' };
  }
  if (username !== undefined && username !== '') {
    if (password) mask(password);
    const basic = Buffer.from(`${username}:${password ?? ''}`).toString('base64');
    mask(basic);
    return { uri, headers: { authorization: `Basic ${basic}` }, auth: 'basic' };
  }
  return { uri, headers: {}, auth: 'none' };
}
