import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A Docker engine the tests may use: reused (never stopped) or started here (stopped by `stop`). */
export interface DockerEngine {
  readonly available: true;
  /** `unix:///...` to put in `DOCKER_HOST`, or undefined for the client's default socket. */
  readonly dockerHost: string | undefined;
  readonly started: boolean;
  /** The docker client binary that answered. */
  readonly dockerCli: string;
  /** Environment for docker client calls (`DOCKER_HOST` set when needed). */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Stops only what was started here: dockerd by PID (SIGTERM, wait for exit), then its temp dirs. */
  stop(): Promise<void>;
}

export interface NoDockerEngine {
  readonly available: false;
  readonly reason: string;
}

export interface DockerEngineOptions {
  /** Do not start a dockerd, only reuse one (default: start when root and dockerd is installed). */
  readonly reuseOnly?: boolean;
  /** Ignore `DOCKER_HOST` and `/var/run/docker.sock` (always start one's own). */
  readonly noReuse?: boolean;
  readonly dockerCli?: string;
  readonly dockerd?: string;
  readonly startTimeoutMs?: number;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** `docker version` against `host`: true when the engine answers. */
export function dockerAnswers(dockerCli: string, host: string | undefined, timeoutMs = 5000): Promise<boolean> {
  const env = { ...process.env };
  if (host === undefined) delete env.DOCKER_HOST;
  else env.DOCKER_HOST = host;
  return new Promise((resolve) => {
    execFile(dockerCli, ['version', '--format', '{{.Server.Version}}'], { env, timeout: timeoutMs }, (error, stdout) => {
      resolve(!error && stdout.trim() !== '');
    });
  });
}

function engine(dockerCli: string, dockerHost: string | undefined, started: boolean, stop: () => Promise<void>): DockerEngine {
  return {
    available: true,
    dockerHost,
    started,
    dockerCli,
    env(extra = {}) {
      const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
      if (dockerHost === undefined) delete env.DOCKER_HOST;
      else env.DOCKER_HOST = dockerHost;
      return env;
    },
    stop,
  };
}

/**
 * Finds a Docker engine: reuses one that answers (`DOCKER_HOST`, then `/var/run/docker.sock`); else, as root with
 * `dockerd` installed, starts a private one (vfs storage, no iptables, no bridge, everything in temp dirs).
 * Never throws for a missing engine: returns `{ available: false, reason }`.
 */
export async function findDockerEngine(options: DockerEngineOptions = {}): Promise<DockerEngine | NoDockerEngine> {
  const wanted = options.dockerCli ?? process.env.WORLD_DOCKER_CLI;
  const dockerCli =
    wanted === undefined
      ? (onPath('docker') ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : undefined))
      : wanted.includes('/')
        ? existsSync(wanted)
          ? wanted
          : undefined
        : onPath(wanted);
  if (!dockerCli) return { available: false, reason: `no docker client ${wanted ?? 'on PATH'}: install the Debian package docker.io` };
  const noop = async (): Promise<void> => {};
  if (!options.noReuse) {
    const fromEnv = process.env.DOCKER_HOST;
    if (fromEnv && (await dockerAnswers(dockerCli, fromEnv))) return engine(dockerCli, fromEnv, false, noop);
    if (existsSync('/var/run/docker.sock') && (await dockerAnswers(dockerCli, 'unix:///var/run/docker.sock'))) {
      return engine(dockerCli, 'unix:///var/run/docker.sock', false, noop);
    }
  }
  if (options.reuseOnly)
    return { available: false, reason: 'no Docker engine answers (DOCKER_HOST, /var/run/docker.sock) and starting one was not allowed' };
  const dockerd = options.dockerd ?? onPath('dockerd') ?? (existsSync('/usr/sbin/dockerd') ? '/usr/sbin/dockerd' : undefined);
  if (!dockerd || !existsSync(dockerd))
    return {
      available: false,
      reason: `no Docker engine answers and dockerd is not installed${dockerd ? ` at ${dockerd}` : ''} (Debian package docker.io)`,
    };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { available: false, reason: 'no Docker engine answers and starting dockerd needs root' };
  }
  return await startDockerd(dockerCli, dockerd, options.startTimeoutMs ?? 30000);
}

async function startDockerd(dockerCli: string, dockerd: string, timeoutMs: number): Promise<DockerEngine | NoDockerEngine> {
  // Unix socket paths are limited to ~108 bytes: keep both roots directly under /tmp.
  const dataDir = mkdtempSync('/tmp/wdk-');
  const execRoot = mkdtempSync('/tmp/wdx-');
  const socket = join(dataDir, 'd.sock');
  const host = `unix://${socket}`;
  const logFile = join(dataDir, 'dockerd.log');
  const log = openSync(logFile, 'a');
  const args = [
    '--storage-driver=vfs',
    '--iptables=false',
    '--ip6tables=false',
    '--bridge=none',
    '--data-root',
    join(dataDir, 'data'),
    '--exec-root',
    execRoot,
    '--pidfile',
    join(dataDir, 'dockerd.pid'),
    '-H',
    host,
  ];
  const child = spawn(dockerd, args, { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  let gone = false;
  void exit.then(() => (gone = true));
  const removeDirs = (): void => {
    rmSync(execRoot, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  const stop = async (): Promise<void> => {
    if (pid !== undefined && !gone) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 15000);
      await exit;
      clearTimeout(timer);
    }
    removeDirs();
  };
  const deadline = Date.now() + timeoutMs;
  while (!gone && Date.now() < deadline) {
    if (await dockerAnswers(dockerCli, host, 2000)) return engine(dockerCli, host, true, stop);
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-1500) : '';
  await stop();
  return { available: false, reason: `dockerd did not answer within ${timeoutMs} ms${gone ? ' (it exited)' : ''}: ${tail}` };
}
