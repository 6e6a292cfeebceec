export const id = 201;
export const ids = [201];
export const modules = {

/***/ 7201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createPromoteClients: () => (/* reexport */ createPromoteClients),
  promote: () => (/* reexport */ promote),
  promoteSummary: () => (/* reexport */ promoteSummary)
});

// UNUSED EXPORTS: currentHolder, describeTarget, moveRegistry, parseImage, productionTag, resolveImage, tagForProduction

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 6 modules
var src = __webpack_require__(6308);
// EXTERNAL MODULE: ./packages/sagemaker/src/index.ts + 3 modules
var sagemaker_src = __webpack_require__(3972);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-application-auto-scaling/dist-cjs/index.js
var dist_cjs = __webpack_require__(1491);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var client_cloudwatch_dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sagemaker/dist-cjs/index.js
var client_sagemaker_dist_cjs = __webpack_require__(4459);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sagemaker-runtime/dist-cjs/index.js
var client_sagemaker_runtime_dist_cjs = __webpack_require__(9636);
;// CONCATENATED MODULE: ./packages/aws/src/client-config.ts
class MissingRegionError extends Error {
}
function awsClientConfig(region, env = process.env) {
    const resolved = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!resolved)
        throw new MissingRegionError('input \'region\' = "": is required when AWS_REGION is not set (configure-aws-credentials sets it)');
    // Throttling storms and 5xx bursts are retried with jittered backoff by the SDK; more attempts than its default 3.
    return { region: resolved, maxAttempts: Number(env.AWS_MAX_ATTEMPTS ?? 8), retryMode: 'adaptive' };
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/deploy-clients.ts





