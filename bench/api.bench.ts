/**
 * The API under load as the product is used: a demo organisation (`leadway demo`), the real server
 * as its own process on 127.0.0.1, and 50 signed-in clients at once — members reading their own
 * pages, managers reading a report's shared pages — for 20 s per page, on SQLite (5,000 people)
 * and PostgreSQL (20,000 people, a throwaway cluster). Each page's throughput is compared with
 * GET /api/health's in the same run.
 *
 *   npm run bench                                   # both engines, the full run (~12 min on 2 cores)
 *   npm run bench -- --duration 5 --people 500      # a quick look
 *   npm run bench -- --engine sqlite --write        # one engine; rewrite its section of docs/benchmarks.md
 *
 * Options: --engine sqlite|postgres|both, --people N (both engines; otherwise --sqlite-people,
 * --postgres-people), --duration SECONDS per page, --clients N, --pages id,id (see PAGES),
 * --database-url URL (an empty PostgreSQL database instead of a throwaway cluster), --write.
 * While iterating: --data DIR (SQLite: seed DIR once, then reuse it; PostgreSQL with --database-url:
 * reuse a database a previous run seeded) and --cpu-prof DIR (the server writes a V8 CPU profile
 * there when it stops; `tsx bench/profile-summary.ts FILE` lists the functions that cost most).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/client.ts';
import { countTableRows } from '../src/db/repositories/backup.ts';
import { startSession } from '../src/services/auth/sessions.ts';
import { asActor, createContext } from '../src/services/context.ts';
import { listPeople } from '../src/services/people/people.ts';
import { getStanding } from '../src/services/progress/standing.ts';
import { machineLine, writeSection } from './doc.ts';
import { type LoadClient, type LoadResult, runLoad } from './load.ts';
import { startPostgres, type ThrowawayPostgres } from './postgres.ts';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  // The usage is this file's opening comment.
  const head = fs.readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0] ?? '';
  console.log(
    head
      .replace(/^\/\*\*\n?/, '')
      .replace(/^ \* ?/gm, '')
      .trim(),
  );
  process.exit(0);
}
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const numberFlag = (name: string, fallback: number) => {
  const value = flag(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} expects a positive number, got "${value}"`);
  return n;
};
const ENGINE = flag('--engine') ?? 'both';
const DURATION = numberFlag('--duration', 20);
const CLIENTS = Math.round(numberFlag('--clients', 50));
const PEOPLE = {
  sqlite: Math.round(numberFlag('--sqlite-people', numberFlag('--people', 5000))),
  postgres: Math.round(numberFlag('--postgres-people', numberFlag('--people', 20000))),
};
const ONLY = flag('--pages')?.split(',');
const DATA = flag('--data');
const CPU_PROF = flag('--cpu-prof');
const PASSWORD = 'leadway bench password';
const BIN = path.resolve('bin/leadway.mjs');
/** Targets at 50 concurrent clients. */
const TARGET_P99_MS = 100;
const TARGET_RATIO = 0.3;
/** A word many journals contain (titles such as "Reviewed 4 changes…", "Led the architecture review…"). */
const SEARCH = 'review';

/** Who reads: a member their own data, a manager one report's, or nobody signed in. */
type Reader = 'anonymous' | 'member' | 'manager';
interface Page {
  id: string;
  page: string;
  request: string;
  reader: Reader;
  path: (subjectId: string) => string;
}

