import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, type ActionYml } from './support/repo.js';
import { actionlint, formatFinding } from './support/workflow-actionlint.js';
import { checkWorkflow, ourActionPath, repoActions, THIS_REPO } from './support/workflow-check.js';

const EXAMPLES = 'workflows-examples';
const workflows = readdirSync(join(REPO_ROOT, EXAMPLES))
  .filter((f) => f.endsWith('.yml'))
  .sort();
const read = (file: string): string => readFileSync(join(REPO_ROOT, EXAMPLES, file), 'utf8');

describe('example workflows', () => {
  it('are the three the README describes', () => {
    expect(workflows).toEqual(['cd_staging.yml', 'promote_prod.yml', 'rollback.yml']);
  });

  it('pass actionlint', async () => {
    const findings = await actionlint(workflows.map((f) => join(EXAMPLES, f)));
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it.each(workflows)('%s agrees with the action.yml files (uses, with, outputs)', (file) => {
    expect(checkWorkflow(read(file), file)).toEqual([]);
    expect(read(file)).toMatch(/steps\.[\w-]+\.outputs\.[\w-]+/); // there is something to check
  });

  it.each(workflows)('%s uses only actions of this repository at @v1 (besides well-known ones)', (file) => {
    const uses = [...read(file).matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)/gm)].map((m) => m[1]!);
    for (const ref of uses) {
      if (ourActionPath(ref) !== undefined) expect(ref).toMatch(/@v1$/);
      else
        expect(ref).toMatch(
          /^(actions\/(checkout|setup-python|upload-artifact|download-artifact)|aws-actions\/configure-aws-credentials)@v\d+$/,
        );
    }
  });

  it('exercise all six actions between them', () => {
    const used = new Set(
      workflows.flatMap((f) => [...read(f).matchAll(/uses:\s*(\S+)/g)].map((m) => ourActionPath(m[1]!)).filter((p) => p !== undefined)),
    );
    expect([...used].sort()).toEqual(
      ['build-push-ecr', 'check-gate', 'deploy-endpoint', 'export-mlflow-model', 'promote', 'rollback'].map((a) => `actions/${a}`),
    );
  });

  it('ask for OIDC only in the jobs that talk to AWS, and keep the workflow token read-only', () => {
    for (const file of workflows) {
      const wf = parse(read(file)) as {
        permissions: unknown;
        concurrency?: { 'cancel-in-progress'?: boolean };
        jobs: Record<string, { permissions?: Record<string, string>; steps: { uses?: string }[] }>;
      };
      expect({ file, permissions: wf.permissions }).toEqual({ file, permissions: { contents: 'read' } });
      expect({ file, cancel: wf.concurrency?.['cancel-in-progress'] }).toEqual({ file, cancel: false });
      for (const [name, job] of Object.entries(wf.jobs)) {
        const aws = job.steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') === true);
        expect({ file, job: name, idToken: job.permissions?.['id-token'] }).toEqual({
          file,
          job: name,
          idToken: aws ? 'write' : undefined,
        });
      }
    }
  });
});

describe('the workflow checker', () => {
  // An in-memory action and workflow, so the checker is shown to catch each kind of rot on its own.
  const deploy: ActionYml = {
    name: 'deploy',
    description: 'test',
    inputs: { 'endpoint-name': { required: true }, 'instance-type': { required: false, default: 'ml.m5.large' } },
    outputs: { 'endpoint-config-name': {} },
    runs: { using: 'node24', main: 'dist/index.js' },
  };
  const lookup = (path: string): ActionYml | undefined => (path === 'actions/deploy-endpoint' ? deploy : undefined);
  const workflow = (withBlock: string, env: string, extra = ''): string => `
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      tag: \${{ steps.tag.outputs.tag }}
    steps:
      - id: tag
        run: echo "tag=abc" >> "$GITHUB_OUTPUT"
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - id: deploy
        uses: ${THIS_REPO}/actions/deploy-endpoint@v1
        with:
${withBlock}
      - run: echo "$X"
        env:
          X: ${env}
${extra}`;
  const good = workflow(
    '          endpoint-name: e\n          instance-type: ${{ needs.build.outputs.tag }}',
    '${{ steps.deploy.outputs.endpoint-config-name }}',
  );

  it('accepts a consistent workflow', () => {
    expect(checkWorkflow(good, 'good.yml', lookup)).toEqual([]);
  });

  it('catches a misspelled input', () => {
    const bad = good.replace('instance-type:', 'instance-typ:');
    expect(checkWorkflow(bad, 'bad.yml', lookup)).toEqual([
      "bad.yml: job 'deploy', step 'deploy': 'instance-typ' is not an input of deploy-endpoint (inputs: endpoint-name, instance-type)",
    ]);
  });

  it('catches an unknown output of a step and of a job', () => {
    const bad = good
      .replace('steps.deploy.outputs.endpoint-config-name', 'steps.deploy.outputs.config-name')
      .replace('needs.build.outputs.tag', 'needs.build.outputs.image');
    expect(checkWorkflow(bad, 'bad.yml', lookup)).toEqual([
      "bad.yml: job 'deploy': needs.build.outputs.image: job 'build' declares no output 'image'",
      "bad.yml: job 'deploy': steps.deploy.outputs.config-name: deploy-endpoint has no output 'config-name' (outputs: endpoint-config-name)",
    ]);
  });

  it('catches a missing required input, an unknown action, a step id that does not exist and a run step that writes no output', () => {
    const bad = workflow(
      '          instance-type: ml.c5.large',
      '${{ steps.deplyo.outputs.endpoint-config-name }}',
      `      - uses: ${THIS_REPO}/actions/deploy-endpoints@v1\n      - id: tag\n        run: echo hi\n      - run: echo \${{ steps.tag.outputs.tag }}`,
    );
    expect(checkWorkflow(bad, 'bad.yml', lookup)).toEqual([
      "bad.yml: job 'deploy', step 'deploy': required input 'endpoint-name' of deploy-endpoint is not given",
      `bad.yml: job 'deploy', step #3: uses '${THIS_REPO}/actions/deploy-endpoints@v1', but this repository has no action at 'actions/deploy-endpoints'`,
      "bad.yml: job 'deploy': steps.deplyo.outputs.endpoint-config-name: no step with id 'deplyo' in this job",
      "bad.yml: job 'deploy': steps.tag.outputs.tag: the run step 'tag' does not write 'tag=' to $GITHUB_OUTPUT",
    ]);
  });

  it('catches a needs reference to a job that is not needed', () => {
    const bad = good.replace('needs: build', 'needs: []');
    expect(checkWorkflow(bad, 'bad.yml', lookup)).toEqual([
      "bad.yml: job 'deploy': needs.build.outputs.tag: 'build' is not in this job's needs",
    ]);
  });

  it('resolves actions of this repository on disk', () => {
    expect(repoActions('actions/deploy-endpoint')?.inputs?.['endpoint-name']?.required).toBe(true);
    expect(repoActions('actions/no-such-action')).toBeUndefined();
  });
});

