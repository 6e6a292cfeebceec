export const id = 23;
export const ids = [23,121];
export const modules = {

/***/ 8121:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MlflowClient: () => (/* reexport */ MlflowClient),
  trackingSettings: () => (/* reexport */ trackingSettings)
});

// UNUSED EXPORTS: MODEL_STAGES, MlflowApiError, MlflowHttp, ModelNotFoundError, artifactLocation, downloadArtifactRange, formatModelUri, listModelFiles, modelUri, parseModelUri, resolveModel, retryPolicyFromEnv

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 6 modules
var src = __webpack_require__(6308);
;// CONCATENATED MODULE: ./packages/mlflow/src/model-uri.ts

const EXPECTED = 'must be models:/<name>/<stage>, models:/<name>@<alias>, models:/<name>/<version>, models:/<name>/latest or runs:/<run-id>/<path>';
function parseModelUri(raw) {
    const run = /^runs:\/([0-9a-zA-Z]+)\/(.+)$/.exec(raw);
    if (run)
        return { kind: 'run', runId: run[1], path: run[2].replace(/^\/+|\/+$/g, '') };
    const alias = /^models:\/([^/@]+)@([\w-]+)$/.exec(raw);
    if (alias)
        return { kind: 'alias', name: alias[1], alias: alias[2] };
    const m = /^models:\/([^/@]+)\/([^/]+)$/.exec(raw);
    if (!m)
        throw new Expected(EXPECTED);
    const [, name, ref] = m;
    if (/^\d+$/.test(ref))
        return { kind: 'version', name, version: ref };
    if (ref.toLowerCase() === 'latest')
        return { kind: 'latest', name };
    return { kind: 'stage', name, stage: ref };
}
const modelUri = () => ({ describe: EXPECTED, parse: parseModelUri });
function model_uri_formatModelUri(uri) {
    switch (uri.kind) {
        case 'stage':
            return `models:/${uri.name}/${uri.stage}`;
        case 'alias':
            return `models:/${uri.name}@${uri.alias}`;
        case 'version':
            return `models:/${uri.name}/${uri.version}`;
        case 'latest':
            return `models:/${uri.name}/latest`;
        case 'run':
            return `runs:/${uri.runId}/${uri.path}`;
    }
}

;// CONCATENATED MODULE: ./packages/mlflow/src/tracking-settings.ts

/**
 * The MLflow client's own conventions: `tracking-uri` input, else MLFLOW_TRACKING_URI; a bearer token from
 * MLFLOW_TRACKING_TOKEN, else basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD (or `user:pass@` in the URL).
 * Every secret goes through `mask` before it is used, so no later log line can carry it.
 */
function trackingSettings(trackingUri, env = process.env, mask = () => undefined) {
    const raw = (trackingUri ?? env.MLFLOW_TRACKING_URI ?? '').trim();
    if (raw === '')
        throw (0,src/* inputConflict */.Jq)('tracking-uri', '', 'is required when MLFLOW_TRACKING_URI is not set');
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw (0,src/* inputConflict */.Jq)('tracking-uri', raw, 'must be an http(s):// URL of an MLflow tracking server (MLFLOW_TRACKING_URI)');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw (0,src/* inputConflict */.Jq)('tracking-uri', raw, 'must be an http(s):// URL of an MLflow tracking server (MLFLOW_TRACKING_URI)');
    const token = env.MLFLOW_TRACKING_TOKEN?.trim();
    const username = env.MLFLOW_TRACKING_USERNAME ?? (url.username ? decodeURIComponent(url.username) : undefined);
    const password = env.MLFLOW_TRACKING_PASSWORD ?? (url.password ? decodeURIComponent(url.password) : undefined);
    if (url.password)
        mask(decodeURIComponent(url.password));
    url.username = '';
    url.password = '';
    const uri = url.toString().replace(/\/+$/, '');
    if (token) {
        mask(token);
        return { uri, headers: { authorization: `Bearer ${token}` }, auth: 'token' };
    }
    if (username !== undefined && username !== '') {
        if (password)
            mask(password);
        const basic = Buffer.from(`${username}:${password ?? ''}`).toString('base64');
        mask(basic);
        return { uri, headers: { authorization: `Basic ${basic}` }, auth: 'basic' };
    }
    return { uri, headers: {}, auth: 'none' };
}

