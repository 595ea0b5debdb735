/**
 * Git miner speed against `git log` itself, in the same run.
 *
 *   npm run bench:git -- REPO [--runs 3] [--label NAME] [--before OTHER/bin/leadway.mjs] [--write]
 *   npm run bench:git -- --synthetic 200000 [--write]   # builds a scratch repository first
 *
 * Times (a) the raw `git log` with exactly the arguments and format the miner uses, output to
 * /dev/null, and (b) `leadway git stats REPO --json` as a whole process (start-up included), for
 * trailer figures alone (--no-paths, against the log without names) and with the test/doc
 * figures (against the --name-only log). Reports medians of wall time and (with /usr/bin/time) of
 * CPU time, which busy machines disturb far less, their ratio, and the miner's peak RSS. With
 * `--before OTHER/bin/leadway.mjs`, another build is timed in the same runs (before/after).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LOG_ENV, logArgs } from '../src/git/log-reader.ts';
import { machineLine, writeSection } from './doc.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 3);
const synthetic = flag('--synthetic');
const BIN = path.resolve('bin/leadway.mjs');

/** A line of prose for commit messages, different per commit and line. */
const prose = (i: number, line: number) =>
  `Line ${line} of the explanation for change ${i}: what was wrong, why it matters, how it is fixed.`;

/**
 * Builds (once, cached in the temp folder) a repository of `count` commits with messages shaped
 * like those of large projects: a subject, a body of 1–9 lines (messages of about 600 bytes on
 * average, git.git's order of size), every 8th commit a DPDK-style paragraph `Fixes: <sha> ("…")`
 * + `Cc: stable` above the trailers, trailers (reviews, acks, co-authors, sign-off), changed paths,
 * and a merge every 25th commit.
 */
