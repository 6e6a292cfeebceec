import * as core from '@actions/core';
import type { ActionIO } from './action-io.js';

/** The GitHub runner: `INPUT_*` variables, `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, `GITHUB_STATE`, workflow commands. */
export class GitHubIO implements ActionIO {
  input(name: string): string | undefined {
    // Read the variable directly: core.getInput cannot tell "not given" from "given empty", and both mean "use the default" here.
    return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  }
  setOutput(name: string, value: string): void {
    core.setOutput(name, value);
  }
  setSecret(value: string): void {
    core.setSecret(value);
  }
  info(message: string): void {
    core.info(message);
  }
  warning(message: string): void {
    core.warning(message);
  }
  error(message: string): void {
    core.error(message);
  }
  group<T>(title: string, work: () => Promise<T>): Promise<T> {
    return core.group(title, work);
  }
  async summary(markdown: string): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) return;
    await core.summary.addRaw(markdown, true).write();
  }
  saveState(name: string, value: string): void {
    core.saveState(name, value);
  }
  getState(name: string): string {
    return core.getState(name);
  }
  /** One annotation per line, so each bad input shows as its own error. */
  setFailed(message: string): void {
    for (const line of message.split('\n')) core.error(line);
    process.exitCode = 1;
  }
}
