#!/usr/bin/env node
// Leadway's command line. Runs the TypeScript sources directly through tsx, so there is no
// separate build step to forget; see ARCHITECTURE.md ("Running TypeScript").
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv);
