import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryIO } from '@mlops-actions/action-kit';
import { DockerRunner } from '../src/docker-runner.js';
import { closeDockerSession, createDockerConfig } from '../src/docker-session.js';

describe("the job's Docker config", () => {
  const root = mkdtempSync(join(tmpdir(), 'bpe-session-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("carries the user's config over without credsStore, links buildx builders, and is removed by the post step", async () => {
    const home = join(root, 'home');
    mkdirSync(join(home, '.docker', 'buildx'), { recursive: true });
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth: 'eDp5' } }, credsStore: 'pass' }));
    const dir = createDockerConfig({ HOME: home, RUNNER_TEMP: root });
    expect(dir.startsWith(join(root, 'build-push-ecr-docker-'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ auths: { 'ghcr.io': { auth: 'eDp5' } } });
    expect(lstatSync(join(dir, 'buildx')).isSymbolicLink()).toBe(true);

    const io = new MemoryIO();
    // `true` stands in for the docker client: logout needs no engine, and the directory goes either way.
    const said = await closeDockerSession(
      { dockerConfig: dir, registry: 'r.example', logout: true },
      io,
      new DockerRunner(process.env, 'true'),
    );
    expect(said).toBe(`logged out of r.example and removed ${dir}`);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(home, '.docker', 'buildx'))).toBe(true);
  });

  test('logout: false keeps it; no session means nothing to do', async () => {
    const dir = createDockerConfig({ HOME: join(root, 'nohome'), RUNNER_TEMP: root });
    const io = new MemoryIO();
    expect(await closeDockerSession({ dockerConfig: dir, registry: 'r', logout: false }, io)).toContain('kept the ECR login');
    expect(existsSync(dir)).toBe(true);
    expect(await closeDockerSession(undefined, io)).toContain('nothing to clean up');
  });

  test('the runner redacts secrets from every line and passes stdin', async () => {
    const runner = new DockerRunner(process.env, 'cat');
    runner.addSecret('hunter22');
    const lines: string[] = [];
    const out = await runner.run([], { stdin: 'pw=hunter22\nok\n', onLine: (l) => lines.push(l) });
    expect(out).toEqual({ code: 0, stdout: 'pw=***\nok', stderr: '' });
    expect(lines).toEqual(['pw=***', 'ok']);
  });
});
