export const id = 851;
export const ids = [851];
export const modules = {

/***/ 9851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createDeployClients: () => (/* reexport */ createDeployClients),
  deployEndpoint: () => (/* reexport */ deployEndpoint),
  deploySummary: () => (/* reexport */ deploySummary),
  explainAwsError: () => (/* reexport */ explainAwsError)
});

// UNUSED EXPORTS: MANAGED_BY, ROLLBACK_TAG, SETTLED, TAG, buildIncident, consoleUrl, deploymentConfig, describeProgress, incidentSummary, isExpiredCredentials, isNotFound, lineageTags, planDeployment, readCurrentState, rollbackEndpoint, tagValue, waitForEndpoint

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

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 6 modules
var src = __webpack_require__(6308);
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












/***/ })

};