function createDeployClients(region) {
    const config = awsClientConfig(region);
    return {
        sagemaker: new client_sagemaker_dist_cjs/* SageMakerClient */.kHU(config),
        cloudwatch: new client_cloudwatch_dist_cjs/* CloudWatchClient */.WBn(config),
        autoscaling: new dist_cjs/* ApplicationAutoScalingClient */.gd(config),
        runtime: new client_sagemaker_runtime_dist_cjs/* SageMakerRuntimeClient */.OX(config),
    };
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/endpoint-autoscaling.ts

const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
const resourceId = (endpoint, variant) => `endpoint/${endpoint}/variant/${variant}`;
/** The variant's scalable target (its capacity bounds), if one is registered. */
async function scalableTarget(client, endpoint, variant) {
    const out = await client.send(new dist_cjs/* DescribeScalableTargetsCommand */.sH({
        ServiceNamespace: 'sagemaker',
        ResourceIds: [resourceId(endpoint, variant)],
        ScalableDimension: DIMENSION,
    }));
    const target = out.ScalableTargets?.[0];
    return target ? { min: target.MinCapacity ?? 1, max: target.MaxCapacity ?? 1 } : undefined;
}
/** SageMaker refuses an instance-type change on a scaled variant: the target is deregistered first and registered again after. */
async function deregister(client, endpoint, variant, logger) {
    await client.send(new dist_cjs/* DeregisterScalableTargetCommand */.CV({
        ServiceNamespace: 'sagemaker',
        ResourceId: resourceId(endpoint, variant),
        ScalableDimension: DIMENSION,
    }));
    logger.info(`autoscaling: deregistered ${resourceId(endpoint, variant)} for the instance-type change`);
}
/** Target tracking on invocations per instance, the policy SageMaker documents for real-time endpoints. */
async function applyScaling(client, endpoint, variant, spec, logger) {
    const ResourceId = resourceId(endpoint, variant);
    await client.send(new dist_cjs/* RegisterScalableTargetCommand */.Jr({
        ServiceNamespace: 'sagemaker',
        ResourceId,
        ScalableDimension: DIMENSION,
        MinCapacity: spec.min,
        MaxCapacity: spec.max,
    }));
    await client.send(new dist_cjs/* PutScalingPolicyCommand */.OJ({
        PolicyName: `${endpoint}-${variant}-invocations`,
        ServiceNamespace: 'sagemaker',
        ResourceId,
        ScalableDimension: DIMENSION,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
            TargetValue: spec.targetInvocations,
            PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
            ScaleInCooldown: 300,
            ScaleOutCooldown: 60,
        },
    }));
    logger.info(`autoscaling: ${ResourceId} between ${spec.min} and ${spec.max} instances, target ${spec.targetInvocations} invocations/instance/min`);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/sagemaker/src/resource-names.ts

/** A short, stable content hash: the same inputs always give the same model and config names. */
function contentHash(value) {
    return (0,external_node_crypto_.createHash)('sha256').update(stableJson(value)).digest('hex').slice(0, 10);
}
function stableJson(value) {
    if (Array.isArray(value))
        return `[${value.map(stableJson).join(',')}]`;
    if (value && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => a.localeCompare(b));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}
/** `<endpoint>-<kind>-<hash>`, cut to SageMaker's 63 characters without breaking its name rule. */
function resourceName(endpoint, kind, hash) {
    const suffix = `-${kind === 'model' ? 'm' : 'c'}-${hash}`;
    const base = endpoint.slice(0, 63 - suffix.length).replace(/-+$/, '');
    return `${base}${suffix}`;
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/endpoint-plan.ts


const CANDIDATE_VARIANT = 'Candidate';
/** A pure function of the inputs and the current state: what deploy-endpoint will create, update and shift. */
function planDeployment(inputs, current) {
    const endpointName = inputs['endpoint-name'];
    const dataUrl = inputs['model-data-url'];
    const container = { Image: inputs['image-uri'] };
    if (dataUrl?.endsWith('/'))
        container.ModelDataSource = { S3DataSource: { S3Uri: dataUrl, S3DataType: 'S3Prefix', CompressionType: 'None' } };
    else if (dataUrl)
        container.ModelDataUrl = dataUrl;
    if (inputs.environment && Object.keys(inputs.environment).length > 0)
        container.Environment = inputs.environment;
    const modelName = resourceName(endpointName, 'model', contentHash({ container, role: inputs['role-arn'] }));
    const model = { ModelName: modelName, ExecutionRoleArn: inputs['role-arn'], PrimaryContainer: container };
    const serverless = inputs['serverless-memory-mb'] !== undefined
        ? { MemorySizeInMB: Number(inputs['serverless-memory-mb']), MaxConcurrency: inputs['serverless-max-concurrency'] ?? 1 }
        : undefined;
    const newVariant = (name, weight) => serverless
        ? { VariantName: name, ModelName: modelName, InitialVariantWeight: weight, ServerlessConfig: serverless }
        : {
            VariantName: name,
            ModelName: modelName,
            InitialVariantWeight: weight,
            InstanceType: inputs['instance-type'],
            InitialInstanceCount: inputs['instance-count'],
        };
    let variants;
    let baselineVariant;
    let candidateVariant;
    if (inputs.strategy === 'ab') {
        if (!current.endpoint || !current.config)
            throw (0,src/* inputConflict */.Jq)('strategy', 'ab', `needs an existing endpoint '${endpointName}' to put the candidate beside; deploy it first with all-at-once`);
        const tagged = current.config.tags.find((t) => t.Key === 'mlops:baseline-variant')?.Value;
        const baseline = current.config.variants.find((v) => v.VariantName === tagged) ?? current.config.variants[0];
        const w = inputs['candidate-weight'] / 100;
        baselineVariant = baseline.VariantName;
        candidateVariant = baseline.VariantName === CANDIDATE_VARIANT ? `${CANDIDATE_VARIANT}2` : CANDIDATE_VARIANT;
        variants = [{ ...baseline, InitialVariantWeight: round(1 - w) }, newVariant(candidateVariant, round(w))];
    }
    else {
        variants = [newVariant(inputs['variant-name'], 1)];
    }
    const captureUri = inputs['data-capture-s3-uri'];
    const dataCapture = captureUri
        ? {
            EnableCapture: true,
            InitialSamplingPercentage: inputs['data-capture-percent'],
            DestinationS3Uri: `s3://${captureUri.bucket}/${captureUri.key}`,
            CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        }
        : undefined;
    const configName = resourceName(endpointName, 'config', contentHash({ variants, dataCapture }));
    const config = {
        EndpointConfigName: configName,
        ProductionVariants: variants,
        ...(dataCapture ? { DataCaptureConfig: dataCapture } : {}),
    };
    const action = !current.endpoint ? 'create' : current.endpoint.configName === configName ? 'none' : 'update';
    return {
        endpointName,
        action,
        strategy: inputs.strategy,
        model,
        config,
        previousConfigName: action === 'create' ? undefined : current.endpoint?.configName,
        deploymentConfig: action === 'update' && !serverless ? deploymentConfig(inputs) : undefined,
        baselineVariant,
        candidateVariant,
        diff: diffVariants(current.config?.variants ?? [], variants, current.endpoint?.configName ?? '', configName),
    };
}
const round = (n) => Math.round(n * 1000) / 1000;
/** Blue/green settings; SageMaker's execution limit covers every bake and the termination wait, within its 600..28800 s bounds. */
function deploymentConfig(inputs) {
    const wait = inputs['wait-interval-seconds'];
    const steps = inputs.strategy === 'canary' ? 1 : inputs.strategy === 'linear' ? Math.ceil(100 / inputs['linear-step-percent']) - 1 : 0;
    const needed = steps * wait + inputs['termination-wait-seconds'] + 600;
    const routing = inputs.strategy === 'canary'
        ? { Type: 'CANARY', WaitIntervalInSeconds: wait, CanarySize: { Type: 'CAPACITY_PERCENT', Value: inputs['canary-percent'] } }
        : inputs.strategy === 'linear'
            ? {
                Type: 'LINEAR',
                WaitIntervalInSeconds: wait,
                LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: inputs['linear-step-percent'] },
            }
            : { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 0 };
    const alarms = inputs['rollback-alarms'] ?? [];
    return {
        BlueGreenUpdatePolicy: {
            TrafficRoutingConfiguration: routing,
            TerminationWaitInSeconds: inputs['termination-wait-seconds'],
            MaximumExecutionTimeoutInSeconds: Math.min(28800, Math.max(600, needed)),
        },
        ...(alarms.length > 0 ? { AutoRollbackConfiguration: { Alarms: alarms.map((AlarmName) => ({ AlarmName })) } } : {}),
    };
}
function describeVariant(v) {
    if (!v)
        return '';
    const size = v.ServerlessConfig
        ? `serverless ${v.ServerlessConfig.MemorySizeInMB} MB ×${v.ServerlessConfig.MaxConcurrency}`
        : `${v.InitialInstanceCount ?? 1} × ${v.InstanceType ?? ''}`;
    return `${v.ModelName}, ${size}, weight ${v.InitialVariantWeight}`;
}
function diffVariants(before, after, beforeName, afterName) {
    const out = [];
    if (beforeName !== afterName)
        out.push({ field: 'endpoint config', before: beforeName, after: afterName });
    const names = [...new Set([...before.map((v) => v.VariantName), ...after.map((v) => v.VariantName)])];
    for (const name of names) {
        const b = describeVariant(before.find((v) => v.VariantName === name));
        const a = describeVariant(after.find((v) => v.VariantName === name));
        if (a !== b)
            out.push({ field: `variant ${name}`, before: b, after: a });
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/endpoint-waiter.ts

const endpoint_waiter_SETTLED = new Set(['InService', 'Failed', 'OutOfService', 'UpdateRollbackFailed']);
/** What an endpoint is doing, in one line: status, pending config, traffic shift messages. */
function describeProgress(d) {
    const pending = d.PendingDeploymentSummary;
    const messages = (pending?.ProductionVariants ?? []).flatMap((v) => (v.VariantStatus ?? []).map((s) => `${v.VariantName ?? ''}: ${s.StatusMessage ?? s.Status ?? ''}`));
    const weights = (d.ProductionVariants ?? []).map((v) => `${v.VariantName ?? ''}=${v.CurrentWeight ?? 0}`).join(' ');
    return [
        pending?.EndpointConfigName ? `→ ${pending.EndpointConfigName}` : d.EndpointConfigName,
        messages.join('; '),
        weights ? `weights ${weights}` : '',
        d.FailureReason ?? '',
    ]
        .filter((s) => s)
        .join(' · ');
}
/**
 * Polls DescribeEndpoint until the endpoint settles, printing a line per change (elapsed time, state, traffic).
 * Pauses start at one second and double up to `pollMs`. Stops at the timeout and says where it left the endpoint.
 */
async function endpoint_waiter_waitForEndpoint(sagemaker, endpointName, options) {
    const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const started = Date.now();
    const timeline = [];
    let pause = Math.min(1000, options.pollMs);
    let last = '';
    for (;;) {
        const endpoint = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: endpointName }));
        const status = endpoint.EndpointStatus ?? 'Unknown';
        const detail = describeProgress(endpoint);
        const elapsedSeconds = Math.round((Date.now() - started) / 100) / 10;
        if (`${status} ${detail}` !== last) {
            last = `${status} ${detail}`;
            timeline.push({ elapsedSeconds, status, detail });
            options.logger.info(`[${elapsedSeconds.toFixed(1)} s] ${endpointName}: ${status}${detail ? ` · ${detail}` : ''}`);
        }
        if (endpoint_waiter_SETTLED.has(status))
            return { endpoint, timedOut: false, timeline };
        if (Date.now() - started >= options.timeoutMs)
            return { endpoint, timedOut: true, timeline };
        await sleep(Math.min(pause, Math.max(0, options.timeoutMs - (Date.now() - started))));
        pause = Math.min(pause * 2, options.pollMs);
    }
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/lineage-tags.ts
/** Tags the suite writes on what it creates: lineage for people, and the way back for the rollback action. */
const lineage_tags_TAG = {
    managedBy: 'mlops:managed-by',
    endpoint: 'mlops:endpoint',
    imageUri: 'mlops:image-uri',
    modelDataUrl: 'mlops:model-data-url',
    mlflowModel: 'mlops:mlflow-model',
    mlflowVersion: 'mlops:mlflow-version',
    runId: 'mlops:mlflow-run-id',
    gitCommit: 'mlops:git-commit',
    workflowRun: 'mlops:workflow-run',
    previousConfig: 'mlops:previous-config',
    baselineVariant: 'mlops:baseline-variant',
    candidateVariant: 'mlops:candidate-variant',
};
const MANAGED_BY = 'mlops-actions';
/** The workflow run that deployed, from GitHub's environment (empty outside Actions). */
function workflowRunUrl(env) {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    return GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
        ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
        : undefined;
}
/** Tag values must match SageMaker's pattern and length (256); drop empties. */
function lineageTags(lineage, extra, env) {
    const tags = {
        [lineage_tags_TAG.managedBy]: MANAGED_BY,
        [lineage_tags_TAG.endpoint]: lineage.endpoint,
        [lineage_tags_TAG.imageUri]: lineage.imageUri,
        [lineage_tags_TAG.modelDataUrl]: lineage.modelDataUrl,
        [lineage_tags_TAG.mlflowModel]: lineage.mlflowModel,
        [lineage_tags_TAG.mlflowVersion]: lineage.mlflowVersion,
        [lineage_tags_TAG.runId]: lineage.runId,
        [lineage_tags_TAG.gitCommit]: env.GITHUB_SHA,
        [lineage_tags_TAG.workflowRun]: workflowRunUrl(env),
        ...extra,
    };
    return Object.entries(tags)
        .filter((e) => e[1] !== undefined && e[1] !== '')
        .map(([Key, Value]) => ({ Key, Value: Value.slice(0, 256) }));
}
function lineage_tags_tagValue(tags, key) {
    return tags?.find((t) => t.Key === key)?.Value;
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/config-cleanup.ts


/**
 * Deletes endpoint configs (and their models) that this suite created for this endpoint, beyond the newest `keep`.
 * Never the current config, never the one a rollback would return to, never anything without our tags.
 */
async function cleanupConfigs(sagemaker, endpoint, protect, keep, logger) {
    const ours = [];
    let NextToken;
    do {
        const page = await sagemaker.send(new client_sagemaker_dist_cjs/* ListEndpointConfigsCommand */.IZm({
            NameContains: endpoint,
            SortBy: 'CreationTime',
            SortOrder: 'Descending',
            MaxResults: 100,
            NextToken,
        }));
        for (const c of page.EndpointConfigs ?? []) {
            const tags = (await sagemaker.send(new client_sagemaker_dist_cjs/* ListTagsCommand */.bvr({ ResourceArn: c.EndpointConfigArn }))).Tags ?? [];
            const t = tags.map((x) => ({ Key: x.Key, Value: x.Value }));
            if (lineage_tags_tagValue(t, lineage_tags_TAG.managedBy) === MANAGED_BY && lineage_tags_tagValue(t, lineage_tags_TAG.endpoint) === endpoint)
                ours.push({ name: c.EndpointConfigName, arn: c.EndpointConfigArn, created: c.CreationTime?.getTime() ?? 0 });
        }
        NextToken = page.NextToken;
    } while (NextToken);
    ours.sort((a, b) => b.created - a.created);
    const protectedNames = new Set(protect.filter((p) => p !== undefined));
    const kept = ours.filter((c, i) => protectedNames.has(c.name) || i < keep).map((c) => c.name);
    const doomed = ours.filter((c) => !kept.includes(c.name));
    const modelsInUse = new Set();
    for (const name of kept) {
        const d = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointConfigCommand */.uoq({ EndpointConfigName: name }));
        for (const v of d.ProductionVariants ?? [])
            if (v.ModelName)
                modelsInUse.add(v.ModelName);
    }
    const deletedConfigs = [];
    const deletedModels = [];
    for (const c of doomed) {
        const d = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointConfigCommand */.uoq({ EndpointConfigName: c.name }));
        await sagemaker.send(new client_sagemaker_dist_cjs/* DeleteEndpointConfigCommand */.WLA({ EndpointConfigName: c.name }));
        deletedConfigs.push(c.name);
        for (const v of d.ProductionVariants ?? []) {
            if (!v.ModelName || modelsInUse.has(v.ModelName) || deletedModels.includes(v.ModelName))
                continue;
            await sagemaker.send(new client_sagemaker_dist_cjs/* DeleteModelCommand */.em({ ModelName: v.ModelName })).catch(() => undefined);
            deletedModels.push(v.ModelName);
        }
    }
    if (deletedConfigs.length > 0)
        logger.info(`cleanup: deleted ${deletedConfigs.join(', ')}; kept ${kept.join(', ')}`);
    return { deletedConfigs, deletedModels, kept };
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/aws-errors.ts
function aws_errors_isNotFound(error) {
    const e = error;
    return (/Could not find|does not exist|not found/i.test(e.message ?? '') && (e.name === 'ValidationException' || e.name === 'ResourceNotFound'));
}
function isExpiredCredentials(error) {
    const e = error;
    return ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'].includes(e.name ?? e.Code ?? '');
}
function explainAwsError(error) {
    const e = error;
    if (isExpiredCredentials(error))
        return `AWS credentials expired during a long wait (${e.name ?? ''}): raise role-duration-seconds in aws-actions/configure-aws-credentials (and the role's maximum session duration) above this action's timeout-minutes`;
    return e.name && e.message ? `${e.name}: ${e.message}` : error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/rollback-tags.ts
/** Marks the rollback action leaves on the endpoint, so a repeated rollback knows there is nothing left to undo. */
const rollback_tags_ROLLBACK_TAG = { to: 'mlops:rolled-back-to', from: 'mlops:rolled-back-from', at: 'mlops:rolled-back-at' };

;// CONCATENATED MODULE: ./packages/sagemaker/src/deploy-endpoint.ts











/** Reads what serves now: the endpoint, its config and the config's tags (undefined parts when absent). */
async function readCurrentState(clients, endpointName) {
    let raw;
    try {
        raw = await clients.sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: endpointName }));
    }
    catch (error) {
        if (aws_errors_isNotFound(error))
            return {};
        throw error;
    }
    const configName = raw.EndpointConfigName;
    const endpoint = { status: raw.EndpointStatus ?? 'Unknown', configName, failureReason: raw.FailureReason, arn: raw.EndpointArn };
    try {
        const c = await clients.sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointConfigCommand */.uoq({ EndpointConfigName: configName }));
        const tags = (await clients.sagemaker.send(new client_sagemaker_dist_cjs/* ListTagsCommand */.bvr({ ResourceArn: c.EndpointConfigArn }))).Tags ?? [];
        return {
            raw,
            endpoint,
            config: {
                name: configName,
                variants: (c.ProductionVariants ?? []),
                tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
            },
        };
    }
    catch (error) {
        if (aws_errors_isNotFound(error))
            return { raw, endpoint };
        throw error;
    }
}
/**
 * Creates or updates the endpoint as planned, waits for it, and reports honestly: success only when the endpoint is
 * InService *and* serving the new config. Lineage (including the previous config, the rollback target) is tagged on
 * the new config before the endpoint changes, so the way back is recorded even if the job dies mid-update.
 */
