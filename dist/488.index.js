export const id = 488;
export const ids = [488];
export const modules = {

/***/ 9161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ awsClientConfig)
/* harmony export */ });
/* unused harmony export MissingRegionError */
class MissingRegionError extends Error {
}
function awsClientConfig(region, env = process.env) {
    const resolved = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!resolved)
        throw new MissingRegionError('input \'region\' = "": is required when AWS_REGION is not set (configure-aws-credentials sets it)');
    // Throttling storms and 5xx bursts are retried with jittered backoff by the SDK; more attempts than its default 3.
    return { region: resolved, maxAttempts: Number(env.AWS_MAX_ATTEMPTS ?? 8), retryMode: 'adaptive' };
}


/***/ }),

/***/ 488:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_SCAN_WAIT: () => (/* reexport */ DEFAULT_SCAN_WAIT),
  ImageBuildError: () => (/* reexport */ ImageBuildError),
  atOrAbove: () => (/* reexport */ atOrAbove),
  buildAndPush: () => (/* reexport */ buildAndPush),
  buildFailureSummary: () => (/* reexport */ buildFailureSummary),
  buildSummary: () => (/* reexport */ buildSummary),
  ecrClient: () => (/* reexport */ ecrClient),
  formatBytes: () => (/* reexport */ formatBytes),
  scanGate: () => (/* reexport */ scanGate)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: ./packages/aws/src/client-config.ts
var client_config = __webpack_require__(9161);
;// CONCATENATED MODULE: ./packages/image-build/src/build-output.ts
class BuildOutput {
    labelSteps;
    classicSteps = [];
    vertices = new Map();
    cachedVertices = new Set();
    failedVertex;
    cacheExportError;
    pushed = new Set();
    existing = new Set();
    feed(line) {
        const classic = /^Step \d+\/\d+ : (.*)$/.exec(line);
        if (classic) {
            this.classicSteps.push({ text: classic[1], cached: false });
            return;
        }
        if (/^\s*---> Using cache$/.test(line)) {
            const last = this.classicSteps.at(-1);
            if (last)
                last.cached = true;
            return;
        }
        const vertex = /^#(\d+) \[([^\]]*\d+\/\d+)\] (.*)$/.exec(line);
        if (vertex) {
            this.vertices.set(vertex[1], `[${vertex[2]}] ${vertex[3]}`);
            return;
        }
        const cached = /^#(\d+) CACHED$/.exec(line);
        if (cached && this.vertices.has(cached[1])) {
            this.cachedVertices.add(cached[1]);
            return;
        }
        const error = /^#(\d+) ERROR: (.*)$/.exec(line);
        if (error && this.vertices.has(error[1]))
            this.failedVertex ??= error[1];
        if (/(error|failed) (exporting|to export|writing) cache|cache export.*(error|failed)/i.test(line))
            this.cacheExportError ??= line.trim();
        const layer = /^([a-f0-9]{12}): (Pushed|Layer already exists)$/.exec(line.trim());
        if (layer)
            (layer[2] === 'Pushed' ? this.pushed : this.existing).add(layer[1]);
    }
    /** `labelSteps`: how many `--label`s the classic builder appended as steps of their own (not the Dockerfile's). */
    constructor(labelSteps = 0) {
        this.labelSteps = labelSteps;
    }
    stats() {
        const buildx = this.vertices.size > 0;
        const own = this.classicSteps.slice(0, Math.max(0, this.classicSteps.length - this.labelSteps)).filter((s) => !/^FROM /i.test(s.text));
        return {
            steps: buildx ? this.vertices.size : own.length,
            cached: buildx ? this.cachedVertices.size : own.filter((s) => s.cached).length,
            failedStep: buildx
                ? this.failedVertex && this.vertices.get(this.failedVertex)
                : this.classicSteps.length > 0
                    ? `Step ${this.classicSteps.length}: ${this.classicSteps.at(-1).text}`
                    : undefined,
            cacheExportError: this.cacheExportError,
            layersPushed: this.pushed.size,
            layersExisting: this.existing.size,
        };
    }
}