;// CONCATENATED MODULE: ./packages/mlflow/src/mlflow-api-error.ts
/** A request the MLflow server answered with an error, or could not be reached for: one clear line. */
class mlflow_api_error_MlflowApiError extends Error {
    status;
    errorCode;
    serverMessage;
    constructor(message, 
    /** HTTP status, or 0 when the server could not be reached. */
    status, 
    /** MLflow's `error_code` (RESOURCE_DOES_NOT_EXIST, ...), or '' when the body was not MLflow's JSON. */
    errorCode, 
    /** The server's own message, verbatim. */
    serverMessage) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.name = 'MlflowApiError';
    }
    get notFound() {
        return this.status === 404 || this.errorCode === 'RESOURCE_DOES_NOT_EXIST';
    }
}
/** Statuses worth another attempt: MLflow's own client retries these (throttling, gateway and server errors). */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Network failures worth another attempt: the connection dropped or was refused for a moment. */
function mlflow_api_error_isRetryableNetworkError(error) {
    const code = error?.code;
    return (typeof code === 'string' &&
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
        ].includes(code));
}
/** Turns an error response into one line: what was asked, what MLflow said, and a hint where one helps. */
function describeErrorResponse(base, what, status, body) {
    let errorCode = '';
    let serverMessage = '';
    try {
        const parsed = JSON.parse(body);
        if (typeof parsed.error_code === 'string')
            errorCode = parsed.error_code;
        if (typeof parsed.message === 'string')
            serverMessage = parsed.message;
    }
    catch {
        serverMessage = '';
    }
    if (status === 401 || errorCode === 'UNAUTHENTICATED')
        return new mlflow_api_error_MlflowApiError(`MLflow at ${base} refused ${what}: 401 unauthenticated (set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)`, status, errorCode || 'UNAUTHENTICATED', serverMessage);
    if (status === 403 || errorCode === 'PERMISSION_DENIED')
        return new mlflow_api_error_MlflowApiError(`MLflow at ${base} refused ${what}: 403 permission denied (the configured user may not read this model)`, status, errorCode || 'PERMISSION_DENIED', serverMessage);
    if (!errorCode && /<html|<!doctype/i.test(body))
        return new mlflow_api_error_MlflowApiError(`MLflow at ${base} answered ${what} with ${status} and an HTML page: is tracking-uri the MLflow server's base URL?`, status, '', '');
    const said = serverMessage ? `${errorCode ? `${errorCode}: ` : ''}${firstLine(serverMessage)}` : firstLine(body) || '(empty body)';
    return new mlflow_api_error_MlflowApiError(`MLflow ${what} failed with ${status}: ${said}`, status, errorCode, serverMessage);
}
function firstLine(text) {
    const line = text.trim().split('\n')[0] ?? '';
    return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./packages/mlflow/src/mlflow-http.ts



function retryPolicyFromEnv(env = process.env) {
    const num = (name, fallback) => {
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
const mlflow_http_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function mlflow_http_backoffMs(policy, retry) {
    const base = Math.min(30, policy.backoffFactorSeconds * 2 ** (retry - 1));
    return Math.round((base + Math.random() * policy.jitterSeconds) * 1000);
}
/**
 * HTTP to one MLflow server: keep-alive connections, the auth header, and retries with backoff on
 * throttling, 5xx and dropped connections. Answers are returned as the raw response so downloads stream.
 */
class MlflowHttp {
    settings;
    policy;
    agent;
    base;
    constructor(settings, policy = retryPolicyFromEnv(), maxSockets = 16) {
        this.settings = settings;
        this.policy = policy;
        this.base = new URL(settings.uri.endsWith('/') ? settings.uri : `${settings.uri}/`);
        const Agent = this.base.protocol === 'https:' ? (external_node_https_default()).Agent : (external_node_http_default()).Agent;
        this.agent = new Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
    }
    /** One attempt: resolves with any response (error statuses included), rejects on network failure. */
    once(opts) {
        const url = new URL(opts.path.replace(/^\/+/, ''), this.base);
        const lib = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
        return new Promise((resolve, reject) => {
            const req = lib.request(url, {
                method: opts.method ?? 'GET',
                agent: this.agent,
                headers: {
                    ...this.settings.headers,
                    ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
                    ...opts.headers,
                },
                timeout: this.policy.timeoutSeconds * 1000,
            }, resolve);
            req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${this.policy.timeoutSeconds} s`), { code: 'ETIMEDOUT' })));
            req.on('error', reject);
            req.end(opts.body);
        });
    }
    /**
     * Sends with retries; resolves with a successful (2xx) response whose body is unread.
     * Error answers become an `MlflowApiError` naming the call and quoting MLflow's message.
     */
    async request(opts) {
        for (let attempt = 0;; attempt++) {
            let res;
            try {
                res = await this.once(opts);
            }
            catch (error) {
                if (attempt < this.policy.maxRetries && mlflow_api_error_isRetryableNetworkError(error)) {
                    await mlflow_http_sleep(mlflow_http_backoffMs(this.policy, attempt + 1));
                    continue;
                }
                const reason = error instanceof Error ? error.message : String(error);
                throw new mlflow_api_error_MlflowApiError(`MLflow at ${this.settings.uri} is unreachable for ${opts.what}: ${reason} (after ${attempt + 1} attempt${attempt ? 's' : ''})`, 0, '', reason);
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300)
                return res;
            const body = await readText(res).catch(() => '');
            if (attempt < this.policy.maxRetries && RETRYABLE_STATUSES.has(status)) {
                const after = Number(res.headers['retry-after']);
                await mlflow_http_sleep(Number.isFinite(after) && after > 0 ? Math.min(after, 60) * 1000 : mlflow_http_backoffMs(this.policy, attempt + 1));
                continue;
            }
            throw describeErrorResponse(this.settings.uri, opts.what, status, body);
        }
    }
    /** A REST 2.0 call: GET sends `params` as a query string, other methods as a JSON body. */
    async json(method, endpoint, params = {}) {
        const query = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) {
            if (Array.isArray(v))
                for (const item of v)
                    query.append(k, item);
            else
                query.append(k, String(v));
        }
        const qs = query.toString();
        const what = `${method} ${endpoint}${method === 'GET' && qs ? `?${decodeURIComponent(qs)}` : ''}`;
        const path = `api/2.0/${endpoint}${method === 'GET' && qs ? `?${qs}` : ''}`;
        const res = await this.request({ method, path, body: method === 'GET' ? undefined : JSON.stringify(params), what });
        const text = await readText(res);
        if (text.trim() === '')
            return {};
        try {
            return JSON.parse(text);
        }
        catch {
            throw new mlflow_api_error_MlflowApiError(`MLflow ${what} answered ${res.statusCode} with a body that is not JSON`, res.statusCode ?? 0, '', '');
        }
    }
    close() {
        this.agent.destroy();
    }
}
async function readText(res) {
    const chunks = [];
    for await (const chunk of res)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
}

;// CONCATENATED MODULE: ./packages/mlflow/src/mlflow-client.ts

/** The stages MLflow knows (deprecated in favour of aliases, still in wide use). */
const MODEL_STAGES = (/* unused pure expression or super */ null && (['None', 'Staging', 'Production', 'Archived']));
/**
 * The MLflow REST 2.0 calls the suite makes: registry reads, the registry writes promote/rollback need,
 * run and artifact reads. Thin and typed: decisions (what to do on a miss) live in `model-resolution.ts`.
 */
class MlflowClient {
    http;
    constructor(settings, policy, maxSockets) {
        this.http = new MlflowHttp(settings, policy, maxSockets);
    }
    get trackingUri() {
        return this.http.settings.uri;
    }
    async getRegisteredModel(name) {
        return (await this.http.json('GET', 'mlflow/registered-models/get', { name })).registered_model;
    }
    /** Up to `max` registered model names (for "did you mean" lines). */
    async listRegisteredModelNames(max = 20) {
        const res = await this.http.json('GET', 'mlflow/registered-models/search', {
            max_results: String(max),
        });
        return (res.registered_models ?? []).map((m) => m.name);
    }
    async getModelVersion(name, version) {
        return (await this.http.json('GET', 'mlflow/model-versions/get', { name, version })).model_version;
    }
    /** Versions of a model, newest first (up to 200). */
    async searchModelVersions(name) {
        const filter = `name='${name.replace(/'/g, "\\'")}'`;
        const res = await this.http.json('GET', 'mlflow/model-versions/search', {
            filter,
            max_results: '200',
        });
        return (res.model_versions ?? []).sort((a, b) => Number(b.version) - Number(a.version));
    }
    /** The latest version per stage; `stages` empty = every stage. */
    async getLatestVersions(name, stages = []) {
        const res = await this.http.json('POST', 'mlflow/registered-models/get-latest-versions', {
            name,
            stages,
        });
        return res.model_versions ?? [];
    }
    async getVersionByAlias(name, alias) {
        return (await this.http.json('GET', 'mlflow/registered-models/alias', { name, alias })).model_version;
    }
    /** Where the version's artifacts can be downloaded from (MLflow 3 sources `models:/m-...` are resolved by the server). */
    async getDownloadUri(name, version) {
        return (await this.http.json('GET', 'mlflow/model-versions/get-download-uri', { name, version }))
            .artifact_uri;
    }
    /** Moves a version to `stage`; with `archiveExisting`, other versions in that stage become Archived. */
    async transitionStage(name, version, stage, archiveExisting) {
        const res = await this.http.json('POST', 'mlflow/model-versions/transition-stage', {
            name,
            version,
            stage,
            archive_existing_versions: archiveExisting,
        });
        return res.model_version;
    }
    /** Points `alias` at `version` (moving it if it pointed elsewhere). */
    async setAlias(name, alias, version) {
        await this.http.json('POST', 'mlflow/registered-models/alias', { name, alias, version });
    }
    async deleteAlias(name, alias) {
        await this.http.json('DELETE', 'mlflow/registered-models/alias', { name, alias });
    }
    async setModelVersionTag(name, version, key, value) {
        await this.http.json('POST', 'mlflow/model-versions/set-tag', { name, version, key, value });
    }
    async getRun(runId) {
        return (await this.http.json('GET', 'mlflow/runs/get', { run_id: runId })).run.info;
    }
    /** `artifacts/list` of a run: entries' paths are relative to the run's artifact root. */
    async listRunArtifacts(runId, path = '') {
        const res = await this.http.json('GET', 'mlflow/artifacts/list', {
            run_id: runId,
            ...(path ? { path } : {}),
        });
        return res.files ?? [];
    }
    /** The artifact proxy's listing of `path` (relative to the proxy root): entries' paths are basenames. */
    async listProxyArtifacts(path) {
        const res = await this.http.json('GET', 'mlflow-artifacts/artifacts', { path });
        return res.files ?? [];
    }
    close() {
        this.http.close();
    }
}

;// CONCATENATED MODULE: ./packages/mlflow/src/model-resolution.ts



/** A URI that names nothing: the message says what was looked up and what exists instead. */
class ModelNotFoundError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'ModelNotFoundError';
}
/** Resolves stage, alias, version, latest and run URIs through the registry REST API. */
async function resolveModel(client, uri, opts) {
    const text = formatModelUri(uri);
    if (uri.kind === 'run') {
        const run = await client.getRun(uri.runId).catch((error) => {
            if (error instanceof MlflowApiError && error.notFound)
                throw new ModelNotFoundError(`${text}: run '${uri.runId}' not found`);
            throw error;
        });
        const root = run.artifact_uri.replace(/\/+$/, '');
        return {
            uri: text,
            name: undefined,
            version: undefined,
            runId: run.run_id,
            source: `${root}/${uri.path}`,
            downloadUri: `${root}/${uri.path}`,
            stage: undefined,
            aliases: [],
            createdAt: run.start_time ?? 0,
        };
    }
    const model = await client.getRegisteredModel(uri.name).catch(async (error) => {
        if (!(error instanceof MlflowApiError && error.notFound))
            throw error;
        const names = await client.listRegisteredModelNames().catch(() => []);
        throw new ModelNotFoundError(`${text}: no registered model named '${uri.name}' (registered models: ${names.length ? names.join(', ') : 'none'})`);
    });
    let found;
    switch (uri.kind) {
        case 'version':
            found = await client.getModelVersion(uri.name, uri.version).catch(async (error) => {
                if (!(error instanceof MlflowApiError && error.notFound))
                    throw error;
                const versions = await client.searchModelVersions(uri.name).catch(() => []);
                throw new ModelNotFoundError(`${text}: model '${uri.name}' has no version ${uri.version} (versions: ${versions.map((v) => v.version).join(', ') || 'none'})`);
            });
            break;
        case 'latest': {
            const latest = await client.getLatestVersions(uri.name);
            const newest = latest.sort((a, b) => Number(b.version) - Number(a.version))[0];
            if (!newest)
                throw new ModelNotFoundError(`${text}: model '${uri.name}' has no versions`);
            found = newest;
            break;
        }
        case 'stage': {
            // A misspelt stage is a 400 from MLflow; both that and an empty stage become the same "what exists" line.
            const inStage = await client.getLatestVersions(uri.name, [uri.stage]).catch((error) => {
                if (error instanceof MlflowApiError && error.errorCode === 'INVALID_PARAMETER_VALUE')
                    return [];
                throw error;
            });
            const first = inStage[0];
            if (!first)
                throw new ModelNotFoundError(`${text}: no version of '${uri.name}' is in stage '${uri.stage}' (${existing(model)})`);
            found = first;
            break;
        }
        case 'alias':
            found = await client.getVersionByAlias(uri.name, uri.alias).catch((error) => {
                if (!(error instanceof MlflowApiError && (error.notFound || error.errorCode === 'INVALID_PARAMETER_VALUE')))
                    throw error;
                throw new ModelNotFoundError(`${text}: model '${uri.name}' has no alias '${uri.alias}' (${existing(model)})`);
            });
            break;
    }
    const ready = await waitUntilReady(client, found, text, opts);
    const downloadUri = await client.getDownloadUri(ready.name, ready.version);
    const aliases = ready.aliases ?? (model.aliases ?? []).filter((a) => a.version === ready.version).map((a) => a.alias);
    return {
        uri: text,
        name: ready.name,
        version: ready.version,
        runId: ready.run_id,
        source: ready.source,
        downloadUri,
        stage: ready.current_stage,
        aliases,
        createdAt: ready.creation_timestamp,
    };
}
/** "stages in use: Production (v1), Staging (v2); aliases: champion -> v1" — what a user can pick from instead. */
function existing(model) {
    const stages = (model.latest_versions ?? []).filter((v) => v.current_stage !== 'None').map((v) => `${v.current_stage} (v${v.version})`);
    const aliases = (model.aliases ?? []).map((a) => `${a.alias} -> v${a.version}`);
    return `stages in use: ${stages.length ? stages.join(', ') : 'none'}; aliases: ${aliases.length ? aliases.join(', ') : 'none'}`;
}
/** Registration copies artifacts server-side; until it is READY, what it points at may be incomplete. */
async function waitUntilReady(client, version, text, opts) {
    const deadline = Date.now() + opts.waitTimeoutMs;
    let current = version;
    let told = false;
    for (;;) {
        if (current.status === 'READY' || current.status === undefined)
            return current;
        if (current.status === 'FAILED_REGISTRATION')
            throw new Error(`${text}: version ${current.version} of '${current.name}' failed registration${current.status_message ? `: ${current.status_message}` : ''}`);
        if (Date.now() >= deadline)
            throw new Error(`${text}: version ${current.version} of '${current.name}' is still ${current.status} after ${Math.round(opts.waitTimeoutMs / 1000)} s (wait-timeout-seconds)`);
        if (!told)
            opts.logger?.info(`Version ${current.version} of '${current.name}' is ${current.status}: waiting until it is READY`);
        told = true;
        await sleep(Math.min(opts.pollIntervalMs ?? 1000, Math.max(0, deadline - Date.now())));
        current = await client.getModelVersion(current.name, current.version);
    }
}

;// CONCATENATED MODULE: ./packages/mlflow/src/artifact-source.ts


/**
 * Maps a download URI to the artifact proxy. `mlflow-artifacts:/x` and `mlflow-artifacts://host:port/x` are served
 * by the tracking server itself (`mlflow server --serve-artifacts`, the default since MLflow 2.0); other schemes
 * (s3://, gs://, dbfs:/, a local path) would need direct storage access, which this client does not do.
 */
function artifactLocation(downloadUri, run) {
    const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(downloadUri);
    if (!m)
        throw new Error(`the artifacts are at ${downloadUri}, which this MLflow server does not proxy: ` +
            `only mlflow-artifacts:/ locations (mlflow server --serve-artifacts) can be downloaded through MLflow`);
    const proxyPath = m[1].replace(/\/+$/, '');
    return run ? { proxyPath, runId: run.runId, runPath: run.runPath } : { proxyPath };
}
/**
 * Every file below the location, recursively (directories listed `concurrency` at a time), sorted with
 * `MLmodel` first and then by path, so archives are deterministic and start with what readers look for.
 */
async function listModelFiles(client, location, concurrency = 8) {
    const files = [];
    const pending = [''];
    const listDir = async (rel) => {
        const entries = location.runId !== undefined
            ? (await client.listRunArtifacts(location.runId, join(location.runPath ?? '', rel))).map((e) => ({
                ...e,
                // artifacts/list answers run-relative paths: make them relative to the model root.
                path: e.path.slice((location.runPath ? `${location.runPath}/` : '').length),
            }))
            : (await client.listProxyArtifacts(join(location.proxyPath, rel))).map((e) => ({
                ...e,
                path: join(rel, e.path.split('/').pop()),
            }));
        for (const entry of entries) {
            if (entry.is_dir)
                pending.push(entry.path);
            else
                files.push({ path: entry.path, size: Number(entry.file_size ?? 0) });
        }
    };
    while (pending.length > 0)
        await Promise.all(pending.splice(0, concurrency).map(listDir));
    return files.sort((a, b) => (a.path === 'MLmodel' ? -1 : b.path === 'MLmodel' ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
function join(a, b) {
    return [a, b].filter((s) => s !== '').join('/');
}
function encodePath(p) {
    return p
        .split('/')
        .filter((s) => s !== '')
        .map(encodeURIComponent)
        .join('/');
}
/**
 * Bytes [start, end) of one artifact through the proxy, into one buffer. A connection that drops mid-body is
 * resumed with a Range request from the last byte received (retried with backoff), so a reset costs one range,
 * never the whole export. A server that ignores Range (200 instead of 206) still yields the right bytes.
 * With `into`, the bytes land in that (reused) buffer instead of a new one.
 */
async function downloadArtifactRange(client, location, file, start = 0, end = file.size, into) {
    if (end <= start)
        return Buffer.alloc(0);
    const out = into ? into.subarray(0, end - start) : Buffer.allocUnsafe(end - start);
    if (out.length < end - start)
        throw new RangeError(`a ${into?.length ?? 0}-byte buffer cannot hold bytes ${start}-${end}`);
    let got = 0;
    const path = `api/2.0/mlflow-artifacts/artifacts/${encodePath(join(location.proxyPath, file.path))}`;
    const what = `download of ${file.path}`;
    const policy = client.http.policy;
    for (let retry = 0; got < out.length; retry++) {
        const from = start + got;
        const ranged = from > 0 || end < file.size;
        try {
            const res = await client.http.request({ path, what, headers: ranged ? { range: `bytes=${from}-${end - 1}` } : {} });
            // 200 to a ranged request: the whole file is coming; skip what precedes the range.
            let skip = ranged && res.statusCode === 200 ? from : 0;
            for await (const chunk of res) {
                let piece = chunk;
                if (skip > 0) {
                    const n = Math.min(skip, piece.length);
                    skip -= n;
                    piece = piece.subarray(n);
                }
                const room = out.length - got;
                if (piece.length > room)
                    piece = piece.subarray(0, room);
                piece.copy(out, got);
                got += piece.length;
                if (got === out.length)
                    break;
            }
            if (got < out.length)
                throw Object.assign(new Error(`connection closed after ${got} of ${out.length} bytes`), { code: 'ECONNRESET' });
        }
        catch (error) {
            const retryable = isRetryableNetworkError(error) || (error instanceof Error && /aborted|closed/i.test(error.message));
            if (error instanceof MlflowApiError || !retryable || retry >= policy.maxRetries) {
                if (error instanceof MlflowApiError)
                    throw error;
                throw new Error(`MLflow ${what} failed at byte ${start + got} of ${file.size}: ${error instanceof Error ? error.message : String(error)}`);
            }
            await sleep(backoffMs(policy, retry + 1));
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/mlflow/src/index.ts









/***/ }),

/***/ 8023:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  currentHolder: () => (/* reexport */ registry_promotion_currentHolder),
  describeTarget: () => (/* reexport */ registry_promotion_describeTarget),
  moveRegistry: () => (/* reexport */ registry_promotion_moveRegistry)
});

// UNUSED EXPORTS: createPromoteClients, parseImage, productionTag, promote, promoteSummary, resolveImage, tagForProduction

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 6 modules
var src = __webpack_require__(6308);
// EXTERNAL MODULE: ./packages/sagemaker/src/index.ts + 3 modules
var sagemaker_src = __webpack_require__(3972);
// EXTERNAL MODULE: ./packages/sagemaker/src/deploy.ts + 13 modules
var deploy = __webpack_require__(9492);
;// CONCATENATED MODULE: ./packages/promotion/src/registry-promotion.ts

const registry_promotion_describeTarget = (t) => (t.kind === 'alias' ? `@${t.alias}` : t.stage);
/** The version the target points at now (what a rollback of the registry would restore), if any. */
async function registry_promotion_currentHolder(mlflow, model, target) {
    if (target.kind === 'alias') {
        const registered = await mlflow.getRegisteredModel(model);
        return registered.aliases?.find((a) => a.alias === target.alias)?.version;
    }
    const latest = await mlflow.getLatestVersions(model, [target.stage]);
    return latest[0]?.version;
}
/**
 * The version to promote: the one asked for, else the one the source endpoint serves (its lineage tag), else the newest
 * in `fromStage`. Refuses when the asked version and the serving version disagree: promote ships what was validated.
 */
async function registry_promotion_chooseVersion(mlflow, model, asked, serving, fromStage) {
    if (asked !== undefined && serving !== undefined && asked !== serving)
        throw inputConflict('version', asked, `must be the version the source endpoint serves (v${serving}): promote ships exactly what staging validated`);
    const version = asked ?? serving;
    if (version !== undefined) {
        await mlflow.getModelVersion(model, version);
        return version;
    }
    const inStage = await mlflow.getLatestVersions(model, [fromStage]);
    if (inStage[0])
        return inStage[0].version;
    const all = await mlflow.getLatestVersions(model);
    const stages = all.map((v) => `${v.current_stage} (v${v.version})`).join(', ');
    throw inputConflict('from-stage', fromStage, `has no version of '${model}'; stages in use: ${stages || 'none'}`);
}
/** Moves the stage (archiving the previous holder when asked) or the alias to `version`. */
async function registry_promotion_moveRegistry(mlflow, model, version, target) {
    if (target.kind === 'alias')
        await mlflow.setAlias(model, target.alias, version);
    else
        await mlflow.transitionStage(model, version, target.stage, target.archiveExisting);
}

;// CONCATENATED MODULE: ./packages/promotion/src/source-release.ts



/** Reads the source endpoint's serving variant (the one with the most traffic), its model and its config's lineage tags. */
async function source_release_readSourceRelease(sagemaker, endpoint) {
    let described;
    try {
        described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }));
    }
    catch (error) {
        if (isNotFound(error))
            throw inputConflict('source-endpoint', endpoint, 'no such endpoint in this account and region');
        throw error;
    }
    if (described.EndpointStatus !== 'InService')
        throw inputConflict('source-endpoint', endpoint, `must be InService to promote what it serves (it is ${described.EndpointStatus ?? 'unknown'})`);
    const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: described.EndpointConfigName }));
    const weights = new Map((described.ProductionVariants ?? []).map((v) => [v.VariantName, v.CurrentWeight ?? 0]));
    const variants = [...(config.ProductionVariants ?? [])].sort((a, b) => (weights.get(b.VariantName) ?? 0) - (weights.get(a.VariantName) ?? 0));
    const variant = variants[0];
    const model = await sagemaker.send(new DescribeModelCommand({ ModelName: variant.ModelName }));
    const container = model.PrimaryContainer ?? model.Containers?.[0] ?? {};
    const tags = ((await sagemaker.send(new ListTagsCommand({ ResourceArn: config.EndpointConfigArn }))).Tags ?? []).map((t) => ({
        Key: t.Key,
        Value: t.Value,
    }));
    const prefix = container.ModelDataSource?.S3DataSource?.S3Uri;
    return {
        endpoint,
        configName: described.EndpointConfigName,
        variantName: variant.VariantName,
        modelName: variant.ModelName,
        image: container.Image,
        modelDataUrl: container.ModelDataUrl ?? prefix,
        roleArn: model.ExecutionRoleArn,
        environment: container.Environment ?? {},
        instanceType: variant.InstanceType,
        instanceCount: variant.InitialInstanceCount,
        mlflowModel: tagValue(tags, TAG.mlflowModel),
        mlflowVersion: tagValue(tags, TAG.mlflowVersion),
        runId: tagValue(tags, TAG.runId),
    };
}