async function deployEndpoint(inputs, clients, logger, options = {}) {
    const env = options.env ?? process.env;
    const started = Date.now();
    const timeoutMs = inputs['timeout-minutes'] * 60_000;
    const pollMs = inputs['poll-seconds'] * 1000;
    const name = inputs['endpoint-name'];
    const current = await readCurrentState(clients, name);
    const plan = planDeployment(inputs, current);
    const result = (status, extra = {}) => ({
        status,
        plan,
        endpointArn: current.endpoint?.arn ?? '',
        servingConfig: current.endpoint?.configName ?? '',
        timeline: [],
        failureReason: undefined,
        cleanup: undefined,
        smoke: undefined,
        seconds: (Date.now() - started) / 1000,
        ...extra,
    });
    if (current.endpoint?.status === 'Failed')
        throw new src/* ActionFailure */.dR(`endpoint '${name}' is Failed (${current.endpoint.failureReason ?? 'no reason given'}); SageMaker only allows deleting it. Run the rollback action: it deletes and recreates the endpoint on its previous config.`, { status: 'failed', 'endpoint-name': name });
    if (inputs['dry-run'])
        return result('planned');
    // Another change in progress (seen now, or started between our read and our update): wait for it within our
    // timeout, then plan again on top of what it left — never "Cannot update in-progress endpoint", never two at once.
    const afterOtherChange = async (seen) => {
        logger.info(`${name} ${seen}: waiting for the change in progress before deploying`);
        const left = Math.max(0, timeoutMs - (Date.now() - started));
        const waited = await endpoint_waiter_waitForEndpoint(clients.sagemaker, name, { timeoutMs: left, pollMs, logger, sleep: options.sleep });
        if (waited.timedOut)
            return result('timed-out', {
                failureReason: `another change of ${name} was still ${waited.endpoint.EndpointStatus ?? ''} at the timeout`,
            });
        return deployEndpoint({ ...inputs, 'timeout-minutes': Math.max(0, timeoutMs - (Date.now() - started)) / 60_000 }, clients, logger, options);
    };
    if (current.endpoint && !endpoint_waiter_SETTLED.has(current.endpoint.status))
        return afterOtherChange(`is ${current.endpoint.status}`);
    // Rollback alarms must exist before we rely on them.
    const alarms = inputs['rollback-alarms'] ?? [];
    if (alarms.length > 0) {
        const found = await clients.cloudwatch.send(new client_cloudwatch_dist_cjs/* DescribeAlarmsCommand */.zWD({ AlarmNames: alarms }));
        const names = new Set([...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].map((a) => a.AlarmName));
        const missing = alarms.filter((a) => !names.has(a));
        if (missing.length > 0)
            throw (0,src/* inputConflict */.Jq)('rollback-alarms', missing.join(', '), 'must name existing CloudWatch alarms (not found in this account and region)');
    }
    if (plan.action === 'none') {
        logger.info(`${name} already serves ${plan.config.EndpointConfigName}: nothing to deploy`);
        return result('succeeded');
    }
    const tags = lineageTags({
        endpoint: name,
        imageUri: inputs['image-uri'],
        modelDataUrl: inputs['model-data-url'],
        mlflowModel: inputs['model-name'],
        mlflowVersion: inputs['model-version'],
        runId: inputs['run-id'],
    }, {
        ...(inputs.tags ?? {}),
        ...(plan.previousConfigName ? { [lineage_tags_TAG.previousConfig]: plan.previousConfigName } : {}),
        ...(plan.baselineVariant ? { [lineage_tags_TAG.baselineVariant]: plan.baselineVariant } : {}),
        ...(plan.candidateVariant ? { [lineage_tags_TAG.candidateVariant]: plan.candidateVariant } : {}),
    }, env);
    await createIfMissing(clients, plan, tags, logger);
    // An instance-type change on a scaled variant needs the scalable target out of the way first.
    const rescale = new Map();
    if (plan.action === 'update') {
        for (const v of plan.config.ProductionVariants) {
            const before = current.config?.variants.find((c) => c.VariantName === v.VariantName);
            const bounds = before && before.InstanceType !== v.InstanceType ? await scalableTarget(clients.autoscaling, name, v.VariantName) : undefined;
            if (bounds) {
                await deregister(clients.autoscaling, name, v.VariantName, logger);
                rescale.set(v.VariantName, bounds);
            }
        }
    }
    const endpointTags = [
        ...tags.filter((t) => t.Key !== lineage_tags_TAG.previousConfig),
        ...(plan.previousConfigName ? [{ Key: lineage_tags_TAG.previousConfig, Value: plan.previousConfigName }] : []),
    ];
    let endpointArn = current.endpoint?.arn ?? '';
    if (plan.action === 'create') {
        logger.info(`creating endpoint ${name} on ${plan.config.EndpointConfigName}`);
        endpointArn = (await clients.sagemaker.send(new client_sagemaker_dist_cjs/* CreateEndpointCommand */.fRi({ EndpointName: name, EndpointConfigName: plan.config.EndpointConfigName, Tags: endpointTags }))).EndpointArn;
    }
    else {
        logger.info(`updating endpoint ${name}: ${plan.previousConfigName ?? ''} → ${plan.config.EndpointConfigName} (${plan.strategy})`);
        try {
            await clients.sagemaker.send(new client_sagemaker_dist_cjs/* UpdateEndpointCommand */.sU7({
                EndpointName: name,
                EndpointConfigName: plan.config.EndpointConfigName,
                DeploymentConfig: plan.deploymentConfig,
            }));
        }
        catch (error) {
            if (!/in-progress endpoint/i.test(error instanceof Error ? error.message : ''))
                throw error;
            return afterOtherChange('started changing after we read it');
        }
        await clients.sagemaker.send(new client_sagemaker_dist_cjs/* AddTagsCommand */.yjM({ ResourceArn: endpointArn, Tags: endpointTags }));
        // A new deployment supersedes any earlier rollback marks (the rollback action's "nothing to undo" check reads them).
        await clients.sagemaker.send(new client_sagemaker_dist_cjs/* DeleteTagsCommand */.MVD({ ResourceArn: endpointArn, TagKeys: Object.values(rollback_tags_ROLLBACK_TAG) }));
    }
    const waited = await endpoint_waiter_waitForEndpoint(clients.sagemaker, name, {
        timeoutMs: Math.max(0, timeoutMs - (Date.now() - started)),
        pollMs,
        logger,
        sleep: options.sleep,
    });
    const final = waited.endpoint;
    const base = {
        endpointArn,
        servingConfig: final.EndpointConfigName ?? '',
        timeline: waited.timeline,
        failureReason: final.FailureReason,
    };
    if (waited.timedOut)
        return result('timed-out', base);
    if (final.EndpointStatus !== 'InService')
        return result('failed', base);
    if (final.EndpointConfigName !== plan.config.EndpointConfigName)
        // Back on the previous config: SageMaker rolled us back. On a third config: another deployment replaced ours.
        return result(plan.action === 'update' && final.EndpointConfigName !== plan.previousConfigName ? 'superseded' : 'rolled-back', base);
    // Scaling asked for now applies to every variant; otherwise a target deregistered for the instance change comes back
    // with the bounds it had.
    const min = inputs['autoscaling-min'];
    const max = inputs['autoscaling-max'];
    const targets = min !== undefined && max !== undefined ? plan.config.ProductionVariants.map((v) => [v.VariantName, { min, max }]) : [...rescale];
    for (const [variant, bounds] of targets) {
        await applyScaling(clients.autoscaling, name, variant, { ...bounds, targetInvocations: inputs['autoscaling-target-invocations'] }, logger);
    }
    let smoke;
    if (inputs['smoke-payload'] !== undefined) {
        try {
            const out = await clients.runtime.send(new client_sagemaker_runtime_dist_cjs/* InvokeEndpointCommand */.Pn({
                EndpointName: name,
                Body: Buffer.from(inputs['smoke-payload']),
                ContentType: inputs['smoke-content-type'],
            }));
            smoke = `${out.InvokedProductionVariant ?? ''} answered ${Buffer.from(out.Body ?? new Uint8Array())
                .toString('utf8')
                .slice(0, 200)}`;
            logger.info(`smoke test: ${smoke}`);
        }
        catch (error) {
            return result('smoke-failed', { ...base, smoke: explainAwsError(error) });
        }
    }
    const cleanup = await cleanupConfigs(clients.sagemaker, name, [plan.config.EndpointConfigName, plan.previousConfigName], inputs['keep-configs'], logger);
    return result('succeeded', { ...base, smoke, cleanup });
}
async function createIfMissing(clients, plan, tags, logger) {
    const exists = async (probe) => {
        try {
            await probe();
            return true;
        }
        catch (error) {
            if (aws_errors_isNotFound(error))
                return false;
            throw error;
        }
    };
    if (await exists(() => clients.sagemaker.send(new client_sagemaker_dist_cjs/* DescribeModelCommand */.utY({ ModelName: plan.model.ModelName }))))
        logger.info(`model ${plan.model.ModelName} exists: reused`);
    else {
        await clients.sagemaker.send(new client_sagemaker_dist_cjs/* CreateModelCommand */.TIE({ ...plan.model, Tags: tags.filter((t) => t.Key !== lineage_tags_TAG.previousConfig) }));
        logger.info(`created model ${plan.model.ModelName}`);
    }
    if (await exists(() => clients.sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointConfigCommand */.uoq({ EndpointConfigName: plan.config.EndpointConfigName }))))
        logger.info(`endpoint config ${plan.config.EndpointConfigName} exists: reused`);
    else {
        // The plan's variant shapes are the API's; instance types are validated by the input layer, not by the SDK's enum.
        await clients.sagemaker.send(new client_sagemaker_dist_cjs/* CreateEndpointConfigCommand */.dH8({ ...plan.config, Tags: tags }));
        logger.info(`created endpoint config ${plan.config.EndpointConfigName}`);
    }
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/deploy-summary.ts