;// CONCATENATED MODULE: ./packages/image-build/src/docker-args.ts
/** Whether buildx can export a registry cache (the docker driver cannot export any cache but inline). */
const exportsRegistryCache = (builder) => builder.kind === 'buildx' && builder.driver !== 'docker';
function common(plan) {
    const args = ['--file', plan.dockerfile];
    for (const ref of plan.refs)
        args.push('--tag', ref);
    for (const [k, v] of Object.entries(plan.buildArgs))
        args.push('--build-arg', `${k}=${v}`);
    for (const [k, v] of Object.entries(plan.labels))
        args.push('--label', `${k}=${v}`);
    if (plan.target !== undefined)
        args.push('--target', plan.target);
    if (plan.platform !== undefined)
        args.push('--platform', plan.platform);
    return args;
}
/** `docker build` (classic, DOCKER_BUILDKIT=0) or `docker buildx build` for the plan. */
function buildCommand(plan) {
    if (plan.builder.kind === 'classic') {
        const args = ['build', ...common(plan)];
        if (plan.cache.kind === 'previous-image')
            args.push('--cache-from', plan.cache.ref);
        args.push(plan.context);
        // The classic builder writes Docker v2 schema 2 manifests and never attestations; pushing is a separate step.
        return { args, env: { DOCKER_BUILDKIT: '0' } };
    }
    const args = ['buildx', 'build', '--progress', 'plain', ...common(plan)];
    // SageMaker's CreateModel rejects OCI image indexes, which provenance/SBOM attestations turn the image into.
    const attest = plan.attestations && plan.push;
    args.push(...(attest ? ['--provenance', 'mode=max', '--sbom', 'true'] : ['--provenance', 'false', '--sbom', 'false']));
    if (plan.push)
        args.push('--output', `type=image,push=true,oci-mediatypes=${attest ? 'true' : 'false'}`);
    else
        args.push('--load');
    if (plan.cache.kind === 'registry') {
        args.push('--cache-from', `type=registry,ref=${plan.cache.ref}`);
        // ECR accepts a cache only as an image manifest; ignore-error keeps a failed export from failing the build.
        args.push('--cache-to', `type=registry,ref=${plan.cache.ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`);
    }
    else if (plan.cache.kind === 'previous-image') {
        args.push('--cache-from', `type=registry,ref=${plan.cache.ref}`, '--cache-to', 'type=inline');
    }
    args.push(plan.context);
    return { args, env: { DOCKER_BUILDKIT: '1' } };
}
/** Whether the build step itself pushes (buildx) or `docker push` must follow (classic). */
const buildPushes = (plan) => plan.push && plan.builder.kind === 'buildx';
/** The builder from `docker buildx version` and `docker buildx inspect` answers (undefined code: not run). */
function detectBuilder(buildxVersionCode, inspectOutput) {
    if (buildxVersionCode !== 0)
        return { kind: 'classic' };
    const driver = /^Driver:\s+(\S+)/m.exec(inspectOutput ?? '')?.[1] ?? 'docker';
    return { kind: 'buildx', driver };
}

// EXTERNAL MODULE: ./packages/image-build/src/docker-runner.ts
var docker_runner = __webpack_require__(3889);
// EXTERNAL MODULE: ./packages/image-build/src/docker-session.ts
var docker_session = __webpack_require__(51);
// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 6 modules
var src = __webpack_require__(6308);
;// CONCATENATED MODULE: ./packages/image-build/src/aws-failure.ts

const CREDENTIAL_ERRORS = new Set([
    'UnrecognizedClientException',
    'InvalidClientTokenId',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
    'ExpiredTokenException',
    'CredentialsProviderError',
]);
/** The error name of an SDK failure (its `name`), without assuming what was thrown. */
function errorName(error) {
    return error instanceof Error ? error.name : '';
}
/**
 * One line for a failed ECR call: the operation, the service's code and message, and what to check when the
 * cause is credentials or permissions.
 */
function awsCallFailed(operation, error) {
    const name = errorName(error);
    let hint = '';
    if (CREDENTIAL_ERRORS.has(name) || /credential/i.test((0,src/* errorMessage */.gJ)(error)))
        hint = ' — check the AWS credentials of this job (aws-actions/configure-aws-credentials)';
    else if (name === 'AccessDeniedException')
        hint = ' — the role needs the permissions in workflows-examples/iam/build-push-ecr.json';
    return new Error(`ECR ${operation} failed: ${name ? `${name}: ` : ''}${(0,src/* errorMessage */.gJ)(error)}${hint}`, { cause: error });
}

