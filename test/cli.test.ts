import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeEndpointCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { startWorld, type World } from '@mlops-actions/testbed';
import { ACTIONS } from '../src/action-registry.js';
import { CLI_OPTIONS, parseActionArgs } from '../src/cli-args.js';
import { actionHelp, readContract } from '../src/cli-help.js';
import { CliIO, formatOutputs, redirectProcessOutput } from '../src/cli-io.js';
import { runCliProcess } from './support/cli-run.js';
import { putInvocations, putModelMetrics } from './support/gate-world.js';
import { REPO_ROOT } from './support/repo.js';
import { runBundle } from './support/run-bundle.js';

const deploySchema = ACTIONS['deploy-endpoint']!.schema;

describe('command line parsing (pure)', () => {
  it('takes --name value, --name=value, a boolean flag alone, and joins a repeated input with newlines', () => {
    const cmd = parseActionArgs('deploy-endpoint', deploySchema, [
      '--endpoint-name',
      'bikeshare-staging',
      '--poll-seconds=0.2',
      '--dry-run',
      '--tags',
      'team=ml',
      '--tags',
      'env=stg',
      '--json',
    ]);
    expect(cmd).toEqual({
      kind: 'run',
      inputs: { 'endpoint-name': 'bikeshare-staging', 'poll-seconds': '0.2', 'dry-run': 'true', tags: 'team=ml\nenv=stg' },
      json: true,
      summaryFile: undefined,
    });
    expect(parseActionArgs('deploy-endpoint', deploySchema, ['--dry-run', 'false', '--summary-file', 's.md'])).toEqual({
      kind: 'run',
      inputs: { 'dry-run': 'false' },
      json: false,
      summaryFile: 's.md',
    });
  });

  it('names the one problem of a bad command line, listing the valid inputs for an unknown flag', () => {
    const unknown = parseActionArgs('deploy-endpoint', deploySchema, ['--endpoint-nme', 'x']);
    expect(unknown.kind).toBe('usage-error');
    const message = unknown.kind === 'usage-error' ? unknown.message : '';
    expect(message).not.toContain('\n');
    expect(message).toMatch(
      /^mlops-actions deploy-endpoint: unknown option --endpoint-nme \(did you mean --endpoint-name\?\); valid inputs: /,
    );
    for (const name of Object.keys(deploySchema)) expect(message).toContain(`--${name}`);
    expect(parseActionArgs('deploy-endpoint', deploySchema, ['--endpoint-name'])).toMatchObject({
      message: expect.stringContaining('needs a value'),
    });
    expect(parseActionArgs('deploy-endpoint', deploySchema, ['bikeshare'])).toMatchObject({
      message: expect.stringContaining("unexpected argument 'bikeshare'"),
    });
  });

  it("no action has an input named like one of the CLI's own options", () => {
    for (const entry of Object.values(ACTIONS)) for (const option of CLI_OPTIONS) expect(Object.keys(entry.schema)).not.toContain(option);
  });

  it("every action's help lists each input and output of its action.yml", () => {
    for (const [name, entry] of Object.entries(ACTIONS)) {
      const contract = readContract(entry.dir);
      const help = actionHelp(name, contract, entry.schema);
      for (const input of Object.keys(contract.inputs)) expect(help).toContain(`--${input} `);
      for (const output of Object.keys(contract.outputs)) expect(help).toMatch(new RegExp(`^  ${output} `, 'm'));
    }
  });

  it('writes multi-line outputs as $GITHUB_OUTPUT does', () => {
    expect(formatOutputs({ status: 'succeeded', plan: '{\n}' }, false)).toBe('status=succeeded\nplan<<EOF\n{\n}\nEOF\n');
  });
});