describe('actionlint as the tests run it', () => {
  it('reports a broken workflow (so a clean run means something)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
    try {
      const file = join(dir, 'broken.yml');
      const broken = read('rollback.yml')
        .replace('aws-region:', 'aws-regio:')
        .replace('steps.rollback.outputs.mode-used', 'steps.rollbak.outputs.mode-used');
      writeFileSync(file, broken);
      const messages = (await actionlint([file])).map((f) => f.message).join('\n');
      expect(messages).toMatch(/input "aws-regio" is not defined in action "aws-actions\/configure-aws-credentials@v4"/);
      expect(messages).toMatch(/property "rollbak" is not defined/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('IAM policies in workflows-examples/iam', () => {
  const ACTIONS = ['build-push-ecr', 'export-mlflow-model', 'deploy-endpoint', 'check-gate', 'promote', 'rollback'];
  // Where the IAM action name is the API name, it must be a command of the SDK client: this catches typos.
  const SDK_CLIENTS: Record<string, string[]> = {
    sagemaker: ['client-sagemaker', 'client-sagemaker-runtime'],
    ecr: ['client-ecr'],
    cloudwatch: ['client-cloudwatch'],
    'application-autoscaling': ['client-application-auto-scaling'],
  };
  // Permissions that are not API names (or whose service has no client installed here).
  const PERMISSION_ONLY = new Set([
    'iam:PassRole',
    'iam:CreateServiceLinkedRole',
    's3:ListBucket',
    's3:ListBucketMultipartUploads',
    's3:ListMultipartUploadParts',
    's3:GetObject',
    's3:PutObject',
    's3:PutObjectTagging',
    's3:GetObjectTagging',
    's3:DeleteObject',
    's3:AbortMultipartUpload',
  ]);
  const commands = (service: string): Set<string> =>
    new Set(
      (SDK_CLIENTS[service] ?? []).flatMap((client) =>
        readdirSync(join(REPO_ROOT, 'node_modules', '@aws-sdk', client, 'dist-types', 'commands')).map((f) =>
          f.replace(/Command\.d\.ts$/, ''),
        ),
      ),
    );
  interface Statement {
    Sid: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
  }
  const policy = (name: string): { Version: string; Statement: Statement[] } =>
    JSON.parse(readFileSync(join(REPO_ROOT, EXAMPLES, 'iam', `${name}.json`), 'utf8'));
  const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

  it.each(ACTIONS)('%s.json allows only real, named actions (no wildcards)', (name) => {
    const doc = policy(name);
    expect(doc.Version).toBe('2012-10-17');
    const sids = doc.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const statement of doc.Statement) {
      expect({ sid: statement.Sid, effect: statement.Effect }).toEqual({ sid: statement.Sid, effect: 'Allow' });
      for (const action of actionsOf(statement)) {
        const [service, api] = action.split(':') as [string, string];
        const known = PERMISSION_ONLY.has(action) || commands(service).has(api);
        expect({ action, known }).toEqual({ action, known: true });
      }
    }
  });

  it('lets only the actions that create SageMaker models pass the execution role, and only to SageMaker', () => {
    for (const name of ACTIONS) {
      const passRole = policy(name).Statement.filter((s) => actionsOf(s).includes('iam:PassRole'));
      const creates = policy(name).Statement.some((s) => actionsOf(s).includes('sagemaker:CreateModel'));
      expect({ name, passRole: passRole.length }).toEqual({ name, passRole: creates ? 1 : 0 });
      for (const s of passRole) {
        expect(s.Resource).toMatch(/^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/);
        expect(s.Condition?.StringEquals?.['iam:PassedToService']).toBe('sagemaker.amazonaws.com');
      }
    }
  });
});