function syntheticRepo(count: number): string {
  const dir = path.join(os.tmpdir(), `leadway-bench-repo-v2-${count}`);
  if (fs.existsSync(path.join(dir, 'HEAD'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  spawnSync('git', ['init', '-q', '--bare', dir]);
  const people = Array.from({ length: 60 }, (_, i) => `Person ${i} <p${i}@example.com>`);
  const chunks: string[] = [];
  for (let i = 1; i <= count; i++) {
    const author = people[i % people.length];
    const body = Array.from({ length: 1 + ((i * 7) % 9) }, (_, line) => prose(i, line)).join('\n');
    const fixes =
      i % 8 === 0
        ? `\n\nFixes: ${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}abcd ("an older change")\nCc: stable@example.org`
        : '';
    const trailers = [
      i % 3 === 0 ? `Reviewed-by: ${people[(i + 7) % people.length]}` : '',
      i % 5 === 0 ? `Acked-by: ${people[(i + 11) % people.length]}` : '',
      i % 10 === 0 ? `Co-authored-by: ${people[(i + 3) % people.length]}` : '',
      `Signed-off-by: ${author}`,
    ].filter(Boolean);
    const message = `component-${i % 37}: change number ${i}\n\n${body}${fixes}\n\n${trailers.join('\n')}\n`;
    const file =
      i % 4 === 0 ? `tests/test_${i % 500}.py` : i % 7 === 0 ? `docs/page-${i % 300}.md` : `src/module-${i % 2000}.c`;
    const content = `content ${i}\n`;
    const when = 1_600_000_000 + i * 600;
    chunks.push(
      `commit refs/heads/main\nmark :${i}\nauthor ${author} ${when} +0000\ncommitter ${author} ${when} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}` +
        (i > 2 && i % 25 === 0 ? `merge :${i - 2}\n` : '') +
        `M 100644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
  }
  const result = spawnSync('git', ['-C', dir, 'fast-import', '--quiet'], {
    input: chunks.join(''),
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`fast-import failed: ${result.stderr}`);
  spawnSync('git', ['-C', dir, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  return dir;
}

/** `/usr/bin/time`, when the machine has it: CPU seconds (user + system, children included) of a run. */
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Timing {
  ms: number;
  /** CPU time of the process and everything it waited for (git included), when measurable. */
  cpuMs: number | null;
  rssMb: number | null;
}

/** Runs a command, timing wall clock and (through /usr/bin/time) CPU; stderr is returned. */
function timed(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env) {
  const [file, fileArgs] = TIME ? [TIME, ['-f', 'CPU_S=%U %S', command, ...commandArgs]] : [command, commandArgs];
  const t0 = performance.now();
  const r = spawnSync(file, fileArgs, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
  const cpu = /CPU_S=([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, stderr: r.stderr ?? '' };
}

function timeRaw(repo: string, withNames: boolean): Timing {
  const { ms, cpuMs } = timed('git', logArgs({ repo, rev: 'HEAD', withNames }), { ...process.env, ...LOG_ENV });
  return { ms, cpuMs, rssMb: null };
}

/** Prints the process's own peak RSS at exit (the git child it spawns is not included). */
const RSS_PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('RSS_KB='+process.resourceUsage().maxRSS+'\\n'))`;

function timeMiner(bin: string, repo: string, withNames: boolean): Timing {
  const cmd = ['--import', RSS_PROBE, bin, 'git', 'stats', repo, '--json', ...(withNames ? [] : ['--no-paths'])];
  const { ms, cpuMs, stderr } = timed(process.execPath, cmd);
  const kb = /RSS_KB=(\d+)/.exec(stderr)?.[1];
  return { ms, cpuMs, rssMb: kb ? Number(kb) / 1024 : null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Medians of a series of timings: wall, CPU (when measured) and the highest RSS. */
function summary(timings: Timing[]) {
  const cpu = timings.map((t) => t.cpuMs).filter((c): c is number => c !== null);
  return {
    ms: median(timings.map((t) => t.ms)),
    cpuMs: cpu.length === timings.length ? median(cpu) : null,
    rssMb: Math.max(0, ...timings.map((t) => t.rssMb ?? 0)) || null,
  };
}

function main() {
  // The miner runs as the shipped program: make sure dist/ is built from the current sources.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The build failed.');
  const repo = synthetic
    ? syntheticRepo(Number(synthetic))
    : args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!repo) {
    console.error(
      'Usage: npm run bench:git -- REPO [--runs 3] [--label NAME] [--before OTHER/bin/leadway.mjs] [--write]   or   npm run bench:git -- --synthetic 200000',
    );
    process.exit(2);
  }
  // Another build of leadway (e.g. a copy of the previous commit) timed in the same runs.
  const before = flag('--before');
  const count = spawnSync('git', ['-C', repo, 'rev-list', '--count', '--no-merges', 'HEAD'], {
    encoding: 'utf8',
  }).stdout.trim();
  const loadBefore = os.loadavg()[0] ?? 0;
  const rows: string[] = [];
  for (const withNames of [false, true]) {
    const raw: Timing[] = [];
    const mined: Timing[] = [];
    const minedBefore: Timing[] = [];
    timeRaw(repo, withNames); // warm the page cache
    for (let i = 0; i < runs; i++) {
      raw.push(timeRaw(repo, withNames));
      mined.push(timeMiner(BIN, repo, withNames));
      if (before) minedBefore.push(timeMiner(path.resolve(before), repo, withNames));
    }
    const label = withNames
      ? 'with test/doc figures (vs `--name-only` log)'
      : 'trailer figures (`--no-paths`, vs log without names)';
    const r = summary(raw);
    const row = (name: string, m: ReturnType<typeof summary>) =>
      `| ${name} | ${seconds(r.ms)} | ${seconds(m.ms)} | ${(m.ms / r.ms).toFixed(2)}× | ` +
      `${r.cpuMs !== null && m.cpuMs !== null ? `${seconds(r.cpuMs)} / ${seconds(m.cpuMs)}` : 'n/a'} | ` +
      `${m.rssMb ? `${m.rssMb.toFixed(0)} MB` : 'n/a'} |`;
    rows.push(row(label, summary(mined)));
    if (before) rows.push(row(`${label}, before (\`${before}\`)`, summary(minedBefore)));
  }
  const label = flag('--label');
  const name = label
    ? label
    : synthetic
      ? `synthetic repository (${Number(synthetic).toLocaleString('en')} commits, fast-import)`
      : `\`${path.basename(path.resolve(repo))}\``;
  const report = [
    `Repository: ${name}, ${Number(count).toLocaleString('en')} non-merge commits. Median of ${runs} runs each; the miner is a whole \`leadway git stats --json\` process, start-up included. Load average (1 min) ${loadBefore.toFixed(1)} before and ${(os.loadavg()[0] ?? 0).toFixed(1)} after, on ${os.cpus().length} cores.`,
    '',
    '| figures | raw `git log` | leadway git stats | ratio | CPU: raw log / leadway (node + git) | miner peak RSS (node, without git) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  console.log(report);
  if (args.includes('--write')) {
    const key = synthetic ? 'git-synthetic' : 'git';
    const file = writeSection(
      key,
      `## Git miner vs git log${synthetic ? ' (synthetic history)' : ''}

Command: \`npm run bench:git -- ${args.join(' ')}\` (bench/git.bench.ts), ${new Date().toISOString().slice(0, 10)}.
Machine: ${machineLine()}.

${report}

Targets: trailer figures within 1.2× the raw log (start-up included); test/doc figures no dearer than a \`--name-only\` log (same ratio); RSS under 150 MB at any history length.`,
    );
    console.log(`\nWrote ${file}`);
  }
}

main();
