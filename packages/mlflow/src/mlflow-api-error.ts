/** A request the MLflow server answered with an error, or could not be reached for: one clear line. */
export class MlflowApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** MLflow's `error_code` (RESOURCE_DOES_NOT_EXIST, ...), or '' when the body was not MLflow's JSON. */
    readonly errorCode: string,
    /** The server's own message, verbatim. */
    readonly serverMessage: string,
  ) {
    super(message);
    this.name = 'MlflowApiError';
  }

  get notFound(): boolean {
    return this.status === 404 || this.errorCode === 'RESOURCE_DOES_NOT_EXIST';
  }
}

/** Statuses worth another attempt: MLflow's own client retries these (throttling, gateway and server errors). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Network failures worth another attempt: the connection dropped or was refused for a moment. */
export function isRetryableNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' &&
    [
      'ECONNRESET',
      'ECONNREFUSED',
      'EPIPE',
      'ETIMEDOUT',
      'EAI_AGAIN',
      'ENOTFOUND',
      'ECONNABORTED',
      'UND_ERR_SOCKET',
      'ERR_STREAM_PREMATURE_CLOSE',
    ].includes(code)
  );
}

/** Turns an error response into one line: what was asked, what MLflow said, and a hint where one helps. */
export function describeErrorResponse(base: string, what: string, status: number, body: string): MlflowApiError {
  let errorCode = '';
  let serverMessage = '';
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown; message?: unknown };
    if (typeof parsed.error_code === 'string') errorCode = parsed.error_code;
    if (typeof parsed.message === 'string') serverMessage = parsed.message;
  } catch {
    serverMessage = '';
  }
  if (status === 401 || errorCode === 'UNAUTHENTICATED')
    return new MlflowApiError(
      `MLflow at ${base} refused ${what}: 401 unauthenticated (set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)`,
      status,
      errorCode || 'UNAUTHENTICATED',
      serverMessage,
    );
  if (status === 403 || errorCode === 'PERMISSION_DENIED')
    return new MlflowApiError(
      `MLflow at ${base} refused ${what}: 403 permission denied (the configured user may not read this model)`,
      status,
      errorCode || 'PERMISSION_DENIED',
      serverMessage,
    );
  if (!errorCode && /<html|<!doctype/i.test(body))
    return new MlflowApiError(
      `MLflow at ${base} answered ${what} with ${status} and an HTML page: is tracking-uri the MLflow server's base URL?`,
      status,
      '',
      '',
    );
  const said = serverMessage ? `${errorCode ? `${errorCode}: ` : ''}${firstLine(serverMessage)}` : firstLine(body) || '(empty body)';
  return new MlflowApiError(`MLflow ${what} failed with ${status}: ${said}`, status, errorCode, serverMessage);
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