const ICON = {
    succeeded: '✅',
    planned: '📝',
    'rolled-back': '↩️',
    superseded: '⏭️',
    failed: '❌',
    'timed-out': '⏱️',
    'smoke-failed': '❌',
};
function consoleUrl(region, endpoint) {
    return `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/endpoints/${endpoint}`;
}
/** The step summary: verdict first, then before/after, the traffic shift over time, lineage and cleanup. */
function deploySummary(result, region) {
    const { plan } = result;
    let md = (0,src/* heading */.R_)(`${ICON[result.status]} deploy-endpoint: ${plan.endpointName} — ${result.status}`);
    md += (0,src/* table */.tp)(['', ''], [
        ['Endpoint', `[${plan.endpointName}](${consoleUrl(region, plan.endpointName)})`],
        ['Action', `${plan.action} (${plan.strategy})`],
        ['Serving now', result.servingConfig ? (0,src/* code */.aY)(result.servingConfig) : '—'],
        ['New config', (0,src/* code */.aY)(plan.config.EndpointConfigName)],
        ['Previous config (rollback target)', plan.previousConfigName ? (0,src/* code */.aY)(plan.previousConfigName) : '—'],
        ['Model', (0,src/* code */.aY)(plan.model.ModelName)],
        ['Image', (0,src/* code */.aY)(plan.model.PrimaryContainer.Image)],
        ['Model data', plan.model.PrimaryContainer.ModelDataUrl ?? plan.model.PrimaryContainer.ModelDataSource?.S3DataSource.S3Uri ?? '—'],
        ['Duration', `${result.seconds.toFixed(1)} s`],
        ...(result.failureReason ? [['Failure reason', result.failureReason]] : []),
        ...(result.smoke ? [['Smoke test', result.smoke]] : []),
    ]);
    if (plan.diff.length > 0)
        md +=
            '\n' +
                (0,src/* heading */.R_)('Before → after', 3) +
                (0,src/* table */.tp)(['', 'before', 'after'], plan.diff.map((d) => [d.field, d.before, d.after]));
    if (result.timeline.length > 0) {
        md +=
            '\n' +
                (0,src/* heading */.R_)('Progress', 3) +
                (0,src/* table */.tp)(['elapsed', 'status', 'detail'], result.timeline.map((t) => [`${t.elapsedSeconds.toFixed(1)} s`, t.status, t.detail]));
        md += '\n```mermaid\ngantt\n  dateFormat X\n  axisFormat %S s\n';
        result.timeline.forEach((t, i) => {
            const end = result.timeline[i + 1]?.elapsedSeconds ?? Math.max(t.elapsedSeconds + 1, result.seconds);
            md += `  ${t.status.replace(/:/g, ' ')} : ${Math.floor(t.elapsedSeconds)}, ${Math.ceil(end)}\n`;
        });
        md += '```\n';
    }
    if (result.cleanup && result.cleanup.deletedConfigs.length > 0)
        md += `\nCleaned up ${result.cleanup.deletedConfigs.map(src/* code */.aY).join(', ')}; kept ${result.cleanup.kept.map(src/* code */.aY).join(', ')}.\n`;
    return md;
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/rollback-endpoint.ts






const snapshot = (d) => ({
    config: d.EndpointConfigName ?? '',
    status: d.EndpointStatus ?? '',
    variants: (d.ProductionVariants ?? []).map((v) => ({ name: v.VariantName ?? '', weight: v.CurrentWeight ?? 0 })),
});
async function tagsOf(sagemaker, arn) {
    return ((await sagemaker.send(new ListTagsCommand({ ResourceArn: arn }))).Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
}
async function configExists(sagemaker, name) {
    try {
        return { arn: (await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }))).EndpointConfigArn };
    }
    catch (error) {
        if (isNotFound(error))
            return undefined;
        throw error;
    }
}
async function existingConfigs(sagemaker, endpoint) {
    const out = await sagemaker.send(new ListEndpointConfigsCommand({ NameContains: endpoint, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 20 }));
    return (out.EndpointConfigs ?? []).map((c) => c.EndpointConfigName);
}
/**
 * Undoes the last change of an endpoint: A/B weights back to the baseline (seconds, no redeploy), or the endpoint back
 * to the config recorded as its predecessor, or — for a Failed endpoint, which accepts only DeleteEndpoint — delete and
 * recreate on that config. Repeating it is safe: with nothing to undo it says so and changes nothing.
 */
