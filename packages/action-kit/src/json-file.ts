import { readFileSync } from 'node:fs';
import { inputConflict } from './inputs.js';

/** Reads a JSON file named by an input (e.g. a check-gate report) before anything remote happens; a bad path is a bad input. */
export function readJsonInput(input: string, path: string | undefined): unknown {
  if (path === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw inputConflict(input, path, `must be a readable JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
}
