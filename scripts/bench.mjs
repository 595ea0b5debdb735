#!/usr/bin/env node
// `npm run bench`: the benchmarks in turn, CLI start-up then API pages, each given the same
// arguments (`npm run bench -- --write` records both in docs/benchmarks.md). One alone:
// `npm run bench:cli`, `npm run bench:api`; the git miner needs a repository: `npm run bench:git`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
// --help: the API bench's usage (the one with options worth reading), without running anything.
const help = process.argv.includes('--help') || process.argv.includes('-h');
for (const file of help ? ['bench/api.bench.ts'] : ['bench/cli-start.bench.ts', 'bench/api.bench.ts']) {
  const result = spawnSync(process.execPath, [tsx, file, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