async function rollbackEndpoint(inputs, sagemaker, logger, sleep) {
    const started = Date.now();
    const name = inputs['endpoint-name'];
    const timeoutMs = inputs['timeout-minutes'] * 60_000;
    const wait = (timeout) => waitForEndpoint(sagemaker, name, { timeoutMs: timeout, pollMs: inputs['poll-seconds'] * 1000, logger, sleep });
    const remaining = () => Math.max(0, timeoutMs - (Date.now() - started));
    let current;
    try {
        current = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    }
    catch (error) {
        if (isNotFound(error))
            throw inputConflict('endpoint-name', name, 'no such endpoint in this account and region');
        throw error;
    }
    const timeline = [];
    if (!SETTLED.has(current.EndpointStatus ?? '')) {
        logger.info(`${name} is ${current.EndpointStatus ?? ''}: waiting for it to settle before rolling back`);
        const settled = await wait(remaining());
        timeline.push(...settled.timeline);
        if (settled.timedOut)
            throw new ActionFailure(`${name} was still ${settled.endpoint.EndpointStatus ?? ''} at the timeout; nothing was changed`, {
                'mode-used': 'none',
            });
        current = settled.endpoint;
    }
    const before = snapshot(current);
    const endpointTags = await tagsOf(sagemaker, current.EndpointArn);
    const currentConfig = await configExists(sagemaker, before.config);
    const configTags = currentConfig ? await tagsOf(sagemaker, currentConfig.arn) : [];
    const done = (mode, from, to, after, message, restoredVersion) => {
        logger.info(message);
        return { mode, from, to, before, after, message, timeline, restoredVersion, seconds: (Date.now() - started) / 1000 };
    };
    // Weights: an A/B endpoint whose candidate still takes traffic.
    const variants = before.variants;
    const baselineName = inputs['baseline-variant'] ?? tagValue(configTags, TAG.baselineVariant) ?? variants[0]?.name;
    const candidateName = inputs['candidate-variant'] ?? tagValue(configTags, TAG.candidateVariant) ?? variants.find((v) => v.name !== baselineName)?.name;
    const mode = inputs.mode;
    if (mode === 'weights' || (mode === 'auto' && variants.length > 1)) {
        if (variants.length < 2)
            throw inputConflict('mode', 'weights', `endpoint '${name}' serves a single variant (${variants[0]?.name ?? ''}); use mode config`);
        for (const [input, variant] of [
            ['baseline-variant', baselineName],
            ['candidate-variant', candidateName],
        ]) {
            if (!variant || !variants.some((v) => v.name === variant))
                throw inputConflict(input, variant ?? '', `must be a variant of '${name}' (it has ${variants.map((v) => v.name).join(', ')})`);
        }
        const candidate = variants.find((v) => v.name === candidateName);
        if (candidate.weight === 0)
            return done('none', candidateName, baselineName, before, `nothing to undo: ${candidateName} already has weight 0 on ${name}`);
        await sagemaker.send(new UpdateEndpointWeightsAndCapacitiesCommand({
            EndpointName: name,
            DesiredWeightsAndCapacities: [
                { VariantName: baselineName, DesiredWeight: 1 },
                { VariantName: candidateName, DesiredWeight: 0 },
            ],
        }));
        const after = await wait(remaining());
        timeline.push(...after.timeline);
        if (after.timedOut)
            throw new ActionFailure(`weights change of ${name} still ${after.endpoint.EndpointStatus ?? ''} at the timeout`, {
                'mode-used': 'weights',
            });
        return done('weights', candidateName, baselineName, snapshot(after.endpoint), `${name}: all traffic back on ${baselineName}; ${candidateName} at weight 0`);
    }
    // Config: back to an explicit config, or to the predecessor recorded by deploy-endpoint.
    const target = inputs['to-endpoint-config'] ?? tagValue(endpointTags, TAG.previousConfig) ?? tagValue(configTags, TAG.previousConfig);
    if (!target) {
        const have = await existingConfigs(sagemaker, name);
        throw new ActionFailure(`no previous config is recorded for '${name}' (it was not deployed by deploy-endpoint, or only once); configs that exist: ${have.join(', ') || 'none'}. Name one with to-endpoint-config.`, { 'mode-used': 'none' });
    }
    if (before.status === 'InService' && !inputs['to-endpoint-config'] && tagValue(endpointTags, ROLLBACK_TAG.to) === before.config)
        return done('none', before.config, before.config, before, `nothing to undo: ${name} was already rolled back to ${before.config} (from ${tagValue(endpointTags, ROLLBACK_TAG.from) ?? '?'}); to undo that rollback, run again with to-endpoint-config: ${tagValue(endpointTags, ROLLBACK_TAG.from) ?? '<config>'}`);
    if (target === before.config && before.status === 'InService')
        return done('none', target, target, before, `nothing to undo: ${name} already serves ${target}`);
    const targetConfig = await configExists(sagemaker, target);
    if (!targetConfig) {
        const have = await existingConfigs(sagemaker, name);
        throw new ActionFailure(`the config to return to, '${target}', no longer exists; configs that exist for '${name}': ${have.join(', ') || 'none'}. Name one with to-endpoint-config.`, { 'mode-used': 'none' });
    }
    const restoredVersion = tagValue(await tagsOf(sagemaker, targetConfig.arn), TAG.mlflowVersion);
    let used = 'config';
    // Failed accepts only DeleteEndpoint; UpdateRollbackFailed has no known-good fleet left to update: both are recreated.
    if (before.status === 'Failed' || before.status === 'UpdateRollbackFailed') {
        used = 'recreate';
        logger.info(`${name} is ${before.status} (${current.FailureReason ?? ''}): SageMaker only allows deleting it; deleting and recreating it on ${target}`);
        await sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
        for (;;) {
            try {
                await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
            }
            catch (error) {
                if (isNotFound(error))
                    break;
                throw error;
            }
            if (remaining() === 0)
                throw new ActionFailure(`${name} was still being deleted at the timeout`, { 'mode-used': used });
            await (sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(Math.min(1000, inputs['poll-seconds'] * 1000));
        }
        await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: target, Tags: endpointTags }));
    }
    else {
        await sagemaker.send(new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: target }));
    }
    const after = await wait(remaining());
    timeline.push(...after.timeline);
    if (after.timedOut)
        throw new ActionFailure(`${name} was still ${after.endpoint.EndpointStatus ?? ''} at the timeout (rolling back to ${target})`, {
            'mode-used': used,
        });
    if (after.endpoint.EndpointStatus !== 'InService' || after.endpoint.EndpointConfigName !== target)
        throw new ActionFailure(`rolling ${name} back to ${target} did not take: it is ${after.endpoint.EndpointStatus ?? ''} on ${after.endpoint.EndpointConfigName ?? ''} (${after.endpoint.FailureReason ?? 'no reason given'})`, {
            'mode-used': used,
        });
    await sagemaker.send(new AddTagsCommand({
        ResourceArn: after.endpoint.EndpointArn,
        Tags: [
            { Key: ROLLBACK_TAG.to, Value: target },
            { Key: ROLLBACK_TAG.from, Value: before.config },
            { Key: ROLLBACK_TAG.at, Value: new Date().toISOString() },
        ],
    }));
    return done(used, before.config, target, snapshot(after.endpoint), `${name}: back on ${target} (was ${before.config}, ${before.status})`, restoredVersion);
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/incident-report.ts

