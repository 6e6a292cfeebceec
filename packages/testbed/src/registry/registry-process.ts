import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BINARY = process.env.WORLD_DOCKER_REGISTRY ?? '/usr/bin/docker-registry';

/** Debian's OCI registry (docker/distribution 2.8), running on loopback with its storage in a temp dir. */
export interface RegistryProcess {
  /** `http://127.0.0.1:PORT` of the registry itself (no auth). */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The filesystem driver's root directory (`<dir>/docker/registry/v2/...`). */
  readonly storageDir: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function registryConfig(storageDir: string, port: number): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${storageDir}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '  headers:',
    '    X-Content-Type-Options: [nosniff]',
    '',
  ].join('\n');
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts `/usr/bin/docker-registry serve <config>`; resolves once `/v2/` answers. */
export async function startRegistryProcess(options: { binary?: string; startTimeoutMs?: number } = {}): Promise<RegistryProcess> {
  const binary = options.binary ?? REGISTRY_BINARY;
  if (!existsSync(binary)) throw new Error(`OCI registry binary ${binary} not found: install the Debian package docker-registry`);
  const dir = mkdtempSync(join(tmpdir(), 'world-registry-'));
  const storageDir = join(dir, 'storage');
  const configFile = join(dir, 'config.yml');
  const logFile = join(dir, 'registry.log');
  const deadline = Date.now() + (options.startTimeoutMs ?? 15000);
  let attempt = 0;
  for (;;) {
    attempt += 1;
    const port = await freePort();
    writeFileSync(configFile, registryConfig(storageDir, port));
    const log = openSync(logFile, 'a');
    const child = spawn(binary, ['serve', configFile], { stdio: ['ignore', log, log], detached: false });
    closeSync(log);
    child.unref();
    const url = `http://127.0.0.1:${port}`;
    while (!exited(child) && Date.now() < deadline && !(await answers(url))) await new Promise((r) => setTimeout(r, 50));
    if (!exited(child) && (await answers(url))) {
      const pid = child.pid!;
      let stopped = false;
      return {
        url,
        port,
        pid,
        storageDir,
        logFile,
        async stop(): Promise<void> {
          if (stopped) return;
          stopped = true;
          await stopChild(child, pid);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (!exited(child)) await stopChild(child, child.pid!);
    // A port taken between freePort() and the registry's bind: try another one.
    if (Date.now() >= deadline || attempt >= 3) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`docker-registry did not start on 127.0.0.1:${port}: ${tail}`);
    }
  }
}

/** SIGTERM by PID, then SIGKILL if it has not exited after a few seconds. */
export async function stopChild(child: ChildProcess, pid: number, graceMs = 5000): Promise<void> {
  if (exited(child)) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, graceMs);
  await done;
  clearTimeout(timer);
}
