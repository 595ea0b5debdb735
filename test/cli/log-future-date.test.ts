import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestEvidenceDate } from '../../src/domain/journal/journal.ts';
import { leadway } from '../helpers/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';

const envFor = (db: TestDatabase): NodeJS.ProcessEnv =>
  db.config.kind === 'sqlite' ? { LEADWAY_DATA: path.dirname(db.config.file) } : { DATABASE_URL: db.config.url };

/** `leadway log --date` and `journal edit --date` refuse dates more than a day ahead (the CLI's clock is the real one). */
describe.each(ENGINES)('future dates in the CLI on %s', (engine) => {
  let database: TestDatabase;
  let cwd: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => leadway(env, cwd, ...args);
  const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    env = envFor(database);
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-future-cli-'));
    expect((await run('init', '--name', 'Ada', '--email', 'ada@example.com', '--role', 'Dev')).code).toBe(0);
  });
  afterAll(async () => {
    await database.destroy();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('refuses logging or moving evidence into the future, saying which date is the latest', async () => {
    const latest = latestEvidenceDate(new Date());
    for (const date of ['2030-01-01', dayAfter(latest)]) {
      const res = await run('log', 'Shipped it', '--area', 'ownership', '--date', date);
      expect(res.code, date).not.toBe(0);
      expect(res.stderr + res.stdout).toMatch(new RegExp(`future.*${latest} or earlier`));
    }
    expect((await run('journal', 'list')).stdout).toMatch(/No entries match/);

    const logged = await run('log', 'Shipped it', '--area', 'ownership', '--date', latest, '--json');
    expect(logged.code, logged.stderr).toBe(0);
    const { id } = JSON.parse(logged.stdout) as { id: string };
    const moved = await run('journal', 'edit', id, '--date', '2030-01-01');
    expect(moved.code).not.toBe(0);
    expect(moved.stderr + moved.stdout).toMatch(/future/);
  });
});
