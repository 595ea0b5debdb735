#!/usr/bin/env node
// Leadway's command line. Runs the compiled JavaScript in dist/ (`npm ci` builds it through
// `prepare`; `npm start` rebuilds it when src/ changed); see ARCHITECTURE.md ("Compiled
// JavaScript"). Kept small, as everything here is paid at every start: no `import` of Node.js
// built-ins (an ES import of one runs all its lazy getters), the version check loads fs only to
// explain a failure.
import { checkNode } from './node-check.mjs';

await checkNode();
// V8's code cache for the compiled modules (in the system's temp folder): later starts skip parsing.
process.getBuiltinModule('node:module').enableCompileCache?.();
const main = new URL('../dist/cli/main.js', import.meta.url);
let runCli;
try {
  ({ runCli } = await import(main.href));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  process.stderr.write(
    'leadway: the compiled program (dist/cli/main.js) is missing. Run `npm run build` (`npm ci` does it for you).\n',
  );
  process.exit(1);
}
process.exitCode = await runCli(process.argv);
