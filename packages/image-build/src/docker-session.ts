import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@mlops-actions/action-kit';
import { DockerRunner, tail } from './docker-runner.js';

/** Names of what the main step leaves for the post step (GITHUB_STATE). */
export const STATE = {
  isPost: 'isPost',
  dockerConfig: 'docker-config',
  registry: 'registry',
  logout: 'logout',
} as const;

/**
 * A Docker client configuration of this job only, under RUNNER_TEMP: `docker login` writes the ECR password
 * there and nowhere else, and the post step deletes the directory. The user's own config is carried over
 * (other registries' logins, buildx builders, CLI plugins) without its `credsStore`, which would move the
 * password into a keychain the post step cannot see.
 */
export function createDockerConfig(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const dir = mkdtempSync(join(env.RUNNER_TEMP ?? tmpdir(), 'build-push-ecr-docker-'));
  const source = env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
  const config = join(source, 'config.json');
  let settings: Record<string, unknown> = {};
  if (existsSync(config)) {
    try {
      settings = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
    } catch {
      settings = {};
    }
  }
  delete settings.credsStore;
  writeFileSync(join(dir, 'config.json'), JSON.stringify(settings, null, 2), { mode: 0o600 });
  // buildx keeps its builders (setup-buildx-action's docker-container driver) and users keep plugins here.
  for (const name of ['buildx', 'cli-plugins', 'contexts']) {
    const from = join(source, name);
    if (!existsSync(from)) continue;
    try {
      symlinkSync(from, join(dir, name));
    } catch {
      cpSync(from, join(dir, name), { recursive: true });
    }
  }
  return dir;
}

export interface SavedSession {
  readonly dockerConfig: string;
  readonly registry: string;
  readonly logout: boolean;
}

/** The post step: log out of the registry and delete this job's Docker config, unless the user kept it. */
export async function closeDockerSession(session: SavedSession | undefined, logger: Logger, docker?: DockerRunner): Promise<string> {
  if (!session || session.dockerConfig === '') return 'nothing to clean up: the main step did not log in';
  if (!session.logout) return `kept the ECR login in ${session.dockerConfig} (logout: false)`;
  if (!existsSync(session.dockerConfig)) return `${session.dockerConfig} is already gone`;
  const runner = docker ?? new DockerRunner();
  runner.setEnv('DOCKER_CONFIG', session.dockerConfig);
  if (session.registry !== '') {
    // Removing the directory removes the credentials; logout also clears a credential helper the user configured.
    const out = await runner.run(['logout', session.registry]);
    if (out.code !== 0) logger.warning(`docker logout ${session.registry} failed (the config is removed anyway): ${tail(out, 3)}`);
  }
  rmSync(session.dockerConfig, { recursive: true, force: true });
  return `logged out of ${session.registry} and removed ${session.dockerConfig}`;
}