;// CONCATENATED MODULE: ./packages/image-build/src/ecr-login.ts



/**
 * The registry address and password from GetAuthorizationToken. Both the token and the password are masked
 * (`mask`) and registered with the runner before anything else can print them.
 */
async function authorizationToken(ecr, docker, mask) {
    let data;
    try {
        data = (await ecr.send(new dist_cjs/* GetAuthorizationTokenCommand */.Eu6({}))).authorizationData?.[0];
    }
    catch (error) {
        throw awsCallFailed('GetAuthorizationToken', error);
    }
    if (!data?.authorizationToken || !data.proxyEndpoint)
        throw new Error('ECR GetAuthorizationToken returned no authorization data');
    mask(data.authorizationToken);
    docker.addSecret(data.authorizationToken);
    const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    if (password === '')
        throw new Error('ECR GetAuthorizationToken returned a token that is not AWS:<password>');
    mask(password);
    docker.addSecret(password);
    return { proxyEndpoint: data.proxyEndpoint, registry: data.proxyEndpoint.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, ''), password };
}
/** `docker login --username AWS --password-stdin <proxyEndpoint>`: the password goes through stdin only. */
async function dockerLogin(docker, login) {
    const out = await docker.run(['login', '--username', 'AWS', '--password-stdin', login.proxyEndpoint], { stdin: login.password });
    if (out.code !== 0)
        throw new Error(`docker login to ${login.proxyEndpoint} failed: ${(0,docker_runner/* tail */.R)(out, 4)}`);
}

;// CONCATENATED MODULE: ./packages/image-build/src/ecr-repository.ts


/** Every manifest type ECR stores; BatchGetImage without them answers only Docker v2 manifests. */
const MANIFEST_TYPES = [
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.index.v1+json',
];
const INDEX_TYPES = new Set(MANIFEST_TYPES.slice(2));
const stateOf = (r, created) => ({
    name: r.repositoryName ?? '',
    mutability: r.imageTagMutability === 'MUTABLE' ? 'MUTABLE' : 'IMMUTABLE',
    scanOnPush: r.imageScanningConfiguration?.scanOnPush === true,
    created,
});
/** The repository, or undefined when it does not exist. */
async function findRepository(ecr, name) {
    try {
        const out = await ecr.send(new dist_cjs/* DescribeRepositoriesCommand */.pE_({ repositoryNames: [name] }));
        const repo = out.repositories?.[0];
        return repo ? stateOf(repo, false) : undefined;
    }
    catch (error) {
        if (errorName(error) === 'RepositoryNotFoundException')
            return undefined;
        throw awsCallFailed('DescribeRepositories', error);
    }
}
/** Finds the repository or creates it with the given settings; applies the lifecycle policy when one is given. */
async function ensureRepository(ecr, name, settings, logger) {
    let repo = await findRepository(ecr, name);
    if (!repo) {
        if (!settings.create)
            throw new Error(`ECR repository '${name}' does not exist and create-repository is false`);
        try {
            const out = await ecr.send(new dist_cjs/* CreateRepositoryCommand */.WTe({
                repositoryName: name,
                imageTagMutability: settings.mutability,
                imageScanningConfiguration: { scanOnPush: settings.scanOnPush },
            }));
            repo = stateOf(out.repository ?? { repositoryName: name }, true);
            logger.info(`created ECR repository ${name} (${settings.mutability}, scan on push: ${String(settings.scanOnPush)})`);
        }
        catch (error) {
            // Two jobs of one workflow may race to create it: the loser uses the winner's.
            if (errorName(error) !== 'RepositoryAlreadyExistsException')
                throw awsCallFailed('CreateRepository', error);
            repo = await findRepository(ecr, name);
            if (!repo)
                throw awsCallFailed('CreateRepository', error);
        }
    }
    if (settings.lifecyclePolicy !== undefined) {
        try {
            await ecr.send(new dist_cjs/* PutLifecyclePolicyCommand */.Rcn({ repositoryName: name, lifecyclePolicyText: settings.lifecyclePolicy }));
        }
        catch (error) {
            throw awsCallFailed('PutLifecyclePolicy', error);
        }
    }
    return repo;
}
/** Which of `tags` the repository holds, with the manifest each names (BatchGetImage reports missing ones as failures). */
async function taggedManifests(ecr, repository, tags) {
    try {
        const out = await ecr.send(new dist_cjs/* BatchGetImageCommand */.P8n({
            repositoryName: repository,
            imageIds: tags.map((imageTag) => ({ imageTag })),
            acceptedMediaTypes: MANIFEST_TYPES,
        }));
        return (out.images ?? []).map((i) => ({
            tag: i.imageId?.imageTag ?? '',
            digest: i.imageId?.imageDigest ?? '',
            manifest: i.imageManifest ?? '',
            mediaType: i.imageManifestMediaType ?? '',
        }));
    }
    catch (error) {
        throw awsCallFailed('BatchGetImage', error);
    }
}
/** The newest tagged single-platform image of the repository: the classic builder's `--cache-from`. */
async function newestImage(ecr, repository) {
    let best;
    try {
        for await (const page of (0,dist_cjs/* paginateDescribeImages */.XiR)({ client: ecr, pageSize: 1000 }, { repositoryName: repository, filter: { tagStatus: 'TAGGED' } })) {
            for (const d of page.imageDetails ?? []) {
                if (INDEX_TYPES.has(d.imageManifestMediaType ?? '') || !d.imageDigest)
                    continue;
                const at = d.imagePushedAt?.getTime() ?? 0;
                if (!best || at > best.at)
                    best = { digest: d.imageDigest, tag: d.imageTags?.[0] ?? '', at };
            }
        }
    }
    catch (error) {
        throw awsCallFailed('DescribeImages', error);
    }
    return best && { digest: best.digest, tag: best.tag };
}
/**
 * What the registry holds under `tags` after the push: one digest for all of them, or an error naming the tags
 * that are missing or point elsewhere. This, not docker's local state, is the digest deployments use.
 */