const PAGES: Page[] = [
  { id: 'health', page: 'baseline', request: 'GET /api/health', reader: 'anonymous', path: () => '/api/health' },
  {
    id: 'standing',
    page: 'Overview',
    request: 'GET /api/people/:me/standing',
    reader: 'member',
    path: (id) => `/api/people/${id}/standing`,
  },
  {
    id: 'next-actions',
    page: 'Overview',
    request: 'GET /api/people/:me/next-actions?limit=3',
    reader: 'member',
    path: (id) => `/api/people/${id}/next-actions?limit=3`,
  },
  {
    id: 'entries',
    page: 'Journal',
    request: 'GET /api/people/:me/entries (page of 50)',
    reader: 'member',
    path: (id) => `/api/people/${id}/entries`,
  },
  {
    id: 'search',
    page: 'Journal',
    request: `GET /api/people/:me/entries?q=${SEARCH}`,
    reader: 'member',
    path: (id) => `/api/people/${id}/entries?q=${SEARCH}`,
  },
  {
    id: 'timeline',
    page: 'Journal',
    request: 'GET /api/people/:me/timeline?weeks=12',
    reader: 'member',
    path: (id) => `/api/people/${id}/timeline?weeks=12`,
  },
  {
    id: 'goals',
    page: 'Goals',
    request: 'GET /api/people/:me/goals?status=all',
    reader: 'member',
    path: (id) => `/api/people/${id}/goals?status=all`,
  },
  {
    id: 'readiness',
    page: 'Readiness report',
    request: 'GET /api/people/:me/readiness',
    reader: 'member',
    path: (id) => `/api/people/${id}/readiness`,
  },
  {
    id: 'rounds',
    page: '360 rounds',
    request: 'GET /api/people/:me/rounds',
    reader: 'member',
    path: (id) => `/api/people/${id}/rounds`,
  },
  {
    id: 'report-standing',
    page: 'Manager → report',
    request: 'GET /api/people/:report/standing',
    reader: 'manager',
    path: (id) => `/api/people/${id}/standing`,
  },
  {
    id: 'report-entries',
    page: 'Manager → report',
    request: 'GET /api/people/:report/entries',
    reader: 'manager',
    path: (id) => `/api/people/${id}/entries`,
  },
  {
    id: 'report-readiness',
    page: 'Manager → report',
    request: 'GET /api/people/:report/readiness',
    reader: 'manager',
    path: (id) => `/api/people/${id}/readiness`,
  },
];

type DatabaseChoice = { kind: 'sqlite'; dir: string } | { kind: 'postgres'; url: string };

function envFor(db: DatabaseChoice): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.LEADWAY_DATA;
  return db.kind === 'sqlite' ? { ...env, LEADWAY_DATA: db.dir } : { ...env, DATABASE_URL: db.url };
}

/** Runs `leadway demo` as its own process, as a newcomer would; returns its JSON and how long it took. */
async function seed(db: DatabaseChoice, people: number) {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'demo', '--people', String(people), '--password', PASSWORD, '--json'], {
    env: envFor(db),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`leadway demo exited with ${code}`);
  const summary = JSON.parse(out) as { admin: string; manager: string; member: string };
  return { summary, seconds: (performance.now() - started) / 1000 };
}

/**
 * The signed-in clients: `count` members (each reading their own pages) and `count` managers
 * (each reading one report whose latest self-assessment is shared with them), spread over the
 * organisation. Sessions are opened with the service the sign-in route uses (the route allows 10
 * sign-ins a minute per address; three real sign-ins are checked over HTTP separately).
 */