function buildIncident(endpoint, reason, result, registry, gate, env) {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    return {
        kind: 'rollback',
        endpoint,
        reason: reason ?? 'not given',
        mode: result.mode,
        rolledBackFrom: result.from,
        rolledBackTo: result.to,
        before: result.before,
        after: result.after,
        startedAt: new Date(Date.now() - result.seconds * 1000).toISOString(),
        seconds: result.seconds,
        registry,
        gate,
        workflowRun: GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID
            ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
            : undefined,
        actor: env.GITHUB_ACTOR,
    };
}
const serving = (s) => `${s.config} (${s.status}; ${s.variants.map((v) => `${v.name}=${v.weight}`).join(', ')})`;
/** The incident in the step summary: what was serving, what serves now, why, how long it took. */
function incidentSummary(incident) {
    const icon = incident.mode === 'none' ? 'ℹ️' : '↩️';
    let md = heading(`${icon} rollback: ${incident.endpoint} — ${incident.mode === 'none' ? 'nothing to undo' : `rolled back (${incident.mode})`}`);
    md += table(['', ''], [
        ['Reason', incident.reason],
        ['Was serving', serving(incident.before)],
        ['Serves now', serving(incident.after)],
        ['Rolled back from → to', `${code(incident.rolledBackFrom)} → ${code(incident.rolledBackTo)}`],
        ['Took', `${incident.seconds.toFixed(1)} s`],
        ...(incident.registry
            ? [
                [
                    'Registry',
                    `${incident.registry.model} ${incident.registry.target} → v${incident.registry.version} (was v${incident.registry.previousVersion ?? '—'})`,
                ],
            ]
            : []),
        ...(incident.workflowRun ? [['Run', incident.workflowRun]] : []),
    ]);
    if (incident.gate !== undefined)
        md += `\n<details><summary>Gate result</summary>\n\n\`\`\`json\n${JSON.stringify(incident.gate, null, 2)}\n\`\`\`\n</details>\n`;
    return md;
}