async function pushedImage(ecr, repository, tags) {
    const found = await taggedManifests(ecr, repository, tags);
    const missing = tags.filter((t) => !found.some((f) => f.tag === t));
    if (missing.length > 0)
        throw new Error(`the registry does not hold ${repository}:${missing.join(', ')} after the push`);
    const digests = new Set(found.map((f) => f.digest));
    if (digests.size > 1) {
        throw new Error(`the tags of ${repository} name different images after the push: ${found.map((f) => `${f.tag}=${f.digest}`).join(', ')}`);
    }
    const digest = found[0].digest;
    try {
        const out = await ecr.send(new dist_cjs/* DescribeImagesCommand */.ji5({ repositoryName: repository, imageIds: [{ imageDigest: digest }] }));
        const d = out.imageDetails?.[0];
        return {
            digest,
            tags: d?.imageTags ?? [...tags],
            sizeBytes: d?.imageSizeInBytes,
            mediaType: d?.imageManifestMediaType ?? found[0].mediaType,
            pushedAt: d?.imagePushedAt,
        };
    }
    catch (error) {
        throw awsCallFailed('DescribeImages', error);
    }
}
/** Puts an existing manifest under more tags (ECR's retag recipe: no pull, no push). */
async function addTags(ecr, repository, image, tags) {
    for (const imageTag of tags) {
        try {
            await ecr.send(new dist_cjs/* PutImageCommand */.SUU({
                repositoryName: repository,
                imageTag,
                imageManifest: image.manifest,
                imageManifestMediaType: image.mediaType,
                imageDigest: image.digest,
            }));
        }
        catch (error) {
            if (errorName(error) !== 'ImageAlreadyExistsException')
                throw awsCallFailed('PutImage', error);
        }
    }
}

// EXTERNAL MODULE: ./packages/image-build/src/oci-labels.ts
var oci_labels = __webpack_require__(3373);
// EXTERNAL MODULE: ./packages/image-build/src/build-inputs.ts
var build_inputs = __webpack_require__(3980);
;// CONCATENATED MODULE: ./packages/image-build/src/scan-gate.ts



const DEFAULT_SCAN_WAIT = {
    timeoutMs: 15 * 60_000,
    firstPollMs: 1000,
    maxPollMs: 15_000,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};
