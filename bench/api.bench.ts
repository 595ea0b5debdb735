/**
 * API latency on a large installation, against a baseline measured in the same run.
 *
 *   npm run bench                 # print results
 *   npm run bench -- --write      # also rewrite docs/benchmarks.md
 *
 * Seeds a fresh SQLite database (PEOPLE people, ASSESSMENTS self-assessments each, every area
 * rated), serves it on 127.0.0.1 with the real server, and times sequential HTTP requests. The
 * baseline is GET /api/health on the same server: the ratio shows what each page costs beyond
 * the HTTP round trip itself, independent of how fast or busy this machine is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { type RunningServer, startServer } from '../src/server/start.ts';
import { createContext } from '../src/services/context.ts';
import { getActiveFramework } from '../src/services/framework/active-framework.ts';
import { machineLine, writeSection } from './doc.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const ASSESSMENTS = Number(process.env.BENCH_ASSESSMENTS ?? 12);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 40);
const GOALS = Number(process.env.BENCH_GOALS ?? 4);
const WORDS = [
  'cache',
  'review',
  'incident',
  'roadmap',
  'migration',
  'mentoring',
  'pairing',
  'design',
  'estimate',
  'retro',
  'onboarding',
  'latency',
];
const WARMUP = 50;

async function seed(dataDir: string) {
  const handle = await openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'leadway.sqlite') });
  const ctx = createContext(handle.db);
  const { framework, installedId } = await getActiveFramework(ctx);
  const start = Date.UTC(2025, 0, 1);
  const ids: string[] = [];
  await handle.db.transaction().execute(async (trx) => {
    for (let p = 0; p < PEOPLE; p++) {
      const id = `person-${p}`;
      ids.push(id);
      const ts = new Date(start + p * 1000).toISOString();
      await trx
        .insertInto('people')
        .values({
          id,
          name: `Person ${p}`,
          email: `p${p}@example.com`,
          role_title: 'Developer',
          team_id: null,
          track: p % 2 ? 'manager' : 'ic',
          stage: null,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      for (let e = 0; e < ENTRIES; e++) {
        const entryId = `${id}-e${e}`;
        const day = new Date(start + ((p * 7 + e * 13) % 700) * 86_400_000).toISOString().slice(0, 10);
        await trx
          .insertInto('journal_entries')
          .values({
            id: entryId,
            person_id: id,
            occurred_on: day,
            title: `${WORDS[(p + e) % WORDS.length]} work with the ${WORDS[(p * 3 + e) % WORDS.length]} team`,
            body: `Notes about ${WORDS[(e * 5) % WORDS.length]} and ${WORDS[(e * 7 + p) % WORDS.length]}.`,
            kind: 'other',
            source: 'manual',
            visibility: 'private',
            goal_id: null,
            goal_action_id: null,
            source_key: null,
            created_at: ts,
            updated_at: ts,
          })
          .execute();
        await trx
          .insertInto('journal_entry_areas')
          .values({ entry_id: entryId, area_id: framework.areas[(p + e) % framework.areas.length]?.id ?? 'vision' })
          .execute();
      }
      for (let g = 0; g < GOALS; g++) {
        const goalId = `${id}-g${g}`;
        await trx
          .insertInto('goals')
          .values({
            id: goalId,
            person_id: id,
            area_id: framework.areas[g % framework.areas.length]?.id ?? 'vision',
            title: `Goal ${g}`,
            why: '',
            success_criteria: '',
            due_on: '2026-12-31',
            status: 'active',
            created_at: ts,
            updated_at: ts,
          })
          .execute();
        await trx
          .insertInto('goal_actions')
          .values(
            [0, 1, 2].map((n) => ({
              id: `${goalId}-a${n}`,
              goal_id: goalId,
              title: `Step ${n}`,
              framework_action_id: null,
              due_on: null,
              done_on: n === 0 ? '2026-01-01' : null,
              position: n,
              created_at: ts,
            })),
          )
          .execute();
      }
      for (let a = 0; a < ASSESSMENTS; a++) {
        const assessmentId = `${id}-a${a}`;
        await trx
          .insertInto('assessments')
          .values({
            id: assessmentId,
            person_id: id,
            framework_id: installedId,
            kind: 'self',
            track: null,
            stage: null,
            created_at: new Date(start + a * 86_400_000 * 30 + p).toISOString(),
          })
          .execute();
        await trx
          .insertInto('assessment_ratings')
          .values(
            framework.areas.map((area, i) => ({
              assessment_id: assessmentId,
              area_id: area.id,
              level: ((p + a + i) % 4) + 1,
              comment: 'Seeded comment of a typical length, a sentence or so.',
            })),
          )
          .execute();
      }
    }
  });
  await handle.close();
  return ids;
}

async function time(url: string): Promise<{ p50: number; p95: number; mean: number }> {
  for (let i = 0; i < WARMUP; i++) await (await fetch(url)).arrayBuffer();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    samples.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), mean: samples.reduce((s, x) => s + x, 0) / samples.length };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-bench-'));
  let server: RunningServer | undefined;
  try {
    const t0 = performance.now();
    const ids = await seed(dataDir);
    const seedSeconds = (performance.now() - t0) / 1000;
    server = await startServer(loadConfig({ LEADWAY_DATA: dataDir, PORT: '0' }), { webDir: null });
    const person = ids[Math.floor(ids.length / 2)];
    const pages: Array<[string, string]> = [
      ['GET /api/health (baseline)', '/api/health'],
      ['GET /api/framework', '/api/framework'],
      ['GET /api/people/:id/standing', `/api/people/${person}/standing`],
      ['GET /api/people/:id/next-actions', `/api/people/${person}/next-actions`],
      ['GET /api/people/:id/assessments', `/api/people/${person}/assessments`],
      ['GET /api/people/:id/entries (page of 50)', `/api/people/${person}/entries`],
      ['GET /api/people/:id/entries?q=cache review (full-text)', `/api/people/${person}/entries?q=cache%20review`],
      ['GET /api/people/:id/entries?areaId=ownership', `/api/people/${person}/entries?areaId=ownership`],
      ['GET /api/people/:id/timeline', `/api/people/${person}/timeline`],
      ['GET /api/people/:id/goals', `/api/people/${person}/goals`],
      ['GET /api/people/:id/readiness', `/api/people/${person}/readiness`],
    ];
    const rows: string[] = [];
    let baseline = 0;
    for (const [label, url] of pages) {
      const r = await time(`${server.url}${url}`);
      if (!baseline) baseline = r.p50;
      rows.push(`| ${label} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${(r.p50 / baseline).toFixed(1)}× |`);
    }
    const report = [
      `Data: ${PEOPLE.toLocaleString('en')} people × ${ASSESSMENTS} self-assessments × 10 areas (${(PEOPLE * ASSESSMENTS * 10).toLocaleString('en')} ratings), ${(PEOPLE * ENTRIES).toLocaleString('en')} journal entries (full-text indexed), ${(PEOPLE * GOALS).toLocaleString('en')} goals; SQLite; seeded in ${seedSeconds.toFixed(1)} s.`,
      `${REQUESTS} sequential requests per page after ${WARMUP} warm-up requests, over HTTP on 127.0.0.1.`,
      '',
      '| page | p50 ms | p95 ms | p50 vs baseline |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
    ].join('\n');
    console.log(report);
    if (process.argv.includes('--write')) writeDoc(report);
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function writeDoc(report: string) {
  const file = writeSection(
    'api',
    `## API pages on a large installation

Command: \`npm run bench -- --write\` (bench/api.bench.ts), ${new Date().toISOString().slice(0, 10)}.
Machine: ${machineLine()}.

${report}

Target: every page well under 100 ms.`,
  );
  console.log(`\nWrote ${file}`);
}

await main();