;// CONCATENATED MODULE: ./packages/sagemaker/src/deploy.ts
// The deployment engine (loads the AWS SDK clients): imported by actions only after their inputs are valid.











// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var client_ecr_dist_cjs = __webpack_require__(8249);
;// CONCATENATED MODULE: ./packages/promotion/src/image-retag.ts

function parseImage(uri) {
    const m = /^([^/]+)\/(.+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/.exec(uri);
    if (!m)
        throw new Error(`not an image reference: ${uri}`);
    return { registry: m[1], repository: m[2], tag: m[3], digest: m[4] };
}
/** The production tag: the staging tag with its suffix swapped (`abc-stg` → `abc-prod`), or `v<version><suffix>`. */
function productionTag(sourceTags, version, suffix) {
    const staged = sourceTags.find((t) => /-stg$|-staging$/.test(t));
    if (staged)
        return staged.replace(/-(stg|staging)$/, '') + suffix;
    return `v${version}${suffix}`;
}
/** Resolves the image staging runs to its digest in ECR (from the registry, never assumed) and names its production tag. */
async function resolveImage(ecr, image, version, suffix) {
    const ref = parseImage(image);
    const imageId = ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag ?? 'latest' };
    const got = await ecr.send(new client_ecr_dist_cjs/* BatchGetImageCommand */.P8n({ repositoryName: ref.repository, imageIds: [imageId] }));
    const found = got.images?.[0];
    if (!found?.imageManifest || !found.imageId?.imageDigest)
        throw new Error(`image ${image} is not in ECR (${got.failures?.[0]?.failureReason ?? 'not found'})`);
    const digest = found.imageId.imageDigest;
    const described = await ecr.send(new client_ecr_dist_cjs/* DescribeImagesCommand */.ji5({ repositoryName: ref.repository, imageIds: [{ imageDigest: digest }] }));
    const tags = described.imageDetails?.[0]?.imageTags ?? [];
    const tag = productionTag(tags, version, suffix);
    return {
        repository: ref.repository,
        digest,
        imageUriDigest: `${ref.registry}/${ref.repository}@${digest}`,
        productionTag: tag,
        alreadyTagged: tags.includes(tag),
        manifest: found.imageManifest,
        mediaType: found.imageManifestMediaType,
    };
}
/** Writes the digest's manifest under the production tag (PutImage: a real retag, no rebuild, no pull). */
async function tagForProduction(ecr, image) {
    if (image.alreadyTagged)
        return false;
    await ecr.send(new client_ecr_dist_cjs/* PutImageCommand */.SUU({
        repositoryName: image.repository,
        imageManifest: image.manifest,
        imageManifestMediaType: image.mediaType,
        imageTag: image.productionTag,
        imageDigest: image.digest,
    }));
    return true;
}

