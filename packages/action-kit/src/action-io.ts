/** Everything a package may say while it works: the same interface under GitHub, the CLI and tests. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Long output folds into a collapsible group on GitHub. */
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
}

/** What an action's edge needs from its runner. Only `github-io.ts` touches `@actions/core`. */
export interface ActionIO extends Logger {
  input(name: string): string | undefined;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
  /** Appends Markdown to the step summary. */
  summary(markdown: string): Promise<void>;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  setFailed(message: string): void;
}
