/**
 * Git miner speed against `git log` itself, in the same run.
 *
 *   npm run bench:git -- REPO [--runs 3] [--label NAME] [--write]
 *   npm run bench:git -- --synthetic 200000 [--write]   # builds a scratch repository first
 *
 * Times (a) the raw `git log` with exactly the arguments and format the miner uses, output to
 * /dev/null, and (b) `leadway git stats REPO --json` as a whole process (start-up included), for
 * trailer figures alone (--no-paths, against the log without names) and with the test/doc
 * figures (against the --name-only log). Reports medians, their ratio, and the miner's peak RSS.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { logArgs } from '../src/git/log-reader.ts';
import { machineLine, writeSection } from './doc.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 3);
const synthetic = flag('--synthetic');
const BIN = path.resolve('bin/leadway.mjs');

/** Builds (once, cached in the temp folder) a repository of `count` commits with trailers and paths. */
function syntheticRepo(count: number): string {
  const dir = path.join(os.tmpdir(), `leadway-bench-repo-${count}`);
  if (fs.existsSync(path.join(dir, 'HEAD'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  spawnSync('git', ['init', '-q', '--bare', dir]);
  const people = Array.from({ length: 60 }, (_, i) => `Person ${i} <p${i}@example.com>`);
  const chunks: string[] = [];
  for (let i = 1; i <= count; i++) {
    const author = people[i % people.length];
    const trailers = [
      i % 3 === 0 ? `Reviewed-by: ${people[(i + 7) % people.length]}` : '',
      i % 5 === 0 ? `Acked-by: ${people[(i + 11) % people.length]}` : '',
      i % 10 === 0 ? `Co-authored-by: ${people[(i + 3) % people.length]}` : '',
      i % 40 === 0 ? `Fixes: ${(i * 2654435761).toString(16).slice(0, 12)} ("an older change")` : '',
      'Signed-off-by: ' + author,
    ].filter(Boolean);
    const message = `Change number ${i}\n\nA body line that explains change ${i}.\n\n${trailers.join('\n')}\n`;
    const file =
      i % 4 === 0 ? `tests/test_${i % 500}.py` : i % 7 === 0 ? `docs/page-${i % 300}.md` : `src/module-${i % 2000}.c`;
    const content = `content ${i}\n`;
    const when = 1_600_000_000 + i * 600;
    chunks.push(
      `commit refs/heads/main\nmark :${i}\nauthor ${author} ${when} +0000\ncommitter ${author} ${when} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}` +
        (i > 1 ? '' : '') +
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

function timeRaw(repo: string, withNames: boolean): number {
  const t0 = performance.now();
  const r = spawnSync('git', logArgs({ repo, rev: 'HEAD', withNames }), { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('git log failed');
  return performance.now() - t0;
}

/** Prints the process's own peak RSS at exit (the git child it spawns is not included). */
const RSS_PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('RSS_KB='+process.resourceUsage().maxRSS+'\\n'))`;

function timeMiner(repo: string, withNames: boolean): { ms: number; rssMb: number | null } {
  const cmd = ['--import', RSS_PROBE, BIN, 'git', 'stats', repo, '--json', ...(withNames ? [] : ['--no-paths'])];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, cmd, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`miner failed: ${r.stderr}`);
  const kb = /RSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1];
  return { ms, rssMb: kb ? Number(kb) / 1024 : null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function main() {
  const repo = synthetic
    ? syntheticRepo(Number(synthetic))
    : args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!repo) {
    console.error(
      'Usage: npm run bench:git -- REPO [--runs 3] [--label NAME] [--write]   or   npm run bench:git -- --synthetic 200000',
    );
    process.exit(2);
  }
  const count = spawnSync('git', ['-C', repo, 'rev-list', '--count', '--no-merges', 'HEAD'], {
    encoding: 'utf8',
  }).stdout.trim();
  const rows: string[] = [];
  for (const withNames of [false, true]) {
    const raw: number[] = [];
    const mined: number[] = [];
    let rss = 0;
    timeRaw(repo, withNames); // warm the page cache
    for (let i = 0; i < runs; i++) {
      raw.push(timeRaw(repo, withNames));
      const m = timeMiner(repo, withNames);
      mined.push(m.ms);
      rss = Math.max(rss, m.rssMb ?? 0);
    }
    const label = withNames
      ? 'with test/doc figures (vs `--name-only` log)'
      : 'trailer figures (`--no-paths`, vs log without names)';
    rows.push(
      `| ${label} | ${(median(raw) / 1000).toFixed(2)} s | ${(median(mined) / 1000).toFixed(2)} s | ${(median(mined) / median(raw)).toFixed(2)}× | ${rss ? `${rss.toFixed(0)} MB` : 'n/a'} |`,
    );
  }
  const label = flag('--label');
  const name = label
    ? label
    : synthetic
      ? `synthetic repository (${Number(synthetic).toLocaleString('en')} commits, fast-import)`
      : `\`${path.basename(path.resolve(repo))}\``;
  const report = [
    `Repository: ${name}, ${Number(count).toLocaleString('en')} non-merge commits. Median of ${runs} runs each; the miner is a whole \`leadway git stats --json\` process, start-up included.`,
    '',
    '| figures | raw `git log` | leadway git stats | ratio | miner peak RSS (node, without git) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  console.log(report);
  if (args.includes('--write')) {
    const key = synthetic ? 'git-synthetic' : 'git';
    const file = writeSection(
      key,
      `## Git miner vs git log${synthetic ? ' (synthetic history)' : ''}

Command: \`npm run bench:git -- ${synthetic ? `--synthetic ${synthetic}` : 'REPO'} --write\` (bench/git.bench.ts), ${new Date().toISOString().slice(0, 10)}.
Machine: ${machineLine()}.

${report}

Targets: trailer figures within 1.5× the raw log; test/doc figures no dearer than a \`--name-only\` log (same ratio); RSS under 150 MB at any history length.`,
    );
    console.log(`\nWrote ${file}`);
  }
}

main();
