import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawRoute, RequestContext } from '../gateway.js';
import { header, send } from '../gateway.js';
import type { MetricSink } from '../world-links.js';
import type { SageMakerState } from './sagemaker-state.js';

/** What a variant answers, set through the admin API (default: a JSON echo naming the variant). */
export interface VariantResponse {
  status?: number;
  body?: string;
  contentType?: string;
  /** Model latency to report, in milliseconds (SageMaker publishes it in microseconds). */
  latencyMs?: number;
}

/**
 * SageMaker runtime InvokeEndpoint (REST-JSON, POST /endpoints/<name>/invocations): routes by variant weight
 * (or X-Amzn-SageMaker-Target-Variant), answers with the variant's configured response, and publishes
 * Invocations, ModelLatency, OverheadLatency and Invocation4XX/5XXErrors to CloudWatch as SageMaker does.
 */
export function createRuntime(
  state: SageMakerState,
  metrics: MetricSink,
): { route: RawRoute; responses: Map<string, VariantResponse>; invocations: number } {
  const responses = new Map<string, VariantResponse>();
  const runtime = { route, responses, invocations: 0 };

  function error(res: ServerResponse, status: number, code: string, message: string, ctx: RequestContext): void {
    send(
      res,
      status,
      { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': ctx.requestId },
      JSON.stringify({ message, Message: message }),
    );
  }

  async function route(req: IncomingMessage, body: Buffer, res: ServerResponse, ctx: RequestContext): Promise<boolean> {
    const m = /^\/endpoints\/([^/]+)\/invocations$/.exec((req.url ?? '').split('?')[0]!);
    if (!m || req.method !== 'POST') return false;
    const name = decodeURIComponent(m[1]!);
    const endpoint = state.find(state.endpoints, name);
    if (!endpoint || !endpoint.ProductionVariants || (endpoint.EndpointStatus !== 'InService' && endpoint.EndpointStatus !== 'Updating')) {
      error(res, 400, 'ValidationError', `Endpoint ${name} of account ${ctx.accountId} not found.`, ctx);
      return true;
    }
    const variants = endpoint.ProductionVariants;
    const target = header(req, 'x-amzn-sagemaker-target-variant');
    let variant = target ? variants.find((v) => v.VariantName === target) : undefined;
    if (target && !variant) {
      error(res, 400, 'ValidationError', `The variant ${target} is not present in the endpoint ${name}.`, ctx);
      return true;
    }
    if (!variant) {
      const total = variants.reduce((s, v) => s + v.CurrentWeight, 0);
      let pick = Math.random() * total;
      variant = variants.find((v) => (pick -= v.CurrentWeight) < 0) ?? variants[0]!;
    }
    const configured =
      responses.get(`${endpoint.EndpointName}/${variant.VariantName}`) ?? responses.get(`${endpoint.EndpointName}/*`) ?? {};
    const status = configured.status ?? 200;
    const latencyMs = configured.latencyMs ?? 5;
    await new Promise((r) => setTimeout(r, Math.min(latencyMs, 50)));
    runtime.invocations += 1;
    const dims = [
      { Name: 'EndpointName', Value: endpoint.EndpointName },
      { Name: 'VariantName', Value: variant.VariantName },
    ];
    metrics.put('AWS/SageMaker', 'Invocations', dims, 1, 'None');
    metrics.put('AWS/SageMaker', 'Invocation4XXErrors', dims, status >= 400 && status < 500 ? 1 : 0, 'None');
    metrics.put('AWS/SageMaker', 'Invocation5XXErrors', dims, status >= 500 ? 1 : 0, 'None');
    metrics.put('AWS/SageMaker', 'ModelLatency', dims, latencyMs * 1000, 'Microseconds');
    metrics.put('AWS/SageMaker', 'OverheadLatency', dims, 1500, 'Microseconds');
    if (status >= 400) {
      const message = `Received server error (${status}) from primary with message "${configured.body ?? 'model error'}".`;
      send(
        res,
        424,
        { 'content-type': 'application/json', 'x-amzn-errortype': 'ModelError', 'x-amzn-requestid': ctx.requestId },
        JSON.stringify({
          ErrorCode: 'MODEL_ERROR',
          Message: message,
          message,
          OriginalStatusCode: status,
          OriginalMessage: configured.body ?? '',
        }),
      );
      return true;
    }
    const answer =
      configured.body ??
      JSON.stringify({
        endpoint: endpoint.EndpointName,
        variant: variant.VariantName,
        config: endpoint.EndpointConfigName,
        input: body.toString('utf8').slice(0, 200),
      });
    send(
      res,
      200,
      {
        'content-type': configured.contentType ?? 'application/json',
        'x-amzn-invoked-production-variant': variant.VariantName,
        'x-amzn-requestid': ctx.requestId,
      },
      answer,
    );
    return true;
  }

  return runtime;
}
