import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { exportBackup } from '../../src/services/backup/backup.ts';
import { createContext, type ServiceContext } from '../../src/services/context.ts';
import { seedDemo } from '../../src/services/demo/demo.ts';
import { leadway } from '../helpers/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';

const PASSWORD = 'demo password 42';

interface Summary {
  people: number;
  password: string;
  admin: string;
  manager: string;
  member: string;
}

/** A context with a fixed clock, so two runs with one seed can be compared row for row. */
function fixedContext(database: TestDatabase): ServiceContext {
  return { ...createContext(database.db), clock: () => new Date('2026-11-20T10:00:00.000Z') };
}

/** SHA-256 of every table's rows (the backup document without its export time). */
async function fingerprint(ctx: ServiceContext): Promise<string> {
  const { tables } = await exportBackup(ctx);
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

describe.each(ENGINES)('leadway demo on %s', (engine) => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let cwd: string;
  let app: FastifyInstance;
  let summary: Summary;
  const run = (...args: string[]) => leadway(env, cwd, ...args);

  async function signIn(email: string): Promise<{ id: string; get: (url: string) => Promise<LightMyRequestResponse> }> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
    const id = (res.json() as { person: { id: string } }).person.id;
    return { id, get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }) };
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-demo-'));
    env =
      database.config.kind === 'sqlite'
        ? { LEADWAY_DATA: path.dirname(database.config.file) }
        : { DATABASE_URL: database.config.url };
    const res = await run('demo', '--people', '60', '--seed', '7', '--password', PASSWORD, '--json');
    expect(res.code, res.stderr).toBe(0);
    summary = JSON.parse(res.stdout) as Summary;
    app = await buildApp({ ctx: createContext(database.db) });
  });
  afterAll(async () => {
    await app?.close();
    await database.destroy();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('prints exactly the people, the password and whom to sign in as', () => {
    expect(Object.keys(summary)).toEqual(['people', 'password', 'admin', 'manager', 'member']);
    expect(summary).toMatchObject({ people: 60, password: PASSWORD });
    for (const email of [summary.admin, summary.manager, summary.member])
      expect(email).toMatch(/^[a-z.0-9]+@example\.com$/);
    expect(new Set([summary.admin, summary.manager, summary.member]).size).toBe(3);
  });

  it('lets the admin, the manager and the member sign in with the demo password', async () => {
    const admin = await signIn(summary.admin);
    const state = (await admin.get('/api/auth/state')).json() as { person: { isAdmin: boolean } };
    expect(state.person.isAdmin).toBe(true);
    const people = (await admin.get('/api/people')).json() as unknown[];
    expect(people).toHaveLength(60);
  });

  it('gives the manager five or more reports, and shows them what the member shares, never what is private', async () => {
    const manager = await signIn(summary.manager);
    const member = await signIn(summary.member);
    const people = (await manager.get('/api/people')).json() as Array<{ id: string; managerId: string | null }>;
    expect(people.filter((p) => p.managerId === manager.id).length).toBeGreaterThanOrEqual(5);
    expect(people.find((p) => p.id === member.id)?.managerId).toBe(manager.id);

    type Entries = { entries: Array<{ id: string; visibility: string }>; total: number };
    const own = (await member.get(`/api/people/${member.id}/entries?limit=500`)).json() as Entries;
    const seen = (await manager.get(`/api/people/${member.id}/entries?limit=500`)).json() as Entries;
    const privateIds = own.entries.filter((e) => e.visibility === 'private').map((e) => e.id);
    const sharedIds = own.entries.filter((e) => e.visibility === 'manager' || e.visibility === 'team').map((e) => e.id);
    expect(privateIds.length).toBeGreaterThan(0);
    expect(sharedIds.length).toBeGreaterThan(0);
    expect(seen.entries.map((e) => e.id).sort()).toEqual([...sharedIds].sort());
    expect(seen.entries.every((e) => e.visibility === 'manager' || e.visibility === 'team')).toBe(true);

    // The member's latest self-assessment is shared: the manager's standing is the member's own.
    const mine = (await member.get(`/api/people/${member.id}/standing`)).json() as { assessedAt: string };
    const theirs = await manager.get(`/api/people/${member.id}/standing`);
    expect(theirs.statusCode).toBe(200);
    expect((theirs.json() as { assessedAt: string }).assessedAt).toBe(mine.assessedAt);
    const readiness = await manager.get(`/api/people/${member.id}/readiness`);
    expect(readiness.statusCode).toBe(200);
  });

  it('answers many reads made at once by the manager and records them as one line a minute', async () => {
    const manager = await signIn(summary.manager);
    const member = await signIn(summary.member);
    const audit = async () =>
      ((await member.get('/api/me/audit')).json() as Array<{ resource: string }>).filter((l) => l.resource === 'goals')
        .length;
    const before = await audit();
    const reads = await Promise.all(
      Array.from({ length: 25 }, () => manager.get(`/api/people/${member.id}/goals?status=all`)),
    );
    expect(reads.every((r) => r.statusCode === 200)).toBe(true);
    // 25 identical reads in one minute are one line in "who looked at your data" (none if an
    // earlier read this minute made it already; two if the minute turned while they ran).
    const after = await audit();
    expect(after).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(2);
  });

  it('fills the member’s pages: goals, timeline, 360 rounds, git evidence', async () => {
    const member = await signIn(summary.member);
    const goals = (await member.get(`/api/people/${member.id}/goals?status=all`)).json() as { goals: unknown[] };
    expect(goals.goals.length).toBeGreaterThan(0);
    const rounds = (await member.get(`/api/people/${member.id}/rounds`)).json() as unknown[];
    expect(rounds.length).toBeGreaterThan(0);
    const git = await member.get(`/api/people/${member.id}/entries?limit=500`);
    expect((git.json() as { entries: Array<{ source: string }> }).entries.some((e) => e.source === 'git')).toBe(true);
  });

  it('refuses a database that is not empty', async () => {
    const again = await run('demo', '--people', '5', '--json');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds data.*empty database/);
  });

  it('refuses bad arguments as usage mistakes (exit 2)', async () => {
    for (const args of [
      ['--people', '0'],
      ['--people', '50001'],
      ['--people', 'many'],
      ['--people', '5', '--password', 'short'],
      [],
    ]) {
      const res = await run('demo', ...args);
      expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(2);
    }
  });

  it('makes the same rows for the same seed and clock, and other rows for another seed', async () => {
    const [a, b, c] = await Promise.all([
      createTestDatabase(engine),
      createTestDatabase(engine),
      createTestDatabase(engine),
    ]);
    try {
      await seedDemo(fixedContext(a), { people: 40, seed: 'same', password: PASSWORD });
      await seedDemo(fixedContext(b), { people: 40, seed: 'same', password: PASSWORD });
      await seedDemo(fixedContext(c), { people: 40, seed: 'other', password: PASSWORD });
      const [fa, fb, fc] = await Promise.all([a, b, c].map((d) => fingerprint(fixedContext(d))));
      expect(fa).toBe(fb);
      expect(fc).not.toBe(fa);
    } finally {
      await Promise.all([a, b, c].map((d) => d.destroy()));
    }
  });
});
