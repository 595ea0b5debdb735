/**
 * CLI start-up against `node -e 0`, measured in the same run.
 *
 *   npm run bench:cli -- [--runs 11] [--write]     (also the first part of `npm run bench`)
 *
 * Times whole processes, started the way a person's shell starts them (`node bin/leadway.mjs …`
 * with the Node.js that npm scripts run): `node -e 0` (the baseline: what any Node program pays),
 * `leadway --help`, quick capture with `leadway log "…" --area vision` (into a scratch database
 * with one profile), and `leadway git stats --no-paths` on this checkout (small: almost all
 * start-up). The commands take turns within each run, so a busy moment hits them all alike.
 * Reports medians of wall time, CPU time (user + system) and the peak RSS, and each command's
 * wall time minus the baseline's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { machineLine, writeSection } from './doc.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 11);
const BIN = path.resolve('bin/leadway.mjs');
/** Target: each command's median wall time at most this much above `node -e 0`'s. */
const TARGET_MS = 150;

/** Prints the process's CPU time and peak RSS at exit (added to every command, the baseline too). */
const PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('PROBE='+(u.userCPUTime+u.systemCPUTime)+','+u.maxRSS+'\\n')})`;

interface Sample {
  ms: number;
  cpuMs: number;
  rssMb: number;
}

function time(argv: string[], env: NodeJS.ProcessEnv): Sample {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', PROBE, ...argv], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited with ${r.status}: ${r.stderr}`);
  const probe = /PROBE=(\d+),(\d+)/.exec(r.stderr ?? '');
  return { ms, cpuMs: Number(probe?.[1] ?? 0) / 1000, rssMb: Number(probe?.[2] ?? 0) / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function main() {
  // The benchmark measures the shipped program: make sure dist/ is built from the current sources.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The build failed.');
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-bench-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LEADWAY_DATA: data, NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  try {
    const init = spawnSync(
      process.execPath,
      [BIN, 'init', '--name', 'Bench', '--email', 'bench@example.com', '--role', 'Developer'],
      { env, encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`leadway init failed: ${init.stderr}`);
    const commands: Array<{ label: string; argv: string[]; target: boolean }> = [
      { label: '`node -e 0` (baseline)', argv: ['-e', '0'], target: false },
      { label: '`leadway --help`', argv: [BIN, '--help'], target: true },
      {
        label: '`leadway log "…" --area vision`',
        argv: [BIN, 'log', 'Sketched the roadmap for next quarter', '--area', 'vision'],
        target: true,
      },
      {
        label: '`leadway git stats . --no-paths --json`',
        argv: [BIN, 'git', 'stats', '.', '--no-paths', '--json'],
        target: false,
      },
    ];
    const loadBefore = os.loadavg()[0] ?? 0;
    const samples = commands.map(() => [] as Sample[]);
    for (const c of commands) time(c.argv, env); // warm the page cache
    for (let i = 0; i < runs; i++) {
      for (const [j, c] of commands.entries()) samples[j]?.push(time(c.argv, env));
    }
    const base = median((samples[0] ?? []).map((s) => s.ms));
    const rows = commands.map((c, j) => {
      const s = samples[j] ?? [];
      const ms = median(s.map((x) => x.ms));
      const over = ms - base;
      const verdict = c.target ? (over <= TARGET_MS ? 'yes' : 'no') : '';
      return `| ${c.label} | ${ms.toFixed(0)} ms | ${j === 0 ? '—' : `+${over.toFixed(0)} ms`} | ${(ms / base).toFixed(2)}× | ${median(s.map((x) => x.cpuMs)).toFixed(0)} ms | ${median(s.map((x) => x.rssMb)).toFixed(0)} MB | ${verdict} |`;
    });
    const report = [
      `Median of ${runs} runs each (commands take turns), whole processes started with \`node\` (${process.version}); CPU is user + system time. Load average (1 min) ${loadBefore.toFixed(1)} before and ${(os.loadavg()[0] ?? 0).toFixed(1)} after, on ${os.cpus().length} cores: wall times grow with it, CPU times much less.`,
      '',
      `| command | wall | over \`node -e 0\` | ratio | CPU | peak RSS | within ${TARGET_MS} ms? |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | :---: |',
      ...rows,
    ].join('\n');
    console.log(report);
    if (args.includes('--write')) {
      const file = writeSection(
        'cli-start',
        `## CLI start-up vs \`node -e 0\`

Command: \`npm run bench:cli -- --write\` (bench/cli-start.bench.ts; also part of \`npm run bench\`), ${new Date().toISOString().slice(0, 10)}.
Machine: ${machineLine()}.

${report}

Target: \`leadway --help\` and \`leadway log\` within ${TARGET_MS} ms of \`node -e 0\` (wall time, same run).`,
      );
      console.log(`\nWrote ${file}`);
    }
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
}

main();