async function prepareClients(db: DatabaseChoice, count: number) {
  const handle = await openDatabase(
    db.kind === 'sqlite' ? { kind: 'sqlite', file: path.join(db.dir, 'leadway.sqlite') } : db,
  );
  try {
    const ctx = createContext(handle.db);
    const people = await listPeople(ctx);
    const reports = new Map<string, string[]>();
    for (const p of people) if (p.managerId) reports.set(p.managerId, [...(reports.get(p.managerId) ?? []), p.id]);
    const members = people.filter((p) => p.managerId && !reports.has(p.id));
    const managers = people.filter((p) => (reports.get(p.id)?.length ?? 0) >= 5 && !p.isAdmin);
    const spread = <T>(list: T[]) =>
      Array.from({ length: Math.min(count, list.length) }, (_, i) => list[Math.floor((i * list.length) / count)] as T);
    const memberClients: Array<{ subjectId: string; cookie: string }> = [];
    for (const m of spread(members)) {
      const session = await startSession(ctx, m.id);
      memberClients.push({ subjectId: m.id, cookie: `leadway_session=${session.token}` });
    }
    const managerClients: Array<{ subjectId: string; cookie: string }> = [];
    for (const m of spread(managers)) {
      const asManager = asActor(ctx, { kind: 'person', id: m.id, isAdmin: false });
      let readable: string | undefined;
      for (const r of reports.get(m.id) ?? []) {
        if (
          await getStanding(asManager, r).then(
            () => true,
            () => false,
          )
        ) {
          readable = r;
          break;
        }
      }
      if (!readable) continue;
      const session = await startSession(ctx, m.id);
      managerClients.push({ subjectId: readable, cookie: `leadway_session=${session.token}` });
    }
    const rows = {
      entries: await countTableRows(handle.db, 'journal_entries'),
      assessments: await countTableRows(handle.db, 'assessments'),
      goals: await countTableRows(handle.db, 'goals'),
      credits: await countTableRows(handle.db, 'git_credits'),
    };
    return { memberClients, managerClients, rows };
  } finally {
    await handle.close();
  }
}

