export const id = 29;
export const ids = [29];
export const modules = {

/***/ 9029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cloudWatchClient: () => (/* binding */ cloudWatchClient),
  runGate: () => (/* binding */ runGate)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch/dist-cjs/index.js
var dist_cjs = __webpack_require__(4085);
// EXTERNAL MODULE: ./packages/aws/src/client-config.ts
var client_config = __webpack_require__(9161);
// EXTERNAL MODULE: ./packages/gate/src/cloudwatch-periods.ts
var cloudwatch_periods = __webpack_require__(2238);
// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 6 modules
var src = __webpack_require__(6308);
;// CONCATENATED MODULE: ./packages/gate/src/cloudwatch-plan.ts

const MAX_QUERIES = 500;
function metricStat(id, m, period, stat, returnData) {
    return {
        Id: id,
        MetricStat: {
            Metric: { Namespace: m.namespace, MetricName: m.metric, Dimensions: m.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })) },
            Period: period,
            Stat: stat,
            ...(m.unit ? { Unit: m.unit } : {}),
        },
        ReturnData: returnData,
    };
}
/** Renames the metric ids an expression refers to (not quoted text, not function names). */
function prefixExpression(expression, ids, prefix) {
    return expression.replace(/'[^']*'|"[^"]*"|\b[a-z][a-zA-Z0-9_]*\b(?!\s*\()/g, (tok) => (ids.has(tok) ? `${prefix}${tok}` : tok));
}
/**
 * The queries of one request: its statistic over the whole window as ONE period, the SampleCount(s) that decide
 * `min-samples`, and the same statistic at a chart period. Metric math repeats its inputs at both periods.
 */
function requestQueries(r, prefix) {
    const window = r.windowSeconds;
    const chart = (0,cloudwatch_periods/* chartPeriod */.gy)(r.windowSeconds, r.delaySeconds);
    const value = `${prefix}v`;
    const chartId = `${prefix}c`;
    if (r.spec.kind === 'metric') {
        const m = r.spec.metric;
        const queries = [metricStat(value, m, window, m.stat, true), metricStat(chartId, m, chart, m.stat, true)];
        const samples = m.stat === 'SampleCount' ? value : `${prefix}n`;
        if (m.stat !== 'SampleCount')
            queries.push(metricStat(samples, m, window, 'SampleCount', true));
        return { queries, ids: { key: r.key, value, samples: [samples], chart: chartId } };
    }
    const ids = new Set(Object.keys(r.spec.metrics));
    const queries = [];
    const samples = [];
    for (const [id, m] of Object.entries(r.spec.metrics)) {
        queries.push(metricStat(`${prefix}v_${id}`, m, window, m.stat, false), metricStat(`${prefix}c_${id}`, m, chart, m.stat, false));
        queries.push(metricStat(`${prefix}n_${id}`, m, window, 'SampleCount', true));
        samples.push(`${prefix}n_${id}`);
    }
    queries.push({ Id: value, Expression: prefixExpression(r.spec.expression, ids, `${prefix}v_`), ReturnData: true });
    queries.push({ Id: chartId, Expression: prefixExpression(r.spec.expression, ids, `${prefix}c_`), ReturnData: true });
    return { queries, ids: { key: r.key, value, samples, chart: chartId } };
}
/**
 * Packs every request of a run into as few GetMetricData requests as possible: one per distinct window (usually
 * one for the whole run), split only where a window has more than `maxQueries` queries. A request's queries stay
 * together (metric math needs its inputs in the same request). A request too large for any batch is returned apart.
 */
function planBatches(requests, nowMs, maxQueries = MAX_QUERIES) {
    const byWindow = new Map();
    const tooLarge = [];
    requests.forEach((r, i) => {
        const end = (0,cloudwatch_periods/* alignedEnd */.e4)(nowMs, r.windowSeconds, r.delaySeconds);
        const start = end - r.windowSeconds * 1000;
        const { queries, ids } = requestQueries(r, `q${i}`);
        if (queries.length > maxQueries) {
            tooLarge.push(r.key);
            return;
        }
        const key = `${start}/${end}`;
        const batches = byWindow.get(key) ?? [];
        byWindow.set(key, batches);
        let batch = batches.at(-1);
        if (!batch || batch.queries.length + queries.length > maxQueries) {
            batch = { start, end, queries: [], requests: [] };
            batches.push(batch);
        }
        batch.queries.push(...queries);
        batch.requests.push(ids);
    });
    return { batches: [...byWindow.values()].flat(), tooLarge };
}

;// CONCATENATED MODULE: ./packages/gate/src/cloudwatch-fetch.ts



/**
 * Answers every CloudWatch request of a run with as few GetMetricData calls as possible, following NextToken to
 * the end. Throttling and 5xx are retried with backoff by the SDK (adaptive retry mode, see `awsClientConfig`);
 * a call that still fails makes its requests `error`, and so does a result left PartialData after the last page.
 */