/** Whether a finding's severity is at or above the threshold (UNDEFINED never is). */
function atOrAbove(severity, threshold) {
    const rank = build_inputs/* SEVERITIES */.oC.indexOf(severity);
    return rank >= 0 && rank <= build_inputs/* SEVERITIES */.oC.indexOf(threshold);
}
const toFinding = (f) => ({
    name: f.name ?? '',
    severity: f.severity ?? 'UNDEFINED',
    uri: f.uri,
    description: f.description,
});
/**
 * Waits for the image's ECR scan (starting one when the repository does not scan on push), then gates on the
 * threshold. A scan that cannot finish (FAILED, UNSUPPORTED_IMAGE, timeout) fails the gate: it was asked for.
 */
async function scanGate(ecr, repository, digest, threshold, wait = DEFAULT_SCAN_WAIT) {
    const started = Date.now();
    const imageId = { imageDigest: digest };
    let poll = wait.firstPollMs;
    let requested = false;
    const result = (status, description, counts, blocking) => ({
        threshold,
        status,
        description,
        counts,
        blocking,
        passed: status === 'COMPLETE' && blocking.length === 0,
        waitedMs: Date.now() - started,
    });
    for (;;) {
        try {
            const first = await ecr.send(new dist_cjs/* DescribeImageScanFindingsCommand */.TQ0({ repositoryName: repository, imageId, maxResults: 1000 }));
            const status = first.imageScanStatus?.status ?? 'PENDING';
            if (status === 'COMPLETE') {
                const findings = (first.imageScanFindings?.findings ?? []).map(toFinding);
                let next = first.nextToken;
                while (next) {
                    const page = await ecr.send(new dist_cjs/* DescribeImageScanFindingsCommand */.TQ0({ repositoryName: repository, imageId, maxResults: 1000, nextToken: next }));
                    findings.push(...(page.imageScanFindings?.findings ?? []).map(toFinding));
                    next = page.nextToken;
                }
                const counts = { ...(first.imageScanFindings?.findingSeverityCounts ?? {}) };
                return result(status, first.imageScanStatus?.description, counts, findings.filter((f) => atOrAbove(f.severity, threshold)));
            }
            if (!['IN_PROGRESS', 'PENDING', 'ACTIVE'].includes(status))
                return result(status, first.imageScanStatus?.description, {}, []);
        }
        catch (error) {
            if (errorName(error) !== 'ScanNotFoundException')
                throw awsCallFailed('DescribeImageScanFindings', error);
            if (!requested) {
                requested = true;
                try {
                    await ecr.send(new dist_cjs/* StartImageScanCommand */.Qc9({ repositoryName: repository, imageId }));
                }
                catch (startError) {
                    // The scan may have begun on push meanwhile; anything else means there will be no scan.
                    if (errorName(startError) !== 'LimitExceededException')
                        throw awsCallFailed('StartImageScan', startError);
                }
            }
        }
        if (Date.now() - started + poll > wait.timeoutMs) {
            return result('TIMEOUT', `no scan result within ${Math.round(wait.timeoutMs / 1000)} s`, {}, []);
        }
        await wait.sleep(poll);
        poll = Math.min(wait.maxPollMs, Math.ceil(poll * 1.5));
    }
}

;// CONCATENATED MODULE: ./packages/image-build/src/tag-reuse.ts
function decideTags(repository, mutability, tags, found) {
    if (found.length === 0 || mutability === 'MUTABLE')
        return { action: 'build' };
    const digests = new Set(found.map((f) => f.digest));
    if (digests.size > 1) {
        return {
            action: 'conflict',
            message: `tags of immutable repository ${repository} already name different images (${found.map((f) => `${f.tag}=${f.digest}`).join(', ')}): choose new tags`,
        };
    }
    return { action: 'reuse', image: found[0], missing: tags.filter((t) => !found.some((f) => f.tag === t)) };
}

;// CONCATENATED MODULE: ./packages/image-build/src/build-push.ts