;// CONCATENATED MODULE: ./packages/promotion/src/registry-promotion.ts

const describeTarget = (t) => (t.kind === 'alias' ? `@${t.alias}` : t.stage);
/** The version the target points at now (what a rollback of the registry would restore), if any. */
async function currentHolder(mlflow, model, target) {
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
async function chooseVersion(mlflow, model, asked, serving, fromStage) {
    if (asked !== undefined && serving !== undefined && asked !== serving)
        throw (0,src/* inputConflict */.Jq)('version', asked, `must be the version the source endpoint serves (v${serving}): promote ships exactly what staging validated`);
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
    throw (0,src/* inputConflict */.Jq)('from-stage', fromStage, `has no version of '${model}'; stages in use: ${stages || 'none'}`);
}
/** Moves the stage (archiving the previous holder when asked) or the alias to `version`. */
async function moveRegistry(mlflow, model, version, target) {
    if (target.kind === 'alias')
        await mlflow.setAlias(model, target.alias, version);
    else
        await mlflow.transitionStage(model, version, target.stage, target.archiveExisting);
}

;// CONCATENATED MODULE: ./packages/promotion/src/source-release.ts



/** Reads the source endpoint's serving variant (the one with the most traffic), its model and its config's lineage tags. */
async function readSourceRelease(sagemaker, endpoint) {
    let described;
    try {
        described = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointCommand */.CX3({ EndpointName: endpoint }));
    }
    catch (error) {
        if (aws_errors_isNotFound(error))
            throw (0,src/* inputConflict */.Jq)('source-endpoint', endpoint, 'no such endpoint in this account and region');
        throw error;
    }
    if (described.EndpointStatus !== 'InService')
        throw (0,src/* inputConflict */.Jq)('source-endpoint', endpoint, `must be InService to promote what it serves (it is ${described.EndpointStatus ?? 'unknown'})`);
    const config = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeEndpointConfigCommand */.uoq({ EndpointConfigName: described.EndpointConfigName }));
    const weights = new Map((described.ProductionVariants ?? []).map((v) => [v.VariantName, v.CurrentWeight ?? 0]));
    const variants = [...(config.ProductionVariants ?? [])].sort((a, b) => (weights.get(b.VariantName) ?? 0) - (weights.get(a.VariantName) ?? 0));
    const variant = variants[0];
    const model = await sagemaker.send(new client_sagemaker_dist_cjs/* DescribeModelCommand */.utY({ ModelName: variant.ModelName }));
    const container = model.PrimaryContainer ?? model.Containers?.[0] ?? {};
    const tags = ((await sagemaker.send(new client_sagemaker_dist_cjs/* ListTagsCommand */.bvr({ ResourceArn: config.EndpointConfigArn }))).Tags ?? []).map((t) => ({
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
        mlflowModel: lineage_tags_tagValue(tags, lineage_tags_TAG.mlflowModel),
        mlflowVersion: lineage_tags_tagValue(tags, lineage_tags_TAG.mlflowVersion),
        runId: lineage_tags_tagValue(tags, lineage_tags_TAG.runId),
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
        throw new src/* ActionFailure */.dR(`source endpoint '${source.endpoint}' serves MLflow model '${source.mlflowModel}', not '${model}'`);
    const version = await chooseVersion(clients.mlflow, model, inputs.version, source.mlflowVersion, inputs['from-stage']);
    const previousVersion = await currentHolder(clients.mlflow, model, target);
    const image = await resolveImage(clients.ecr, source.image, version, inputs['image-tag-suffix']);
    logger.info(`promoting ${model} v${version} from ${source.endpoint} (${source.configName}) to ${inputs['target-endpoint']}: ${image.imageUriDigest}, ${source.modelDataUrl ?? 'no model data'}`);
    const deployInputs = (0,sagemaker_src/* readDeployInputs */.Jj)((name) => ({
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
    let md = (0,src/* heading */.R_)(`${ok ? '✅' : '❌'} promote: ${model} v${result.version} → ${result.deploy.plan.endpointName}`);
    md += (0,src/* table */.tp)(['', ''], [
        ['From', `${result.source.endpoint} (${(0,src/* code */.aY)(result.source.configName)})`],
        ['Image (by digest)', (0,src/* code */.aY)(result.image.imageUriDigest)],
        [
            'Production tag',
            `${(0,src/* code */.aY)(result.image.productionTag)}${result.retagged ? ' (added)' : result.registryMoved ? ' (already there)' : ' (not added: deployment did not succeed)'}`,
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
    let md = (0,src/* heading */.R_)(`Gate: ${g.verdict ?? 'unknown'}`, 3);
    if (Array.isArray(g.checks))
        md += (0,src/* table */.tp)(['check', 'status', 'value', 'threshold'], g.checks.map((c) => [c.id, c.status, c.value, c.threshold]));
    return md;
}

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








;// CONCATENATED MODULE: ./packages/promotion/src/promote-clients.ts




/** SageMaker, CloudWatch, Auto Scaling and runtime clients for the deployment, ECR for the retag, MLflow for the registry. */
function createPromoteClients(region, trackingUri, mask) {
    const mlflow = new MlflowClient(trackingSettings(trackingUri, process.env, mask));
    return { ...createDeployClients(region), ecr: new client_ecr_dist_cjs/* ECRClient */.S70(awsClientConfig(region)), mlflow };
}

;// CONCATENATED MODULE: ./packages/promotion/src/run.ts
// The promotion engine (loads the AWS SDK and MLflow clients): imported by the action only after its inputs are valid.







/***/ })

};