async function fetchCloudWatch(client, requests, nowMs, logger) {
    const { batches, tooLarge } = planBatches(requests, nowMs);
    const stats = { calls: 0, pages: 0, queries: 0, partialPages: 0, windows: [] };
    const observations = new Map();
    for (const key of tooLarge)
        observations.set(key, { samples: 0, series: [], error: 'its metric math needs more than 500 queries' });
    for (const b of batches) {
        stats.queries += b.queries.length;
        if (!stats.windows.some((w) => w.start === b.start && w.end === b.end))
            stats.windows.push({ start: b.start, end: b.end });
        let collected;
        try {
            collected = await runBatch(client, b, stats);
        }
        catch (error) {
            const message = `GetMetricData failed: ${errorName(error)}${(0,src/* errorMessage */.gJ)(error)}`;
            logger.warning(message);
            for (const r of b.requests)
                observations.set(r.key, { samples: 0, series: [], error: message });
            continue;
        }
        for (const r of b.requests)
            observations.set(r.key, observe(r, collected));
    }
    return { observations, stats };
}
const errorName = (error) => (error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '');
async function runBatch(client, b, stats) {
    const out = new Map();
    let token;
    do {
        const page = await client.send(new dist_cjs/* GetMetricDataCommand */.Soe({
            MetricDataQueries: b.queries,
            StartTime: new Date(b.start),
            EndTime: new Date(b.end),
            ScanBy: 'TimestampAscending',
            ...(token ? { NextToken: token } : {}),
        }));
        stats.calls++;
        if (token)
            stats.pages++;
        const results = page.MetricDataResults ?? [];
        if (results.some((r) => r.StatusCode === 'PartialData'))
            stats.partialPages++;
        for (const r of results) {
            const c = out.get(r.Id) ?? { timestamps: [], values: [], status: 'Complete', messages: [] };
            c.timestamps.push(...(r.Timestamps ?? []).map((t) => t.getTime()));
            c.values.push(...(r.Values ?? []));
            // The status of a result is the one of the last page it appears on.
            c.status = r.StatusCode ?? 'Complete';
            c.messages.push(...(r.Messages ?? []).map((m) => `${m.Code ?? ''}: ${m.Value ?? ''}`));
            out.set(r.Id, c);
        }
        token = page.NextToken;
    } while (token);
    return out;
}
function observe(r, collected) {
    const value = collected.get(r.value);
    const chart = collected.get(r.chart);
    const problems = [r.value, r.chart, ...r.samples]
        .map((id) => [id, collected.get(id)])
        .filter(([, c]) => c && c.status !== 'Complete');
    const series = chart ? chart.timestamps.map((t, i) => [t, chart.values[i]]).sort((a, b) => a[0] - b[0]) : [];
    if (problems.length > 0) {
        const [, c] = problems[0];
        const what = c.status === 'PartialData' ? 'PartialData after the last page: the value would be incomplete' : c.status;
        return {
            samples: 0,
            series,
            error: `CloudWatch answered ${what}${c.messages.length ? ` (${c.messages.join('; ')})` : ''}`,
            partial: c.status === 'PartialData',
        };
    }
    if (value && value.values.length > 1) {
        return { samples: 0, series, error: `CloudWatch answered ${value.values.length} datapoints for a one-period window` };
    }
    const counts = r.samples.map((id) => collected.get(id)?.values[0] ?? 0);
    const samples = counts.length > 0 ? Math.min(...counts) : 0;
    const v = value?.values[0];
    return { ...(v !== undefined ? { value: v } : {}), samples, series };
}

// EXTERNAL MODULE: ./packages/gate/src/evaluate.ts
var evaluate = __webpack_require__(5078);
;// CONCATENATED MODULE: ./packages/gate/src/prometheus-fetch.ts


const ATTEMPTS = 4;
/**
 * Answers a Prometheus check: `query_range` over the window (its points are the samples and the chart), and the
 * value either as a statistic over those points (`stat`) or as an instant `query` at the window's end. A query
 * must return one series: more is an error (aggregate it in PromQL), none is no data.
 */