/** A build that failed: the step that failed and the end of its log, for the error line and the summary. */
class ImageBuildError extends Error {
    failedStep;
    logTail;
    constructor(failedStep, logTail) {
        super(`docker build failed${failedStep ? ` at ${failedStep}` : ''}: ${logTail
            .split('\n')
            .filter((l) => l.trim() !== '')
            .at(-1) ?? ''} (nothing was pushed)`);
        this.failedStep = failedStep;
        this.logTail = logTail;
        this.name = 'ImageBuildError';
    }
}
function ecrClient(region) {
    return new dist_cjs/* ECRClient */.S70((0,client_config/* awsClientConfig */.r)(region));
}
async function detect(docker) {
    const engine = await docker.run(['version', '--format', '{{.Server.Version}}']);
    if (engine.code !== 0)
        throw new Error(`cannot reach a Docker engine: ${(0,docker_runner/* tail */.R)(engine, 3)}`);
    const buildx = await docker.run(['buildx', 'version']);
    const inspect = buildx.code === 0 ? await docker.run(['buildx', 'inspect']) : undefined;
    return detectBuilder(buildx.code, inspect?.stdout);
}
/** Decides the layer cache and fetches what it needs; a cache that cannot be had only warns. */
async function planCache(inputs, builder, repo, registry, clients, logger) {
    if (!inputs.cache)
        return { kind: 'none', why: 'cache: false' };
    if (exportsRegistryCache(builder)) {
        const name = inputs['cache-repository'] ?? `${inputs.repository}-cache`;
        try {
            // Mutable: the cache tag moves on every build, which an immutable repository would refuse.
            await ensureRepository(clients.ecr, name, { create: inputs['create-repository'], mutability: 'MUTABLE', scanOnPush: false }, logger);
            return { kind: 'registry', ref: `${registry}/${name}:buildcache` };
        }
        catch (error) {
            logger.warning(`building without a layer cache: ${error.message}`);
            return { kind: 'none', why: 'no cache repository' };
        }
    }
    if (!repo)
        return { kind: 'none', why: 'the repository does not exist yet' };
    const newest = await newestImage(clients.ecr, inputs.repository);
    if (!newest)
        return { kind: 'none', why: 'no earlier image in the repository' };
    const ref = `${registry}/${inputs.repository}@${newest.digest}`;
    if (builder.kind === 'classic') {
        // The classic builder only reuses layers of images present in the engine: pull the previous one first.
        const started = Date.now();
        const pulled = await logger.group(`docker pull ${ref} (layer cache)`, () => clients.docker.run(['pull', ref], { onLine: (l) => logger.info(l) }));
        if (pulled.code !== 0) {
            logger.warning(`building without a layer cache: pulling ${ref} failed: ${(0,docker_runner/* tail */.R)(pulled, 2)}`);
            return { kind: 'none', why: 'pull of the previous image failed' };
        }
        return { kind: 'previous-image', ref, pullMs: Date.now() - started };
    }
    return { kind: 'previous-image', ref };
}
async function runStreamed(title, args, env, clients, logger, output) {
    return logger.group(title, () => clients.docker.run(args, {
        env,
        onLine: (line) => {
            output.feed(line);
            logger.info(line);
        },
    }));
}
/**
 * Logs in to ECR, makes sure the repository exists, builds (buildx or the classic builder), pushes every tag,
 * reads the digest back from the registry and, when asked, gates on the image scan.
 */
