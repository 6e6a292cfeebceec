import { spawn } from 'node:child_process';

/** What one docker client call returned; output is already redacted. */
export interface DockerResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface DockerCall {
  /** Written to stdin and closed: the only way a secret reaches docker (`login --password-stdin`). */
  readonly stdin?: string;
  /** Each output line (stdout and stderr), redacted, as it arrives: build logs stream into a log group. */
  readonly onLine?: (line: string) => void;
  /** Variables on top of the runner's environment for this call only (e.g. DOCKER_BUILDKIT). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The one place that starts the docker client. Arguments never carry secrets (they show in `ps` and in error
 * messages); every line that comes back is passed through `redact` before anyone sees it.
 */
export class DockerRunner {
  private readonly secrets: string[] = [];
  private baseEnv: Record<string, string | undefined>;

  constructor(
    env: Readonly<Record<string, string | undefined>> = process.env,
    readonly cli: string = 'docker',
  ) {
    this.baseEnv = { ...env };
  }

  /** Registers a secret: removed from every later output line and error. */
  addSecret(secret: string): void {
    if (secret.length >= 4 && !this.secrets.includes(secret)) this.secrets.push(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  /** The environment of every call: the DOCKER_CONFIG of this session is set here once. */
  setEnv(name: string, value: string): void {
    this.baseEnv[name] = value;
  }

  env(name: string): string | undefined {
    return this.baseEnv[name];
  }

  run(args: readonly string[], call: DockerCall = {}): Promise<DockerResult> {
    return new Promise((resolvePromise) => {
      const child = spawn(this.cli, args, { env: { ...this.baseEnv, ...call.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: string[] = [];
      const err: string[] = [];
      const lines = (sink: string[]) => {
        let partial = '';
        return {
          push: (chunk: Buffer): void => {
            const text = partial + chunk.toString('utf8');
            const parts = text.split(/\r?\n/);
            partial = parts.pop() ?? '';
            for (const line of parts) this.line(line, sink, call);
          },
          end: (): void => {
            if (partial !== '') this.line(partial, sink, call);
            partial = '';
          },
        };
      };
      const o = lines(out);
      const e = lines(err);
      child.stdout.on('data', o.push);
      child.stderr.on('data', e.push);
      child.stdin.on('error', () => undefined); // docker may exit before reading stdin
      child.stdin.end(call.stdin ?? '');
      let spawnError: string | undefined;
      child.on('error', (error) => (spawnError = `cannot run ${this.cli}: ${error.message}`));
      child.on('close', (code) => {
        o.end();
        e.end();
        if (spawnError !== undefined) err.push(spawnError);
        resolvePromise({ code: code ?? 1, stdout: out.join('\n'), stderr: err.join('\n') });
      });
    });
  }

  private line(raw: string, sink: string[], call: DockerCall): void {
    const line = this.redact(raw);
    sink.push(line);
    call.onLine?.(line);
  }
}

/** The last meaningful lines of a failed call, for an error message. */
export function tail(result: DockerResult, lines = 12): string {
  return (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-lines).join('\n');
}