async function fetchPrometheus(target, r, nowMs, counter) {
    const end = (0,cloudwatch_periods/* alignedEnd */.e4)(nowMs, r.windowSeconds, r.delaySeconds) / 1000;
    const start = end - r.windowSeconds;
    try {
        const range = await call(target, 'query_range', { query: r.spec.query, start: String(start), end: String(end), step: String(r.spec.stepSeconds) }, counter);
        const one = single(range, r.spec.query);
        const points = (one?.values ?? []).map(([t, v]) => [t * 1000, Number(v)]).filter(([, v]) => Number.isFinite(v));
        let value;
        if (r.spec.stat !== undefined)
            value = statOf(points.map(([, v]) => v), r.spec.stat);
        else {
            const instant = single(await call(target, 'query', { query: r.spec.query, time: String(end) }, counter), r.spec.query);
            const v = instant?.value ? Number(instant.value[1]) : NaN;
            value = Number.isFinite(v) ? v : undefined;
        }
        return { ...(value !== undefined ? { value } : {}), samples: points.length, series: points };
    }
    catch (error) {
        return { samples: 0, series: [], error: (0,src/* errorMessage */.gJ)(error) };
    }
}
function single(answer, query) {
    const result = answer.data?.result ?? [];
    if (result.length > 1)
        throw new Error(`Prometheus returned ${result.length} series for ${query}: aggregate it to one (e.g. avg(...))`);
    return result[0];
}
async function call(target, api, params, counter) {
    const doFetch = target.fetch ?? fetch;
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    if (target.token)
        headers.authorization = `Bearer ${target.token}`;
    let last = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        if (attempt > 1)
            await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 2) * (0.5 + Math.random())));
        counter.calls++;
        let res;
        try {
            res = await doFetch(`${target.url}/api/v1/${api}`, {
                method: 'POST',
                headers,
                body: new URLSearchParams(params),
                signal: AbortSignal.timeout(30_000),
            });
        }
        catch (error) {
            last = `Prometheus ${api} could not be reached: ${(0,src/* errorMessage */.gJ)(error)}`;
            continue;
        }
        const text = await res.text();
        // 429 and 5xx are worth another try; a bad query (400, 422) is not.
        if (res.status === 429 || res.status >= 500) {
            last = `Prometheus ${api} answered HTTP ${res.status}`;
            continue;
        }
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            throw new Error(`Prometheus ${api} answered HTTP ${res.status} with something that is not its API's JSON`);
        }
        if (body.status !== 'success')
            throw new Error(`Prometheus ${api} failed: ${body.errorType ?? ''} ${body.error ?? `HTTP ${res.status}`}`.trim());
        return body;
    }
    throw new Error(`${last} (after ${ATTEMPTS} attempts)`);
}
/** CloudWatch's statistics over plain values, so one gate reads the same whatever its source (nearest-rank percentiles). */
function statOf(values, stat) {
    if (values.length === 0)
        return undefined;
    const sum = values.reduce((a, b) => a + b, 0);
    switch (stat) {
        case 'Average':
            return sum / values.length;
        case 'Sum':
            return sum;
        case 'SampleCount':
            return values.length;
        case 'Minimum':
            return Math.min(...values);
        case 'Maximum':
            return Math.max(...values);
    }
    const p = Number(stat.slice(1));
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.max(Math.ceil((p / 100) * sorted.length - 1e-9), 1) - 1];
}

// EXTERNAL MODULE: ./packages/gate/src/waivers.ts
var waivers = __webpack_require__(9572);
;// CONCATENATED MODULE: ./packages/gate/src/run-gate.ts