async function buildAndPush(inputs, files, clients, logger, options) {
    const builder = await detect(clients.docker);
    logger.info(builder.kind === 'buildx' ? `builder: docker buildx (driver ${builder.driver})` : 'builder: classic (docker buildx is not installed)');
    const login = await authorizationToken(clients.ecr, clients.docker, options.mask);
    const dockerConfig = (0,docker_session/* createDockerConfig */.lp)(options.env);
    options.onSession(dockerConfig, login.registry);
    clients.docker.setEnv('DOCKER_CONFIG', dockerConfig);
    await dockerLogin(clients.docker, login);
    logger.info(`logged in to ${login.registry}`);
    const registry = login.registry;
    const base = `${registry}/${inputs.repository}`;
    const tags = inputs.tags;
    const repositoryState = inputs.push
        ? await ensureRepository(clients.ecr, inputs.repository, {
            create: inputs['create-repository'],
            mutability: inputs['image-tag-mutability'],
            scanOnPush: inputs['scan-on-push'],
            lifecyclePolicy: files.lifecyclePolicy,
        }, logger)
        : await findRepository(clients.ecr, inputs.repository);
    const labels = (0,oci_labels/* imageLabels */.J)(options.env, inputs.labels);
    const result = {
        registry,
        repository: inputs.repository,
        imageUri: `${base}:${tags[0]}`,
        tags,
        builder,
        repositoryState,
        labels,
        dockerConfig,
        retagged: [],
        buildMs: undefined,
        pushMs: undefined,
        stats: undefined,
    };
    if (inputs.push && repositoryState) {
        const decision = decideTags(inputs.repository, repositoryState.mutability, tags, await taggedManifests(clients.ecr, inputs.repository, tags));
        if (decision.action === 'conflict')
            throw new Error(decision.message);
        if (decision.action === 'reuse') {
            logger.info(`every tag already names ${decision.image.digest} in immutable ${inputs.repository}: reusing it, no build`);
            await addTags(clients.ecr, inputs.repository, decision.image, decision.missing);
            return finish({ ...result, outcome: 'reused', retagged: [...decision.missing], cache: { kind: 'none', why: 'no build' } }, inputs, clients, options);
        }
    }
    const cache = await planCache(inputs, builder, repositoryState, registry, clients, logger);
    const plan = {
        builder,
        context: files.context,
        dockerfile: files.dockerfile,
        refs: tags.map((t) => `${base}:${t}`),
        buildArgs: inputs['build-args'] ?? {},
        labels,
        target: inputs.target,
        platform: inputs.platforms,
        cache,
        push: inputs.push,
        attestations: inputs.attestations,
    };
    if (inputs.attestations && inputs.push && builder.kind === 'buildx')
        logger.warning('attestations: true pushes an OCI image index, which SageMaker CreateModel rejects: do not deploy this image to SageMaker');
    else if (inputs.attestations)
        logger.warning('attestations: true is ignored: only buildx pushing an image can attach attestations');
    const output = new BuildOutput(builder.kind === 'classic' ? Object.keys(labels).length : 0);
    const command = buildCommand(plan);
    const buildStarted = Date.now();
    const built = await runStreamed(buildPushes(plan) ? 'docker buildx build --push' : 'docker build', command.args, command.env, clients, logger, output);
    result.buildMs = Date.now() - buildStarted;
    if (built.code !== 0)
        throw new ImageBuildError(output.stats().failedStep, (0,docker_runner/* tail */.R)(built, 15));
    if (inputs.push && !buildPushes(plan)) {
        const pushStarted = Date.now();
        for (const ref of plan.refs) {
            const pushed = await runStreamed(`docker push ${ref}`, ['push', ref], {}, clients, logger, output);
            if (pushed.code !== 0)
                throw new Error(`docker push ${ref} failed: ${(0,docker_runner/* tail */.R)(pushed, 4)}`);
        }
        result.pushMs = Date.now() - pushStarted;
    }
    result.stats = output.stats();
    if (result.stats.cacheExportError)
        logger.warning(`the layer cache was not exported (the build is fine): ${result.stats.cacheExportError}`);
    return finish({ ...result, outcome: inputs.push ? 'pushed' : 'built', cache }, inputs, clients, options, logger);
}
async function finish(partial, inputs, clients, options, logger) {
    if (partial.outcome === 'built')
        return { ...partial, digest: undefined, imageUriDigest: undefined, sizeBytes: undefined, mediaType: undefined, scan: undefined };
    const image = await pushedImage(clients.ecr, inputs.repository, partial.tags);
    if (INDEX_TYPES.has(image.mediaType) && !inputs.attestations)
        logger?.warning(`${inputs.repository}@${image.digest} is an image index (${image.mediaType}): SageMaker CreateModel will reject it`);
    const threshold = inputs['scan-severity-threshold'];
    const scan = threshold === undefined
        ? undefined
        : await scanGate(clients.ecr, inputs.repository, image.digest, threshold, options.scanWait ?? DEFAULT_SCAN_WAIT);
    return {
        ...partial,
        digest: image.digest,
        imageUriDigest: `${partial.registry}/${inputs.repository}@${image.digest}`,
        sizeBytes: image.sizeBytes,
        mediaType: image.mediaType,
        scan,
    };
}

;// CONCATENATED MODULE: ./packages/image-build/src/build-summary.ts

