// The scenario: production serves v1; a push to main ships v2 to staging (cd_staging.yml); the admission gate passes
// and v2 is promoted with a canary (promote_prod.yml); then an A/B candidate v3 misbehaves in production, its gate
// fails, and the rollback action puts the traffic back (rollback.yml). Every action step runs its committed bundle.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { seedModelVersion, stageOf, type SeededVersion } from './demo-model.js';
import type { StepRecorder } from './demo-steps.js';
import type { DemoWorld } from './demo-world.js';
import type { BundleResult } from './step-runner.js';
import { REPO_ROOT } from './step-runner.js';

const MODEL = 'bikeshare_risk';
const STAGING = 'bikeshare-staging';
const PROD = 'bikeshare-prod';
const REPOSITORY = 'mlflow-pyfunc';
const SMOKE = '{"dataframe_split": {"columns": ["hour", "temp", "station_id"], "data": [[8, 12.5, 72]]}}';
// Short waits: the world's delays are scaled down, and the demo must finish in well under 3 minutes.
const FAST = { 'poll-seconds': '0.2', 'timeout-minutes': '2' };

const expectOutputs =
  (want: Record<string, string | RegExp>) =>
  (run: BundleResult): string[] =>
    Object.entries(want).flatMap(([name, value]) => {
      const got = run.outputs[name] ?? '';
      const ok = typeof value === 'string' ? got === value : value.test(got);
      return ok ? [] : [`output ${name} = ${JSON.stringify(got)}, expected ${String(value)}`];
    });

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const mdTable = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export interface FlowContext {
  readonly dw: DemoWorld;
  readonly rec: StepRecorder;
  readonly workspace: string;
  readonly sha: string;
}

