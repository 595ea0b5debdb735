import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework } from '../helpers/factories.ts';

describe.each(ENGINES)('"who looked at your data" to the minute on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: SignedIn;
  let manager: SignedIn;
  let member: SignedIn;
  let now = Date.UTC(2026, 0, 5, 9, 0, 10);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    let id = 0;
    const ctx = { db: database.db, clock: () => new Date(now), newId: () => `id-${String(++id).padStart(5, '0')}` };
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    manager = await inviteAndJoin(app, admin, { email: 'boss@example.com', name: 'Boss' });
    member = await inviteAndJoin(app, admin, {
      email: 'member@example.com',
      name: 'Member',
      managerId: manager.personId,
    });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const linesAboutMember = async () =>
    ((await member.call('GET', '/api/me/audit')).json() as Array<{ who: string; resource: string; at: string }>).filter(
      (l) => l.who === 'Boss',
    );

  it('records a second read of the same data by the same person in the same minute once, and again the next minute', async () => {
    const read = (url: string) => manager.call('GET', url);
    for (let i = 0; i < 5; i++) {
      expect((await read(`/api/people/${member.personId}/goals?status=all`)).statusCode).toBe(200);
      now += 5_000; // 09:00:10 … 09:00:30: the same minute
    }
    const first = await linesAboutMember();
    expect(first).toHaveLength(1);

    // Other data of the same person in the same minute is a line of its own.
    expect((await read(`/api/people/${member.personId}/entries`)).statusCode).toBe(200);
    const second = await linesAboutMember();
    expect(second).toHaveLength(2);
    expect(new Set(second.map((l) => l.resource)).size).toBe(2);

    // The next minute, the same read is recorded again.
    now += 60_000;
    expect((await read(`/api/people/${member.personId}/goals?status=all`)).statusCode).toBe(200);
    const third = await linesAboutMember();
    expect(third).toHaveLength(3);
    expect(third.map((l) => l.at.slice(0, 16))).toContain('2026-01-05T09:01');
  });
});