/** The CloudWatch client a run uses: the suite's shared retry settings (adaptive backoff on throttling). */
const cloudWatchClient = (region) => new dist_cjs/* CloudWatchClient */.WBn((0,client_config/* awsClientConfig */.r)(region));
/** Queries every check of a gate, decides each, applies waivers and returns the report. Never throws for data. */
async function runGate(run, clients, logger) {
    const { gate, now } = run;
    const cwRequests = [];
    gate.checks.forEach((c, i) => {
        for (const [side, spec] of [
            ['t', c.target],
            ['b', c.baseline?.query],
        ]) {
            if (spec?.source === 'cloudwatch')
                cwRequests.push({ key: `${i}${side}`, spec, windowSeconds: c.windowSeconds, delaySeconds: c.delaySeconds });
        }
    });
    const observations = new Map();
    let cwStats = { calls: 0, pages: 0, queries: 0, partialPages: 0, windows: [] };
    if (cwRequests.length > 0) {
        if (!clients.cloudwatch)
            throw new Error('check-gate: a CloudWatch client is needed for cloudwatch checks');
        const fetched = await logger.group(`CloudWatch: ${cwRequests.length} metric requests`, () => fetchCloudWatch(clients.cloudwatch, cwRequests, now, logger));
        cwStats = fetched.stats;
        for (const [k, v] of fetched.observations)
            observations.set(k, v);
        logger.info(`GetMetricData: ${cwStats.calls} call(s) (${cwStats.pages} continuation pages) for ${cwStats.queries} queries`);
    }
    const prom = { calls: 0 };
    await Promise.all(gate.checks.flatMap((c, i) => ['t', 'b'].map(async (side) => {
        const spec = side === 't' ? c.target : c.baseline?.query;
        if (spec?.source !== 'prometheus')
            return;
        if (!clients.prometheus)
            throw new Error('check-gate: a Prometheus URL is needed for prometheus checks');
        const req = { key: `${i}${side}`, spec, windowSeconds: c.windowSeconds, delaySeconds: c.delaySeconds };
        observations.set(`${i}${side}`, await fetchPrometheus(clients.prometheus, req, now, prom));
    })));
    const waiverStates = new Map();
    const checks = gate.checks.map((c, i) => {
        const target = observations.get(`${i}t`) ?? { samples: 0, series: [], error: 'not queried' };
        const baseline = c.baseline ? (observations.get(`${i}b`) ?? { samples: 0, series: [], error: 'not queried' }) : undefined;
        const e = (0,evaluate/* evaluateCheck */.YI)(c, target, baseline);
        const { active, expired } = (0,waivers/* waiversFor */.xW)(run.waivers, c.id, run.scope, now);
        for (const w of expired)
            waiverStates.set(w, 'expired');
        let status = e.status;
        let reason = e.reason;
        if (active && (status === 'fail' || status === 'warn')) {
            waiverStates.set(active, 'used');
            status = 'waived';
            reason = `${reason} — waived by ${active.approver} until ${active.expires}: ${active.reason}`;
        }
        else if (active)
            waiverStates.set(active, 'unused');
        if (expired.length > 0 && (status === 'fail' || status === 'warn'))
            reason = `${reason} (waiver expired ${expired[0].expires})`;
        return report(c, e, status, reason, target, now, status === 'waived' ? active : undefined);
    });
    const verdict = (0,evaluate/* decideVerdict */.AU)(checks.map((c) => ({ id: c.id, status: c.status, missing: c.missing })), run.failOnWarn);
    return {
        version: 1,
        gate: gate.name,
        origin: gate.origin,
        ...(run.scope.endpoint ? { endpoint: run.scope.endpoint } : {}),
        ...(run.scope.variant ? { variant: run.scope.variant } : {}),
        ...(run.scope.modelVersion ? { modelVersion: run.scope.modelVersion } : {}),
        generatedAt: new Date(now).toISOString(),
        verdict: verdict.verdict,
        passed: verdict.passed,
        failOnWarn: run.failOnWarn,
        failedChecks: verdict.failed,
        warnedChecks: verdict.warned,
        waivedChecks: verdict.waived,
        checks,
        waivers: [...waiverStates].map(([w, state]) => ({
            check: w.check,
            endpoint: w.endpoint,
            ...(w.modelVersion ? { modelVersion: w.modelVersion } : {}),
            reason: w.reason,
            approver: w.approver,
            expires: w.expires,
            line: w.line,
            state,
        })),
        calls: {
            getMetricData: cwStats.calls,
            pages: cwStats.pages,
            partialDataPages: cwStats.partialPages,
            queries: cwStats.queries,
            prometheus: prom.calls,
        },
        windows: uniqueWindows(gate.checks, now),
    };
}
function report(c, e, status, reason, target, now, waiver) {
    const end = (0,cloudwatch_periods/* alignedEnd */.e4)(now, c.windowSeconds, c.delaySeconds);
    const charted = status === 'fail' || status === 'warn' || status === 'waived';
    return {
        id: c.id,
        ...(c.description ? { description: c.description } : {}),
        source: c.source,
        status,
        ...(e.value !== undefined ? { value: e.value } : {}),
        ...(e.baselineValue !== undefined ? { baselineValue: e.baselineValue } : {}),
        ...(c.baseline ? { baselineVariant: c.baseline.variant } : {}),
        ...(c.unit ? { unit: c.unit } : {}),
        samples: e.samples,
        minSamples: c.minSamples,
        threshold: e.threshold,
        op: c.op,
        ...(c.fail !== undefined ? { fail: c.fail } : {}),
        ...(c.warn !== undefined ? { warn: c.warn } : {}),
        missing: c.missing,
        window: { start: new Date(end - c.windowSeconds * 1000).toISOString(), end: new Date(end).toISOString(), seconds: c.windowSeconds },
        reason,
        ...(waiver ? { waivedBy: { approver: waiver.approver, reason: waiver.reason, expires: waiver.expires } } : {}),
        ...(charted && target.series.length > 0
            ? { series: target.series.map(([t, v]) => [new Date(t).toISOString(), v * c.scale]) }
            : {}),
    };
}
function uniqueWindows(checks, now) {
    const seen = new Map();
    for (const c of checks) {
        const end = (0,cloudwatch_periods/* alignedEnd */.e4)(now, c.windowSeconds, c.delaySeconds);
        const w = { start: new Date(end - c.windowSeconds * 1000).toISOString(), end: new Date(end).toISOString() };
        seen.set(`${w.start}/${w.end}`, w);
    }
    return [...seen.values()];
}


/***/ })

};
