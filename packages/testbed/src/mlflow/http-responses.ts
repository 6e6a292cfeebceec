// Writing responses the way MLflow (Flask + gunicorn) does.
import type { ServerResponse } from 'node:http';
import { MlflowError, errorBody } from './mlflow-errors.js';

/** Success bodies are indented JSON. */
export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/html; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: MlflowError, extraHeaders: Record<string, string> = {}): void {
  const text = errorBody(error.errorCode, error.message);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(error.status, { ...extraHeaders, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
