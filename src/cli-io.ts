import { randomBytes } from 'node:crypto';
import { MemoryIO } from '@mlops-actions/action-kit';

type Write = (text: string) => void;

/** The real terminal streams, taken before anything is redirected: stdout carries outputs only. */
export interface Terminal {
  readonly stdout: Write;
  readonly stderr: Write;
}

export function processTerminal(): Terminal {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  return { stdout: (t) => void out(t), stderr: (t) => void err(t) };
}

/**
 * MemoryIO that streams each log line (masked with the secrets registered so far) to the terminal as it happens,
 * and reports a failure one `error:` line per problem, as the bundle writes one annotation per line.
 */
export class CliIO extends MemoryIO {
  constructor(inputs: Readonly<Record<string, string>>, echo: Write) {
    super(inputs, (line) => echo(`${line}\n`));
  }
  override setFailed(message: string): void {
    this.failure = this.mask(message);
    for (const line of message.split('\n')) this.error(line);
  }
}

/**
 * While an action runs, everything the process would print (console, child processes run through
 * @actions/exec, libraries) goes to stderr, masked, so stdout stays parseable and no secret escapes.
 * Text is masked per whole line, so a secret split across two writes is still caught. Returns `restore`.
 */
export function redirectProcessOutput(mask: (text: string) => string, sink: Write): () => void {
  const streams = [process.stdout, process.stderr];
  // The unbound originals are put back as they were (stream.write is called with the stream as `this`).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const originals = streams.map((s) => s.write);
  let pending = '';
  const flush = (all: boolean): void => {
    const cut = all ? pending.length : pending.lastIndexOf('\n') + 1;
    if (cut === 0) return;
    sink(mask(pending.slice(0, cut)));
    pending = pending.slice(cut);
  };
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      flush(false);
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
  return () => {
    flush(true);
    streams.forEach((s, i) => (s.write = originals[i]!));
  };
}

/**
 * Outputs as `$GITHUB_OUTPUT` holds them: `name=value`, or `name<<DELIMITER ... DELIMITER` for a value with
 * newlines, so `mlops-actions ... >> "$GITHUB_OUTPUT"` works in a workflow and a shell can read single-line ones.
 */
export function formatOutputs(outputs: Readonly<Record<string, string>>, json: boolean): string {
  if (json) return JSON.stringify(outputs, null, 2) + '\n';
  return Object.entries(outputs)
    .map(([name, value]) => {
      if (!value.includes('\n')) return `${name}=${value}\n`;
      let delimiter = 'EOF';
      while (value.split('\n').includes(delimiter)) delimiter = `EOF_${randomBytes(4).toString('hex')}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}