const seconds = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
function formatBytes(bytes) {
    if (bytes === undefined)
        return '—';
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function cacheText(r) {
    if (r.outcome === 'reused')
        return 'no build: the tags already existed';
    const source = r.cache.kind === 'none'
        ? `no cache (${r.cache.why})`
        : r.cache.kind === 'registry'
            ? `registry cache ${(0,src/* code */.aY)(r.cache.ref)}`
            : `layers of ${(0,src/* code */.aY)(r.cache.ref)}${r.cache.pullMs === undefined ? '' : ` (pulled in ${seconds(r.cache.pullMs)})`}`;
    const s = r.stats;
    if (!s)
        return source;
    const layers = s.layersPushed + s.layersExisting > 0 ? `; push: ${s.layersPushed} layers uploaded, ${s.layersExisting} already in the registry` : '';
    return `${s.cached} of ${s.steps} steps cached — ${source}${layers}`;
}
/** The step summary of a finished run: what was pushed, how, and what the scan found. */
function buildSummary(r) {
    const outcome = { pushed: 'built and pushed', built: 'built (push: false)', reused: 're-run: existing image reused' }[r.outcome];
    const repo = r.repositoryState
        ? `${r.repository} (${r.repositoryState.created ? 'created' : 'existing'}, ${r.repositoryState.mutability}, scan on push ${r.repositoryState.scanOnPush ? 'on' : 'off'})`
        : r.repository;
    const rows = [
        ['Outcome', outcome],
        ['Image', (0,src/* code */.aY)(r.imageUri)],
        ['Digest', r.digest ? (0,src/* code */.aY)(r.digest) : '—'],
        ['Deploy this', r.imageUriDigest ? (0,src/* code */.aY)(r.imageUriDigest) : '—'],
        ['Tags', r.tags.map(src/* code */.aY).join(' ') + (r.retagged.length > 0 ? ` (added now: ${r.retagged.join(', ')})` : '')],
        ['Repository', repo],
        ['Size', formatBytes(r.sizeBytes)],
        ['Manifest', r.mediaType ?? '—'],
        ['Builder', r.builder.kind === 'buildx' ? `buildx (${r.builder.driver})` : 'classic'],
        ['Build time', seconds(r.buildMs)],
        ['Push time', r.builder.kind === 'buildx' && r.outcome === 'pushed' ? 'in the build' : seconds(r.pushMs)],
        ['Cache', cacheText(r)],
        ['Scan', scanText(r)],
    ];
    let md = (0,src/* heading */.R_)('build-push-ecr') + (0,src/* table */.tp)(['What', 'Value'], rows);
    if (Object.keys(r.labels).length > 0) {
        md += '\n<details><summary>Labels</summary>\n\n' + (0,src/* table */.tp)(['Label', 'Value'], Object.entries(r.labels)) + '\n</details>\n';
    }
    const scan = r.scan;
    if (scan && scan.blocking.length > 0) {
        md += '\n' + (0,src/* heading */.R_)(`Findings at or above ${scan.threshold}`, 3);
        const shown = scan.blocking.slice(0, 50);
        md += (0,src/* table */.tp)(['Finding', 'Severity', 'Description'], shown.map((f) => [f.uri ? `[${f.name}](${f.uri})` : f.name, f.severity, (f.description ?? '').slice(0, 200)]));
        if (scan.blocking.length > shown.length)
            md += `\n…and ${scan.blocking.length - shown.length} more.\n`;
    }
    return md;
}
function scanText(r) {
    const s = r.scan;
    if (!s)
        return 'no gate (scan-severity-threshold is empty)';
    const counts = Object.entries(s.counts)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || 'no findings';
    if (s.status !== 'COMPLETE')
        return `FAILED: scan ${s.status}${s.description ? ` (${s.description})` : ''}`;
    return `${s.passed ? 'passed' : 'FAILED'}: threshold ${s.threshold}; ${counts}; waited ${seconds(s.waitedMs)}`;
}
/** The step summary of a build that failed: the failing step and the end of its log. */
function buildFailureSummary(error, repository) {
    return ((0,src/* heading */.R_)('build-push-ecr: build failed') +
        (0,src/* table */.tp)(['What', 'Value'], [
            ['Repository', repository],
            ['Failed step', error.failedStep ?? 'unknown'],
            ['Pushed', 'nothing'],
        ]) +
        '\n```text\n' +
        error.logTail.replace(/```/g, "'''") +
        '\n```\n');
}

;// CONCATENATED MODULE: ./packages/image-build/src/build-run.ts
// The heavy entry, imported dynamically once the inputs are valid: it loads the ECR client.





/***/ })

};