;// CONCATENATED MODULE: ./packages/promotion/src/promote.ts






/**
 * Ships exactly what the source endpoint serves (same image digest, same model data) to the target endpoint through
 * deploy-endpoint's code, then tags the digest for production in ECR and moves the MLflow stage or alias — the
 * registry changes only after the deployment succeeded.
 */
async function promote(inputs, clients, logger, env = process.env) {
    const model = inputs['model-name'];
    const target = inputs.alias
        ? { kind: 'alias', alias: inputs.alias }
        : { kind: 'stage', stage: inputs['to-stage'], archiveExisting: inputs['archive-existing'] };
    const source = await readSourceRelease(clients.sagemaker, inputs['source-endpoint']);
    if (source.mlflowModel !== undefined && source.mlflowModel !== model)
        throw new ActionFailure(`source endpoint '${source.endpoint}' serves MLflow model '${source.mlflowModel}', not '${model}'`);
    const version = await chooseVersion(clients.mlflow, model, inputs.version, source.mlflowVersion, inputs['from-stage']);
    const previousVersion = await currentHolder(clients.mlflow, model, target);
    const image = await resolveImage(clients.ecr, source.image, version, inputs['image-tag-suffix']);
    logger.info(`promoting ${model} v${version} from ${source.endpoint} (${source.configName}) to ${inputs['target-endpoint']}: ${image.imageUriDigest}, ${source.modelDataUrl ?? 'no model data'}`);
    const deployInputs = readDeployInputs((name) => ({
        'endpoint-name': inputs['target-endpoint'],
        'image-uri': image.imageUriDigest,
        'model-data-url': source.modelDataUrl,
        'role-arn': inputs['role-arn'] ?? source.roleArn,
        'instance-type': inputs['instance-type'] ?? source.instanceType,
        'instance-count': String(inputs['instance-count'] ?? source.instanceCount ?? 1),
        'variant-name': source.variantName,
        environment: Object.entries(source.environment)
            .map(([k, v]) => `${k}=${v}`)
            .join('\n'),
        region: inputs.region,
        strategy: inputs.strategy,
        'canary-percent': String(inputs['canary-percent']),
        'linear-step-percent': String(inputs['linear-step-percent']),
        'wait-interval-seconds': String(inputs['wait-interval-seconds']),
        'rollback-alarms': inputs['rollback-alarms']?.join('\n'),
        'timeout-minutes': String(inputs['timeout-minutes']),
        'poll-seconds': String(inputs['poll-seconds']),
        'model-name': model,
        'model-version': version,
        'run-id': source.runId,
    })[name]);
    const deploy = await deployEndpoint(deployInputs, clients, logger, { env });
    const partial = { source, version, previousVersion, target, image, deploy };
    if (deploy.status !== 'succeeded')
        return { ...partial, retagged: false, registryMoved: false };
    const retagged = await tagForProduction(clients.ecr, image);
    logger.info(retagged
        ? `ECR: ${image.repository}:${image.productionTag} → ${image.digest}`
        : `ECR: ${image.productionTag} already names ${image.digest}`);
    await moveRegistry(clients.mlflow, model, version, target);
    logger.info(`MLflow: ${model} v${version} → ${describeTarget(target)}${previousVersion && previousVersion !== version ? ` (was v${previousVersion})` : ''}`);
    return { ...partial, retagged, registryMoved: true };
}