/** Starts `leadway serve` as its own process on 127.0.0.1 and an ephemeral port. */
async function startServer(db: DatabaseChoice): Promise<{ child: ChildProcess; port: number }> {
  const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profile, BIN, 'serve', '--quiet'], {
    env: { ...envFor(db), PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /running at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  child.stdout?.resume();
  return { child, port };
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Signs in over HTTP with the demo password (proves the accounts work; not used for load). */
async function checkSignIn(port: number, email: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
}

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function benchEngine(engine: 'sqlite' | 'postgres') {
  const people = PEOPLE[engine];
  let cluster: ThrowawayPostgres | undefined;
  let dir: string | undefined;
  let server: ChildProcess | undefined;
  try {
    let db: DatabaseChoice;
    if (engine === 'sqlite' && DATA) {
      db = { kind: 'sqlite', dir: path.resolve(DATA) };
    } else if (engine === 'sqlite') {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-bench-'));
      db = { kind: 'sqlite', dir };
    } else {
      const given = flag('--database-url');
      if (!given) cluster = await startPostgres();
      db = { kind: 'postgres', url: given ?? (cluster as ThrowawayPostgres).url };
    }
    const seededFile = DATA ? path.join(path.resolve(DATA), `bench-seed-${engine}.json`) : undefined;
    let seeded: Awaited<ReturnType<typeof seed>>;
    if (seededFile && fs.existsSync(seededFile)) {
      seeded = JSON.parse(fs.readFileSync(seededFile, 'utf8'));
      console.error(`[${engine}] reusing the demo data in ${DATA}`);
    } else {
      console.error(`[${engine}] leadway demo --people ${people} …`);
      seeded = await seed(db, people);
      if (seededFile) fs.writeFileSync(seededFile, JSON.stringify(seeded));
    }
    console.error(`[${engine}] seeded in ${fmt(seeded.seconds)} s; opening sessions …`);
    const { memberClients, managerClients, rows } = await prepareClients(db, CLIENTS);
    const started = await startServer(db);
    server = started.child;
    const { port } = started;
    for (const email of [seeded.summary.admin, seeded.summary.manager, seeded.summary.member]) {
      await checkSignIn(port, email);
    }
    const clientsOf = (page: Page): LoadClient[] => {
      if (page.reader === 'anonymous') return Array.from({ length: CLIENTS }, () => ({ path: page.path('') }));
      const list = page.reader === 'member' ? memberClients : managerClients;
      return list.map((c) => ({ path: page.path(c.subjectId), headers: { cookie: c.cookie } }));
    };
    const pages = PAGES.filter((p) => p.id === 'health' || !ONLY || ONLY.includes(p.id));
    // Warm-up: every client loads each page a few times (JIT, caches, connections).
    for (const page of pages) await runLoad({ port, clients: clientsOf(page), seconds: 1, maxRequests: CLIENTS * 3 });
    const load = [os.loadavg()[0]];
    const results: Array<{ page: Page; result: LoadResult }> = [];
    for (const page of pages) {
      const result = await runLoad({ port, clients: clientsOf(page), seconds: DURATION, serverPid: server.pid });
      console.error(
        `[${engine}] ${page.request}: ${fmt(result.throughput, 0)}/s p50 ${fmt(result.p50)} p95 ${fmt(result.p95)} p99 ${fmt(result.p99)} ms, errors ${result.errors}`,
      );
      results.push({ page, result });
    }
    load.push(os.loadavg()[0]);
    const health = results.find((r) => r.page.id === 'health')?.result.throughput ?? 1;
    const table = [
      '| page | request | clients | requests/s | p50 ms | p95 ms | p99 ms | vs health | server CPU | CPU ms/request | target |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
      ...results.map(({ page, result }) => {
        const ratio = result.throughput / health;
        const ok =
          page.id === 'health'
            ? ''
            : [
                result.p99 < TARGET_P99_MS ? 'p99 met' : '**p99 missed**',
                ratio >= TARGET_RATIO ? 'share met' : '**share missed**',
                ...(result.errors ? [`**${result.errors} errors**`] : []),
              ].join(', ');
        return `| ${page.page} | \`${page.request}\` | ${clientsOf(page).length} | ${fmt(result.throughput, 0)} | ${fmt(result.p50)} | ${fmt(result.p95)} | ${fmt(result.p99)} | ${fmt(ratio * 100, 0)}% | ${result.serverCpu === null ? '–' : fmt(result.serverCpu, 2)} | ${result.serverCpu === null ? '–' : fmt((result.serverCpu * 1000) / result.throughput, 2)} | ${ok} |`;
      }),
    ].join('\n');
    const data = `${people.toLocaleString('en')} people (\`leadway demo --people ${people}\`, ${fmt(seeded.seconds)} s): ${rows.entries.toLocaleString('en')} journal entries, ${rows.assessments.toLocaleString('en')} assessments, ${rows.goals.toLocaleString('en')} goals, ${rows.credits.toLocaleString('en')} git credits.`;
    return { engine, table, data, load };
  } finally {
    if (server) await stopServer(server);
    cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const engines: Array<'sqlite' | 'postgres'> =
    ENGINE === 'both' ? ['sqlite', 'postgres'] : ENGINE === 'sqlite' || ENGINE === 'postgres' ? [ENGINE] : [];
  if (engines.length === 0) throw new Error('--engine expects sqlite, postgres or both');
  const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  for (const engine of engines) {
    const { table, data, load } = await benchEngine(engine);
    const section = `## API under load: ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL 15'}

Command: \`${command}\` (bench/api.bench.ts), ${new Date().toISOString().slice(0, 10)}.
Machine: ${machineLine()}; the server (one Node process), ${engine === 'postgres' ? 'PostgreSQL, ' : ''}and the load generator share it (1-minute load average ${fmt(load[0] ?? 0)} at the start, ${fmt(load[1] ?? 0)} at the end${Math.max(load[0] ?? 0, load[1] ?? 0) > 2 ? ': above 2, other work was competing for the two cores' : ''}).

Data: ${data}
${CLIENTS} signed-in clients at once, each on its own keep-alive connection sending its next request as soon as the last one is answered, for ${DURATION} s per request after a warm-up; members read their own pages, managers one report's (whose latest self-assessment is shared with them). "vs health" is the request's throughput against \`GET /api/health\` in the same run; server CPU is in cores (1.00 = the server's one thread always busy) and CPU ms/request is the server's CPU time per answer, the figure least affected by other work on the machine.

${table}

Targets at ${CLIENTS} clients: p99 under ${TARGET_P99_MS} ms and at least ${TARGET_RATIO * 100}% of health's throughput.`;
    console.log(`\n${section}\n`);
    if (args.includes('--write')) console.error(`Wrote ${writeSection(`api-${engine}`, section)}`);
  }
}

await main();
