import type { ActionIO } from './action-io.js';

/** An in-memory runner: for tests, and for the CLI, which prints what it collected. */
export class MemoryIO implements ActionIO {
  readonly outputs: Record<string, string> = {};
  readonly logs: string[] = [];
  readonly secrets: string[] = [];
  readonly state: Record<string, string> = {};
  summaryMarkdown = '';
  failure: string | undefined;

  constructor(
    private readonly inputs: Readonly<Record<string, string>> = {},
    private readonly echo: ((line: string) => void) | undefined = undefined,
  ) {}

  private log(line: string): void {
    const masked = this.mask(line);
    this.logs.push(masked);
    this.echo?.(masked);
  }

  mask(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  input(name: string): string | undefined {
    return this.inputs[name];
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = this.mask(value);
  }
  setSecret(value: string): void {
    if (value !== '') this.secrets.push(value);
  }
  info(message: string): void {
    this.log(message);
  }
  warning(message: string): void {
    this.log(`warning: ${message}`);
  }
  error(message: string): void {
    this.log(`error: ${message}`);
  }
  async group<T>(title: string, work: () => Promise<T>): Promise<T> {
    this.log(`▸ ${title}`);
    return work();
  }
  summary(markdown: string): Promise<void> {
    this.summaryMarkdown += this.mask(markdown);
    return Promise.resolve();
  }
  saveState(name: string, value: string): void {
    this.state[name] = value;
  }
  getState(name: string): string {
    return this.state[name] ?? '';
  }
  setFailed(message: string): void {
    this.failure = this.mask(message);
    this.log(`error: ${message}`);
  }
}