;// CONCATENATED MODULE: ./packages/promotion/src/promote-summary.ts



/** What was promoted, from where, on which gate result, and the deployment's own summary (before/after configs). */
function promoteSummary(result, model, region, gate) {
    const ok = result.registryMoved;
    let md = heading(`${ok ? '✅' : '❌'} promote: ${model} v${result.version} → ${result.deploy.plan.endpointName}`);
    md += table(['', ''], [
        ['From', `${result.source.endpoint} (${code(result.source.configName)})`],
        ['Image (by digest)', code(result.image.imageUriDigest)],
        [
            'Production tag',
            `${code(result.image.productionTag)}${result.retagged ? ' (added)' : result.registryMoved ? ' (already there)' : ' (not added: deployment did not succeed)'}`,
        ],
        ['Model data', result.source.modelDataUrl ?? '—'],
        [
            'Registry',
            ok
                ? `v${result.version} → ${describeTarget(result.target)} (was ${result.previousVersion ? `v${result.previousVersion}` : 'none'})`
                : 'left as it was',
        ],
    ]);
    if (gate !== undefined)
        md += `\n${gateTable(gate)}`;
    return md + '\n' + deploySummary(result.deploy, region);
}
function gateTable(gate) {
    const g = gate;
    let md = heading(`Gate: ${g.verdict ?? 'unknown'}`, 3);
    if (Array.isArray(g.checks))
        md += table(['check', 'status', 'value', 'threshold'], g.checks.map((c) => [c.id, c.status, c.value, c.threshold]));
    return md;
}

// EXTERNAL MODULE: ./packages/mlflow/src/index.ts + 7 modules
var mlflow_src = __webpack_require__(8121);
;// CONCATENATED MODULE: ./packages/promotion/src/promote-clients.ts




/** SageMaker, CloudWatch, Auto Scaling and runtime clients for the deployment, ECR for the retag, MLflow for the registry. */
function createPromoteClients(region, trackingUri, mask) {
    const mlflow = new MlflowClient(trackingSettings(trackingUri, process.env, mask));
    return { ...createDeployClients(region), ecr: new ECRClient(awsClientConfig(region)), mlflow };
}

;// CONCATENATED MODULE: ./packages/promotion/src/run.ts
// The promotion engine (loads the AWS SDK and MLflow clients): imported by the action only after its inputs are valid.







/***/ })

};
