#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (the same code the bundles are built from), so tsx is
// registered first; the sources are loaded only after that.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
