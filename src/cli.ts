import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAction, type ActionMain } from '@mlops-actions/action-kit';
import { ACTIONS, type ActionEntry } from './action-registry.js';
import { parseActionArgs } from './cli-args.js';
import { REPO_ROOT, actionHelp, readContract, rootHelp, type ActionContract } from './cli-help.js';
import { CliIO, formatOutputs, processTerminal, redirectProcessOutput, type Terminal } from './cli-io.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * `mlops-actions <action> --<input> <value> ...`: runs an action's own `main` (the code its bundle runs)
 * through `runAction`, so inputs are validated and failures are reported exactly as on GitHub.
 * Returns the exit code: 0 success, 1 the action failed, 2 the command line was wrong.
 */
export async function runCli(argv: readonly string[], term: Terminal = processTerminal()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const text = rootHelp(Object.fromEntries(Object.entries(ACTIONS).map(([n, e]) => [n, readContract(e.dir)])));
    if (first === undefined) return (term.stderr(text), EXIT.usage);
    return (term.stdout(text), EXIT.ok);
  }
  const entry = ACTIONS[first];
  if (entry === undefined) {
    term.stderr(`mlops-actions: unknown action '${first}'; actions: ${Object.keys(ACTIONS).join(', ')} (see mlops-actions --help)\n`);
    return EXIT.usage;
  }
  const contract = readContract(entry.dir);
  const command = parseActionArgs(first, entry.schema, rest);
  if (command.kind === 'help') return (term.stdout(actionHelp(first, contract, entry.schema)), EXIT.ok);
  if (command.kind === 'usage-error') return (term.stderr(`${command.message}\n`), EXIT.usage);

  const io = new CliIO(command.inputs, term.stderr);
  const restore = redirectProcessOutput((text) => io.mask(text), term.stderr);
  let ok: boolean;
  try {
    ok = await runAction(first, async (actionIo) => (await entry.load())(actionIo), io);
    // GitHub runs `post` at the end of the job whatever happened (post-if: always()); here that is now.
    if (contract.runs.post) ok = (await runAction(`${first} (post)`, loadPost(entry, contract), io)) && ok;
  } finally {
    restore();
  }

  if (io.summaryMarkdown !== '') {
    if (command.summaryFile !== undefined) {
      writeFileSync(command.summaryFile, io.summaryMarkdown);
      term.stderr(`step summary written to ${command.summaryFile}\n`);
    } else term.stderr(`\n── step summary ──\n${io.summaryMarkdown.trimEnd()}\n──\n`);
  }
  term.stdout(formatOutputs(io.outputs, command.json));
  return ok ? EXIT.ok : EXIT.failed;
}

/** An action with a post step keeps it in `src/post.ts` (its bundle's entry branches on the post phase). */
function loadPost(entry: ActionEntry, contract: ActionContract): ActionMain {
  return async (io) => {
    const url = pathToFileURL(join(REPO_ROOT, entry.dir, 'src', 'post.ts')).href;
    const module = (await import(url)) as { post?: ActionMain };
    if (module.post === undefined)
      throw new Error(`${entry.dir}/src/post.ts exports no post() though action.yml runs.post is ${contract.runs.post ?? ''}`);
    return module.post(io);
  };
}
