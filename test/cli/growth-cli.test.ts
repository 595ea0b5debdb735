import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadway } from '../helpers/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { AREA_IDS } from '../helpers/factories.ts';

const envFor = (db: TestDatabase): NodeJS.ProcessEnv =>
  db.config.kind === 'sqlite' ? { LEADWAY_DATA: path.dirname(db.config.file) } : { DATABASE_URL: db.config.url };

describe.each(ENGINES)('growth commands on %s', (engine) => {
  let database: TestDatabase;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => leadway(env, cwd, ...args);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    env = envFor(database);
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-growth-cli-'));
    expect((await run('init', '--name', 'Ada', '--email', 'ada@example.com', '--role', 'Dev')).code).toBe(0);
  });
  afterAll(async () => {
    await database.destroy();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('plans a goal, logs evidence against it, and finds it again', async () => {
    const goal = await run(
      'goal',
      'add',
      '--area',
      'mentorship',
      '--title',
      'Mentor the new hire',
      '--due',
      '2030-01-01',
      '--action',
      'Weekly pairing',
      '--suggested',
      'mentorship-pair-junior',
      '--json',
    );
    expect(goal.code, goal.stderr).toBe(0);
    const g = JSON.parse(goal.stdout) as { id: string; actions: Array<{ id: string; title: string }> };
    expect(g.actions.map((a) => a.title)).toEqual([
      'Pair for an hour with a less experienced teammate on their task',
      'Weekly pairing',
    ]);

    const logged = await run(
      'log',
      'Walked a new teammate through the cache design',
      '--area',
      'mentorship',
      '--kind',
      'pairing',
      '--date',
      '2026-11-20',
      '--link',
      'https://example.com/pr/1',
      '--goal',
      g.id,
    );
    expect(logged.code, logged.stderr).toBe(0);
    expect(logged.stdout).toMatch(
      /Logged "Walked a new teammate through the cache design" on 2026-11-20 \[mentorship\] \(private\)/,
    );

    const forAction = await run(
      'log',
      'Paired on the parser',
      '--area',
      'mentorship',
      '--action',
      g.actions[1]?.id as string,
      '--json',
    );
    expect(JSON.parse(forAction.stdout)).toMatchObject({ goalId: g.id, goalActionId: g.actions[1]?.id });
    const done = await run('goal', 'action', g.id, '--done', g.actions[0]?.id as string, '--json');
    expect(JSON.parse(done.stdout).progress.percent).toBe(50);
    expect((await run('goal', 'checkin', g.id, '--note', 'On track', '--confidence', '4')).code).toBe(0);
    const listed = await run('goal', 'list');
    expect(listed.stdout).toMatch(/Mentor the new hire {2}\[mentorship\] active, 50% done, due 2030-01-01/);

    const found = await run('journal', 'list', '--search', 'cache', '--json');
    expect(JSON.parse(found.stdout)).toMatchObject({ total: 1, entries: [{ goalId: g.id, kind: 'pairing' }] });
    expect(JSON.parse((await run('journal', 'list', '--goal', g.id, '--json')).stdout).total).toBe(2);
    expect((await run('journal', 'list', '--search', 'nothing-like-this')).stdout).toMatch(/No entries match/);
    const entryId = JSON.parse(found.stdout).entries[0].id as string;
    const shared = await run(
      'journal',
      'edit',
      entryId,
      '--visibility',
      'mentor',
      '--title',
      'Walked Sam through the cache design',
    );
    expect(shared.stdout).toMatch(/Updated "Walked Sam through the cache design" \(2026-11-20, mentor\)/);
    expect((await run('journal', 'edit', entryId)).code).toBe(2);
    expect((await run('journal', 'edit', 'nope', '--title', 'x')).stderr).toMatch(/No entry with id "nope"/);
    const scratch = JSON.parse((await run('log', 'Scratch', '--area', 'vision', '--json')).stdout) as { id: string };
    expect((await run('journal', 'delete', scratch.id)).stdout).toMatch(/Deleted/);
    expect((await run('journal', 'delete', scratch.id)).code).toBe(1);
    expect((await run('goal', 'update', g.id, '--status', 'done', '--json')).code).toBe(0);
  });

  it('imports a CSV after a dry run, refusing a file with bad rows', async () => {
    const bad = path.join(cwd, 'bad.csv');
    fs.writeFileSync(
      bad,
      'date,title,areas\n2026-01-01,Good,ownership\n2026-01-01,Bad area,leadership\nnot-a-date,Bad date,vision\n',
    );
    const dry = await run('journal', 'import', bad, '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/bad\.csv:3: areas\.0: unknown area "leadership"/);
    expect(dry.stdout).toMatch(/bad\.csv:4: date:/);
    const real = await run('journal', 'import', bad);
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/Nothing was imported: 2 problems/);
    const good = path.join(cwd, 'good.csv');
    fs.writeFileSync(good, 'date,title,areas,kind\n2026-01-01,Good,ownership,delivery\n');
    expect((await run('journal', 'import', good, '--dry-run')).stdout).toMatch(/all 1 entries are valid/);
    expect((await run('journal', 'import', good)).stdout).toMatch(/Imported 1 entries/);
    const md = path.join(cwd, 'talk.md');
    fs.writeFileSync(
      md,
      '---\ndate: 2026-02-03\ntitle: Gave a talk\nareas: [communication]\nkind: presentation\n---\nSlides online.\n',
    );
    expect((await run('journal', 'import', md)).stdout).toMatch(/Imported 1 entries/);
    expect((await run('journal', 'import', good, md)).stderr).toMatch(/not a mix/);
  });

  it('writes the readiness report in every format', async () => {
    const questions = JSON.parse((await run('framework', 'export')).stdout).reflection.questions as Array<{
      id: string;
    }>;
    await run('path', ...questions.flatMap((q) => ['--answer', `${q.id}=3`]), '--why', 'Balanced', '--track', 'ic');
    const areas = AREA_IDS;
    await run('assess', ...areas.flatMap((a) => ['--level', `${a}=3`]));
    const md = await run('report');
    expect(md.stdout).toMatch(/^# Readiness report: Ada/);
    expect(md.stdout).toMatch(/\| Mentorship \| 3 \| 3 \| 0 \| 2 \/ 2 \| 0 \|/);
    const json = JSON.parse(
      (await run('report', '--format', 'json', '--track', 'manager', '--stage', 'engineering-manager')).stdout,
    );
    expect(json.stage.id).toBe('engineering-manager');
    const pdfFile = path.join(cwd, 'report.pdf');
    expect((await run('report', '--format', 'pdf', '--out', pdfFile)).code).toBe(0);
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const htmlFile = path.join(cwd, 'report.html');
    await run('report', '--format', 'html', '--out', htmlFile);
    expect(fs.readFileSync(htmlFile, 'utf8')).toMatch(/<h1>Readiness report: Ada<\/h1>/);
    expect((await run('report', '--format', 'docx')).code).toBe(2);
  });

  it('backs everything up and restores it into an empty database of the other engine', async () => {
    const file = path.join(cwd, 'backup.json');
    const exported = await run('export', file);
    expect(exported.code, exported.stderr).toBe(0);
    const target = await createTestDatabase(engine === 'sqlite' ? 'postgres' : 'sqlite');
    try {
      const restored = await leadway(envFor(target), cwd, 'import', file);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/Restored 1 people, 1 assessments, 1 goals and 4 journal entries/);
      const again = path.join(cwd, 'again.json');
      await leadway(envFor(target), cwd, 'export', again);
      const strip = (f: string) => ({ ...JSON.parse(fs.readFileSync(f, 'utf8')), exportedAt: '' });
      expect(strip(again)).toEqual(strip(file));
      const twice = await leadway(envFor(target), cwd, 'import', file);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/already holds data/);
    } finally {
      await target.destroy();
    }
  });

  it('explains mistakes', async () => {
    const cases: Array<[string[], RegExp, number]> = [
      [['log', 'Did a thing'], /--area/, 2],
      [
        ['log', 'Did a thing', '--area', 'ownership', '--date', '2026-02-30'],
        /--date: 2026-02-30 is not a date that exists/,
        2,
      ],
      [['log', 'Did a thing', '--area', 'ownership', '--kind', 'brag'], /--kind: "brag" is not one of/, 2],
      [['goal', 'add', '--area', 'ownership'], /--title/, 2],
      [['goal', 'list', '--status', 'later'], /--status takes one of/, 2],
      [['goal', 'checkin', 'nope', '--note', 'x', '--confidence', '7'], /from 1 to 5/, 2],
      [['goal', 'checkin', 'nope', '--note', 'x', '--confidence', '3'], /No goal with id "nope"/, 1],
      [['journal', 'import', 'missing.csv'], /no such file/, 1],
      [['import', 'missing.json'], /no such file/, 1],
    ];
    for (const [args, message, code] of cases) {
      const res = await run(...args);
      expect(res.code, args.join(' ')).toBe(code);
      expect(res.stderr + res.stdout, args.join(' ')).toMatch(message);
    }
  });
});