describe('masking what the process prints (in-process)', () => {
  it('masks a registered secret in log lines and in anything written to stdout/stderr, even split across writes', () => {
    const printed: string[] = [];
    const io = new CliIO({}, (t) => printed.push(t));
    io.setSecret('hunter2-token');
    const restore = redirectProcessOutput(
      (t) => io.mask(t),
      (t) => printed.push(t),
    );
    try {
      io.info('using hunter2-token');
      process.stdout.write('child said hunt');
      process.stderr.write('er2-token twice\n');
    } finally {
      restore();
    }
    expect(printed.join('')).toBe('using ***\nchild said *** twice\n');
  });
});

describe('mlops-actions (the bin, against the local world)', () => {
  let world: World;
  const region = (): string => world.env.AWS_REGION!;
  const image = (): string => `${world.env.WORLD_ACCOUNT_ID!}.dkr.ecr.${region()}.amazonaws.com/bikeshare@sha256:${'ab'.repeat(32)}`;
  const role = (): string => `arn:aws:iam::${world.env.WORLD_ACCOUNT_ID!}:role/sagemaker-execution`;

  beforeAll(async () => {
    world = await startWorld({ s3: false, registry: false, mlflow: false });
    const res = await fetch(`${world.adminUrl}/sagemaker/delays`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ createMs: 300, updateMs: 300 }),
    });
    expect(res.ok).toBe(true);
  }, 60_000);
  afterAll(async () => world?.stop());

  it('--help lists every action with its description', async () => {
    const run = await runCliProcess(['--help']);
    expect(run.code).toBe(0);
    for (const [name, entry] of Object.entries(ACTIONS)) {
      const firstWords = readContract(entry.dir).description.split(' ').slice(0, 4).join(' ');
      expect(run.stdout).toMatch(new RegExp(`^  ${name} +${firstWords.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    }
  });

  it('deploy-endpoint --help lists its inputs with required flags and defaults, and its outputs', async () => {
    const run = await runCliProcess(['deploy-endpoint', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--endpoint-name <value>  (required)');
    expect(run.stdout).toContain('--timeout-minutes <value>  (default: 60)');
    expect(run.stdout).toContain('--dry-run [true|false]  (default: false)');
    expect(run.stdout).toMatch(/^ {2}status +succeeded, rolled-back/m);
  });

  it('a bad input fails with exit 1 and the same line as the bundle, before any AWS call', async () => {
    const inputs = { 'endpoint-name': 'Bike_Share', 'image-uri': image(), 'role-arn': role() };
    await fetch(`${world.adminUrl}/requests`, { method: 'DELETE' });
    const cli = await runCliProcess(['deploy-endpoint', ...Object.entries(inputs).flatMap(([k, v]) => [`--${k}`, v])], world.env);
    const bundle = await runBundle('actions/deploy-endpoint', inputs, world.env);

    expect(cli.code).toBe(1);
    const bundleLines = bundle.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error::'))
      .map((l) => l.slice('::error::'.length));
    expect(bundleLines).toEqual([
      expect.stringMatching(/^deploy-endpoint: input 'endpoint-name' = "Bike_Share": must match \^\[a-zA-Z0-9\]/),
    ]);
    expect(cli.stderr.split('\n').filter((l) => l.startsWith('error: '))).toEqual(bundleLines.map((l) => `error: ${l}`));
    expect(cli.stdout).toBe('');
    expect(await (await fetch(`${world.adminUrl}/requests`)).json()).toEqual([]);
  });

  it('an unknown flag is a usage error: exit 2, one line, nothing run', async () => {
    const run = await runCliProcess(['deploy-endpoint', '--endpoint-name', 'x', '--instance-typ', 'ml.m5.large'], world.env);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringContaining('unknown option --instance-typ (did you mean --instance-type?)'),
    ]);
    expect(run.stdout).toBe('');
  });

  it('an unknown action is a usage error', async () => {
    const run = await runCliProcess(['deploy'], world.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown action 'deploy'; actions: build-push-ecr, export-mlflow-model, deploy-endpoint");
  });

  it('deploy-endpoint creates an endpoint: status=succeeded on stdout, the summary on stderr', async () => {
    const run = await runCliProcess(
      ['deploy-endpoint', '--endpoint-name', 'bikeshare-cli', '--image-uri', image(), '--role-arn', role(), '--poll-seconds', '0.2'],
      world.env,
    );
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toContain('status=succeeded');
    expect(run.stdout.split('\n')).toContain('endpoint-name=bikeshare-cli');
    expect(run.stderr).toMatch(/── step summary ──\n[\s\S]*bikeshare-cli[\s\S]*\n──\n/);

    const sagemaker = new SageMakerClient({
      region: region(),
      endpoint: world.env.AWS_ENDPOINT_URL_SAGEMAKER!,
      credentials: { accessKeyId: world.env.AWS_ACCESS_KEY_ID!, secretAccessKey: world.env.AWS_SECRET_ACCESS_KEY! },
    });
    const described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: 'bikeshare-cli' }));
    expect(described.EndpointStatus).toBe('InService');
  });

  it('--json prints the outputs as one JSON object; --summary-file takes the summary', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'cli-json-'));
    try {
      const args = ['deploy-endpoint', '--endpoint-name', 'bikeshare-cli-json', '--image-uri', image(), '--role-arn', role()];
      const run = await runCliProcess([...args, '--poll-seconds=0.2', '--json', '--summary-file', 'summary.md'], world.env, workspace);
      expect(run.code).toBe(0);
      const outputs = JSON.parse(run.stdout) as Record<string, string>;
      expect(outputs).toMatchObject({ status: 'succeeded', 'endpoint-name': 'bikeshare-cli-json' });
      expect(run.stderr).not.toContain('── step summary ──');
      expect(readFileSync(join(workspace, 'summary.md'), 'utf8')).toContain('bikeshare-cli-json');
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('check-gate passes the reference gate on CloudWatch data: outputs on stdout, the verdict table on stderr', async () => {
    await putModelMetrics(world, 'bikeshare-cli-gate', 'nyc');
    putInvocations(world, 'bikeshare-cli-gate', 'AllTraffic', 120, () => 80);
    const workspace = mkdtempSync(join(tmpdir(), 'cli-gate-'));
    try {
      mkdirSync(join(workspace, 'gates'));
      writeFileSync(join(workspace, 'gates/admission.yml'), readFileSync(join(REPO_ROOT, 'workflows-examples/gates/admission.yml')));
      const args = ['check-gate', '--gate', 'gates/admission.yml', '--endpoint-name', 'bikeshare-cli-gate', '--vars', 'city=nyc'];
      const run = await runCliProcess(args, world.env, workspace);
      expect(run.stderr).not.toMatch(/^error:/m);
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')).toEqual(expect.arrayContaining(['passed=true', `report=${join(workspace, 'gate-report.json')}`]));
      expect(run.stderr).toMatch(/── step summary ──\n[\s\S]*\|[\s\S]*\n──\n/);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  describe('secrets', () => {
    let server: Server;
    const seen: string[] = [];
    beforeAll(async () => {
      // An MLflow that echoes the credentials it got in its error message: the action repeats the server's
      // message, so without masking the token would reach the terminal.
      server = createServer((req, res) => {
        seen.push(req.headers.authorization ?? '');
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: `rejected credentials ${req.headers.authorization ?? ''}` }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

    it('MLFLOW_TRACKING_TOKEN never appears in what export-mlflow-model prints, even when the server echoes it', async () => {
      const token = 'tok-SECRET-3f9a1c';
      const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = await runCliProcess(
        [
          'export-mlflow-model',
          '--model-uri',
          'models:/bikeshare_risk/Staging',
          '--s3-prefix',
          's3://models/bikeshare/',
          '--tracking-uri',
          uri,
        ],
        { ...world.env, MLFLOW_TRACKING_TOKEN: token },
      );
      expect(seen).toContain(`Bearer ${token}`);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('rejected credentials Bearer ***');
      expect(run.stdout + run.stderr).not.toContain(token);
    });
  });
});
