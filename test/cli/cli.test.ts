import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadway } from '../helpers/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { AREA_IDS } from '../helpers/factories.ts';

const AREAS = AREA_IDS;

describe.each(ENGINES)('leadway CLI on %s', (engine) => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let cwd: string;
  const run = (...args: string[]) => leadway(env, cwd, ...args);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-cli-'));
    env =
      database.config.kind === 'sqlite'
        ? { LEADWAY_DATA: path.dirname(database.config.file) }
        : { DATABASE_URL: database.config.url };
  });
  afterAll(async () => {
    await database.destroy();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('tells a new user to create a profile first', async () => {
    const res = await run('summary');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no profile yet.*leadway init/is);
  });

  it('creates a profile, chooses a path, assesses, and shows the summary and next actions', async () => {
    const init = await run(
      'init',
      '--name',
      'Ada Lovelace',
      '--email',
      'ada@example.com',
      '--role',
      'Developer',
      '--team',
      'Core',
    );
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/Created the profile of Ada Lovelace/);

    const exported = await run('framework', 'export');
    const questions = (
      JSON.parse(exported.stdout) as { reflection: { questions: Array<{ id: string; leansTo: string }> } }
    ).reflection.questions;
    const answers = questions.flatMap((q) => ['--answer', `${q.id}=${q.leansTo === 'ic' ? 5 : 1}`]);
    const pathRun = await run('path', ...answers, '--why', 'I want to keep building.', '--json');
    expect(pathRun.code, pathRun.stderr).toBe(0);
    expect(JSON.parse(pathRun.stdout)).toMatchObject({ recommendedTrack: 'ic', chosenTrack: 'ic', strength: 'clear' });

    const levels = AREAS.flatMap((id, i) => ['--level', `${id}=${(i % 2) + 1}`]);
    const assess = await run('assess', ...levels, '--comment', 'ownership=Fixed the flaky suite', '--json');
    expect(assess.code, assess.stderr).toBe(0);
    const saved = JSON.parse(assess.stdout) as { ratings: Array<{ areaId: string; level: number; comment: string }> };
    expect(saved.ratings.find((r) => r.areaId === 'ownership')).toEqual({
      areaId: 'ownership',
      level: 2,
      comment: 'Fixed the flaky suite',
    });

    const again = await run('assess', '--level', 'vision=3', '--keep', '--json');
    expect(again.code, again.stderr).toBe(0);

    const summary = await run('summary', '--json');
    const standing = JSON.parse(summary.stdout) as {
      areas: Array<{ areaId: string; current: number; previous: number }>;
    };
    expect(standing.areas.find((a) => a.areaId === 'vision')).toMatchObject({ current: 3, previous: 2 });
    const table = await run('summary');
    expect(table.stdout).toMatch(/Technical expertise/);
    expect(table.stdout).toMatch(/Senior IC track|Staff/);

    const next = await run('next', '--json');
    const proposed = JSON.parse(next.stdout) as { needs: null; actions: Array<{ id: string; areaId: string }> };
    expect(proposed.needs).toBeNull();
    expect(proposed.actions).toHaveLength(3);
    const done = await run('next', '--done', proposed.actions[0]?.id as string);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/as done/);
    expect(done.stdout).not.toContain(`id: ${proposed.actions[0]?.id}\n`);
  });

  it('exports the framework to a file and imports a changed version, explaining bad files', async () => {
    const file = path.join(cwd, 'framework.json');
    expect((await run('framework', 'export', '--out', file)).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; name: string };
    expect((await run('framework', 'import', file)).stdout).toMatch(/already the active framework/);

    fs.writeFileSync(file, JSON.stringify({ ...doc, name: 'Edited' }));
    const conflict = await run('framework', 'import', file);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/new "version"/);

    fs.writeFileSync(file, JSON.stringify({ ...doc, name: 'Edited', version: '9.0.0' }));
    const installed = await run('framework', 'import', file, '--json');
    expect(JSON.parse(installed.stdout)).toMatchObject({ status: 'installed', version: '9.0.0' });

    fs.writeFileSync(file, '{ "format": "leadway.framework/v1", "areas": [ }');
    const broken = await run('framework', 'import', file);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/not valid JSON/);

    fs.writeFileSync(file, JSON.stringify({ ...doc, version: '9.0.1', areas: [] }));
    const invalid = await run('framework', 'import', file);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/- areas: /);

    const missing = await run('framework', 'import', path.join(cwd, 'nope.json'));
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('explains bad flags with a non-zero exit and no stack trace', async () => {
    const cases: Array<[string[], RegExp, number]> = [
      [['assess'], /No terminal to ask on/, 2],
      [['assess', '--level', 'ownership'], /expects AREA=VALUE/, 2],
      [['assess', '--level', 'ownership=7'], /levels run from 1 to 4/, 2],
      [['assess', '--level', 'leadership=2'], /Unknown area "leadership"/, 2],
      [['assess', '--level', 'ownership=2'], /needs exactly one level/, 2],
      [['next', '--limit', 'many'], /--limit takes a whole number/, 2],
      [['next', '--done', 'x', '--dismiss', 'y'], /only one of/, 2],
      [['next', '--done', 'no-such-action'], /No suggested action/, 1],
      [['summary', '--person', 'ghost@example.com'], /No profile with email/, 1],
      [['path'], /Pass --answer/, 2],
      [['init', '--name', 'X', '--email', 'bad', '--role', 'Dev'], /--email: "bad" must be an email/, 2],
      [['frobnicate'], /unknown command/, 2],
    ];
    for (const [args, message, code] of cases) {
      const res = await run(...args);
      expect(res.code, args.join(' ')).toBe(code);
      expect(res.stderr, args.join(' ')).toMatch(message);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('has help on every command', async () => {
    for (const cmd of ['serve', 'init', 'path', 'assess', 'summary', 'next', 'framework']) {
      const res = await run(cmd, '--help');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Usage: leadway/);
    }
  });
});

it('refuses a bad configuration with a clear message', async () => {
  const res = await leadway({ DATABASE_URL: 'mysql://x' }, os.tmpdir(), 'summary');
  expect(res.code).toBe(1);
  expect(res.stderr).toMatch(/DATABASE_URL: must start with postgres/);
});
