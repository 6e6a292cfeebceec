// MLflow-style error values and the exact messages the real server uses.

export type MlflowErrorCode =
  | 'INVALID_PARAMETER_VALUE'
  | 'BAD_REQUEST'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'INTERNAL_ERROR'
  | 'TEMPORARILY_UNAVAILABLE'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'ENDPOINT_NOT_FOUND'
  | 'INVALID_STATE';

const STATUS_BY_CODE: Record<MlflowErrorCode, number> = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  RESOURCE_ALREADY_EXISTS: 400,
  INTERNAL_ERROR: 500,
  TEMPORARILY_UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  REQUEST_LIMIT_EXCEEDED: 429,
  ENDPOINT_NOT_FOUND: 404,
  INVALID_STATE: 400,
};

/** Error code used for an injected fault answering with `status`. */
export function codeForStatus(status: number): MlflowErrorCode {
  const found = (Object.keys(STATUS_BY_CODE) as MlflowErrorCode[]).find((code) => STATUS_BY_CODE[code] === status);
  return found ?? 'INTERNAL_ERROR';
}

export class MlflowError extends Error {
  readonly status: number;
  constructor(
    readonly errorCode: MlflowErrorCode,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = 'MlflowError';
    this.status = status ?? STATUS_BY_CODE[errorCode];
  }
}

/** One-line body exactly as Flask/MLflow renders it: `{"error_code": "...", "message": "..."}`. */
export function errorBody(code: string, message: string): string {
  return `{"error_code": ${JSON.stringify(code)}, "message": ${JSON.stringify(message)}}`;
}

export const invalidParam = (message: string): MlflowError => new MlflowError('INVALID_PARAMETER_VALUE', message);

export const missingParam = (name: string): MlflowError =>
  invalidParam(`Missing value for required parameter '${name}'. See the API docs for more information about request parameters.`);

export const notFound = (message: string): MlflowError => new MlflowError('RESOURCE_DOES_NOT_EXIST', message);

export const alreadyExists = (message: string): MlflowError => new MlflowError('RESOURCE_ALREADY_EXISTS', message);

export const registeredModelNotFound = (name: string): MlflowError => notFound(`Registered Model with name=${name} not found`);

export const modelVersionNotFound = (name: string, version: string | number): MlflowError =>
  notFound(`Model Version (name=${name}, version=${version}) not found`);

export const runNotFound = (runId: string): MlflowError => notFound(`Run with id=${runId} not found`);

export const experimentNotFound = (id: string): MlflowError => notFound(`No Experiment with id=${id} exists`);

/** Werkzeug's HTML 404 page (MLflow answers unknown routes with it). */
export const NOT_FOUND_HTML =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

/** Werkzeug's HTML 405 page. */
export const METHOD_NOT_ALLOWED_HTML =
  '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
  '<p>The method is not allowed for the requested URL.</p>\n';