export async function runFlow({ dw, rec, workspace, sha }: FlowContext): Promise<void> {
  const env = dw.env;
  const account = env.WORLD_ACCOUNT_ID!;
  const bucket = `bikeshare-models-${account}`;
  const role = `arn:aws:iam::${account}:role/sagemaker-execution`;
  const s3Prefix = `s3://${bucket}/sagemaker/models/`;
  const versions: SeededVersion[] = [];
  let baselineImage = '';

  await rec.task('setup', 'Seed MLflow with bikeshare_risk v1 (Production), v2 (Staging), v3 (candidate)', async () => {
    for (const [seed, stage] of [
      [1, 'Production'],
      [2, 'Staging'],
      [3, 'None'],
    ] as const)
      versions.push(await seedModelVersion(env.MLFLOW_TRACKING_URI!, MODEL, seed, stage));
    return {
      summary: `### MLflow registry seeded\n\n${mdTable(
        ['version', 'stage', 'run', 'files', 'model.pkl sha256'],
        versions.map((v) => [v.version, v.stage, `\`${v.runId}\``, v.files.join(', '), `\`${v.weightsSha256.slice(0, 16)}…\``]),
      )}`,
    };
  });

  await rec.task('setup', 'Bucket, build context, production alarms, and the image production runs today', async () => {
    await dw.createBucket(bucket);
    mkdirSync(join(workspace, 'serving'), { recursive: true });
    writeFileSync(join(workspace, 'serving', 'model-server.txt'), `bikeshare model server built from ${sha}\n`);
    writeFileSync(join(workspace, 'serving', 'Dockerfile'), 'FROM scratch\nCOPY model-server.txt /opt/ml/model-server.txt\n');
    const alarms = await dw.putAlarms(PROD);
    baselineImage = await dw.pushPrebuiltImage(REPOSITORY, 'previous-release-stg');
    const summary = mdTable(
      ['what', 'value'],
      [
        ['model bucket', `\`s3://${bucket}\``],
        ['build context', '`serving/` (`FROM scratch`, one file)'],
        ['rollback alarms', alarms.map((a) => `\`${a}\``).join(', ')],
        ['image production serves today', `\`${baselineImage}\``],
      ],
    );
    return { summary: `### World prepared\n\n${summary}`, outputs: { 'rollback-alarms': alarms.join('\n') } };
  });

  // Production as it was before this push: v1, deployed earlier by the same actions.
  const v1 = await rec.action({
    phase: 'setup',
    title: 'Production as it was: export v1',
    action: 'export-mlflow-model',
    inputs: { 'model-uri': `models:/${MODEL}/Production`, 's3-prefix': s3Prefix },
    check: expectOutputs({ 'model-version': '1' }),
  });
  await rec.action({
    phase: 'setup',
    title: `Production as it was: deploy v1 to ${PROD}`,
    action: 'deploy-endpoint',
    inputs: {
      'endpoint-name': PROD,
      'image-uri': baselineImage,
      'model-data-url': v1.outputs['model-data-url'] ?? '',
      'role-arn': role,
      'model-name': MODEL,
      'model-version': '1',
      'run-id': v1.outputs['run-id'] ?? '',
      ...FAST,
    },
    check: expectOutputs({ status: 'succeeded' }),
  });

  // cd_staging.yml
  let imageUri = '';
  if (dw.world.docker) {
    const built = await rec.action({
      phase: 'cd_staging',
      title: `Build and push the image (${sha.slice(0, 7)}-stg)`,
      action: 'build-push-ecr',
      inputs: { repository: REPOSITORY, tags: `${sha}-stg`, context: 'serving', 'scan-severity-threshold': 'CRITICAL' },
      post: true,
      check: expectOutputs({ 'image-uri-digest': /@sha256:[0-9a-f]{64}$/ }),
    });
    imageUri = built.outputs['image-uri-digest'] ?? '';
  } else {
    await rec.task('cd_staging', `Push a prebuilt image (${sha.slice(0, 7)}-stg): no Docker engine`, async () => {
      imageUri = await dw.pushPrebuiltImage(REPOSITORY, `${sha}-stg`);
      return { summary: `No Docker engine: pushed a prebuilt image over the registry API instead of building.\n\n\`${imageUri}\`` };
    });
  }
  const staged = await rec.action({
    phase: 'cd_staging',
    title: `Export models:/${MODEL}/Staging to S3`,
    action: 'export-mlflow-model',
    inputs: { 'model-uri': `models:/${MODEL}/Staging`, 's3-prefix': s3Prefix },
    check: expectOutputs({ 'model-version': '2', 'model-data-url': /^s3:\/\/.+model\.tar\.gz$/ }),
  });
  await rec.action({
    phase: 'cd_staging',
    title: `Deploy ${STAGING}`,
    action: 'deploy-endpoint',
    inputs: {
      'endpoint-name': STAGING,
      'image-uri': imageUri,
      'model-data-url': staged.outputs['model-data-url'] ?? '',
      'role-arn': role,
      'instance-type': 'ml.m5.large',
      'model-name': staged.outputs['model-name'] ?? '',
      'model-version': staged.outputs['model-version'] ?? '',
      'run-id': staged.outputs['run-id'] ?? '',
      'smoke-payload': SMOKE,
      ...FAST,
    },
    check: expectOutputs({ status: 'succeeded' }),
  });

  // promote_prod.yml
  await rec.task('promote_prod', `A day of staging: traffic on ${STAGING} and the model's own metrics`, async () => {
    await dw.admin('sagemaker-runtime/response', { endpoint: STAGING, latencyMs: 40 });
    const traffic = await dw.invoke(STAGING, 120, 10);
    const metrics = await dw.putModelMetrics(STAGING, 'nyc');
    const summary = mdTable(
      ['what', 'how many'],
      [
        ['InvokeEndpoint through the SDK runtime client (answered / errors)', `${traffic.ok} / ${traffic.errors}`],
        ['Bikeshare/Model data points over 24 h (PR-AUC-24h, F1-24h, PSI, PredictionHeartbeat)', String(metrics)],
      ],
    );
    return {
      summary: `### Staging traffic and metrics\n\n${summary}`,
      problems: traffic.errors > 0 ? [`${traffic.errors} staging invocations failed`] : [],
    };
  });
  // The job's checkout: the gate files at the paths the workflows name.
  const gatePath = 'workflows-examples/gates/admission.yml';
  const candidateGatePath = 'demo/candidate-gate.yml';
  for (const path of [gatePath, candidateGatePath]) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), readFileSync(join(REPO_ROOT, path)));
  }
  const gate = await rec.action({
    phase: 'promote_prod',
    title: `Admission gate on ${STAGING} (city=nyc)`,
    action: 'check-gate',
    inputs: { gate: gatePath, 'endpoint-name': STAGING, vars: 'city=nyc', 'report-path': 'gate-report.json' },
    check: expectOutputs({ verdict: 'pass', passed: 'true' }),
  });
  const alarms = rec.steps.find((s) => s.outputs['rollback-alarms'])?.outputs['rollback-alarms'] ?? '';
  await rec.action({
    phase: 'promote_prod',
    title: `Promote v2 to ${PROD} with a canary`,
    action: 'promote',
    inputs: {
      'model-name': MODEL,
      'source-endpoint': STAGING,
      'target-endpoint': PROD,
      'instance-type': 'ml.m5.large',
      strategy: 'canary',
      'canary-percent': '10',
      'wait-interval-seconds': '20', // 2 s at the world's time scale
      'rollback-alarms': alarms,
      'gate-report': gate.outputs.report ?? '',
      ...FAST,
    },
    check: expectOutputs({ version: '2', 'previous-version': '1', 'image-uri-digest': imageUri }),
  });

  // The incident: an A/B candidate in production that answers 5xx, caught by its gate, undone by rollback.
  const candidate = await rec.action({
    phase: 'incident',
    title: 'Export candidate v3',
    action: 'export-mlflow-model',
    inputs: { 'model-uri': `models:/${MODEL}/3`, 's3-prefix': s3Prefix },
    check: expectOutputs({ 'model-version': '3' }),
  });
  await rec.action({
    phase: 'incident',
    title: `A/B: candidate v3 beside v2 on ${PROD} (20 % of traffic)`,
    action: 'deploy-endpoint',
    inputs: {
      'endpoint-name': PROD,
      'image-uri': imageUri,
      'model-data-url': candidate.outputs['model-data-url'] ?? '',
      'role-arn': role,
      strategy: 'ab',
      'candidate-weight': '20',
      'model-name': MODEL,
      'model-version': '3',
      'run-id': candidate.outputs['run-id'] ?? '',
      'smoke-payload': SMOKE,
      ...FAST,
    },
    check: expectOutputs({ status: 'succeeded', 'variant-names': 'AllTraffic,Candidate' }),
  });
  await rec.task('incident', `Induced failure: the candidate answers 5xx on live ${PROD} traffic`, async () => {
    await dw.admin('sagemaker-runtime/response', {
      endpoint: PROD,
      variant: 'Candidate',
      status: 500,
      body: 'KeyError: station_id 72 unseen in training',
    });
    const traffic = await dw.invoke(PROD, 150, 10);
    const rows = Object.entries(traffic.byVariant).map(([v, n]) => [v, String(n)]);
    const summary = mdTable(['variant', 'answered'], [...rows, ['(errors: ModelError 5xx)', String(traffic.errors)]]);
    return {
      summary: `### Production traffic with a broken candidate\n\n${summary}`,
      problems: traffic.errors === 0 ? ['the candidate took no traffic: nothing for its gate to catch'] : [],
    };
  });
  const candidateGate = await rec.action({
    phase: 'incident',
    title: 'Gate on the candidate live traffic',
    action: 'check-gate',
    expected: 'failure',
    inputs: {
      gate: candidateGatePath,
      'endpoint-name': PROD,
      'variant-name': 'Candidate',
      'model-version': '3',
      'report-path': 'candidate-gate-report.json',
    },
    check: expectOutputs({ verdict: 'fail', 'failed-checks': /candidate-5xx/ }),
  });
  await rec.action({
    phase: 'incident',
    title: `Roll ${PROD} back`,
    action: 'rollback',
    inputs: {
      'endpoint-name': PROD,
      reason: `candidate v3 failed its live-traffic gate (${candidateGate.outputs['failed-checks'] ?? '?'}); demo run`,
      'gate-report': candidateGate.outputs.report ?? '',
      'incident-path': 'incident.json',
      ...FAST,
    },
    check: expectOutputs({ 'mode-used': 'weights', 'rolled-back-to': 'AllTraffic', 'rolled-back-from': 'Candidate' }),
  });

  await rec.task('verify', 'What serves now, and what the registry says', async () => {
    const weights = await dw.weights(PROD);
    const after = await dw.invoke(PROD, 40, 0);
    const stages = await Promise.all(['1', '2', '3'].map((v) => stageOf(env.MLFLOW_TRACKING_URI!, MODEL, v)));
    const checks: [string, string, boolean][] = [
      [`${PROD} weights`, JSON.stringify(weights), weights.AllTraffic === 1 && weights.Candidate === 0],
      [`${PROD} traffic after the rollback (answered / errors)`, `${after.ok} / ${after.errors}`, after.errors === 0],
      ['MLflow v1 / v2 / v3 stages', stages.join(' / '), stages.join() === 'Archived,Production,None'],
    ];
    return {
      summary: `### Final state\n\n${mdTable(
        ['check', 'found', ''],
        checks.map(([what, found, ok]) => [what, `\`${found}\``, ok ? '✅' : '❌']),
      )}`,
      problems: checks.filter(([, , ok]) => !ok).map(([what, found]) => `${what}: ${found}`),
    };
  });
}
