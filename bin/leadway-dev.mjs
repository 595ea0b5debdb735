#!/usr/bin/env node
// The `leadway` command straight from the TypeScript sources, through tsx: for `npm run dev` and
// the tests that start the CLI as its own process, so they never run a stale build. People run
// bin/leadway.mjs, which runs the compiled JavaScript.
import { register } from 'tsx/esm/api';
import { checkNode } from './node-check.mjs';

await checkNode();
register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv);
