import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerCache } from '../../src/server/answer-cache.ts';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';
import { buildEntry } from '../helpers/records.ts';

/**
 * The answer cache of the most read pages (server/answer-cache.ts): every write — through this
 * server or straight to the database, as another server or the CLI does — shows in the next read;
 * one reader's answer never reaches another; a reuse records its audit lines again.
 */
const AREAS = ['alpha', 'beta', 'gamma'];
type Entries = { entries: Array<{ title: string }>; total: number };
const titles = (body: unknown) => (body as Entries).entries.map((e) => e.title).sort();

describe.each(ENGINES)('answer cache on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let cache: AnswerCache;
  let admin: SignedIn;
  let manager: SignedIn;
  let member: SignedIn;
  let stranger: SignedIn;
  /** The server's clock: one second per call from `day`, which a test may move on. */
  let day = '2026-01-05';
  let tick = 0;
  const entries = () => `/api/people/${member.personId}/entries`;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    cache = new AnswerCache();
    const ctx = { ...testContext(database.db), clock: () => new Date(Date.parse(`${day}T09:00:00Z`) + tick++ * 1000) };
    app = await buildApp({ ctx, answerCache: cache });
    admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    manager = await inviteAndJoin(app, admin, { email: 'boss@example.com', name: 'Boss', team: 'core' });
    member = await inviteAndJoin(app, admin, {
      email: 'member@example.com',
      name: 'Member',
      team: 'core',
      managerId: manager.personId,
    });
    stranger = await inviteAndJoin(app, admin, { email: 's@example.com', name: 'Stranger' });
    for (const [title, visibility] of [
      ['Private note', 'private'],
      ['Shared with my manager', 'manager'],
    ]) {
      const res = await member.call('POST', entries(), { title, areas: [AREAS[0]], visibility });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  /** GETs a URL twice as `who`; the second answer must come from the cache and equal the first. */
  async function readTwice(who: SignedIn, url: string) {
    const first = await who.call('GET', url);
    const hits = cache.hits;
    const second = await who.call('GET', url);
    expect(cache.hits, `${url} served again from the cache`).toBe(hits + 1);
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    return first;
  }

  it('shows a write made through the API in the next read', async () => {
    expect(titles((await readTwice(member, entries())).json())).toEqual(['Private note', 'Shared with my manager']);
    const created = await member.call('POST', entries(), { title: 'Written just now', areas: [AREAS[1]] });
    expect(created.statusCode, created.body).toBe(201);
    expect(titles((await member.call('GET', entries())).json())).toContain('Written just now');

    const standing = `/api/people/${member.personId}/standing`;
    const unassessed = (await readTwice(member, standing)).json() as { areas: Array<{ current: number | null }> };
    expect(unassessed.areas.map((a) => a.current)).toEqual([null, null, null]);
    const assessed = await member.call('POST', `/api/people/${member.personId}/assessments`, {
      ratings: AREAS.map((areaId) => ({ areaId, level: 3 })),
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    const after = (await readTwice(member, standing)).json() as { areas: Array<{ current: number | null }> };
    expect(after.areas.map((a) => a.current)).toEqual([3, 3, 3]);

    const deleted = await member.call(
      'DELETE',
      `/api/entries/${(await member.call('GET', entries())).json().entries[0].id}`,
    );
    expect(deleted.statusCode).toBe(204);
    expect(titles((await member.call('GET', entries())).json())).not.toContain('Written just now');
  });

  it('shows a write made straight to the database (another server, the CLI) in the next read', async () => {
    const before = await readTwice(member, entries());
    await buildEntry(database.db, { personId: member.personId, title: 'Written by another process' });
    const after = await member.call('GET', entries());
    expect(after.body).not.toBe(before.body);
    expect(titles(after.json())).toContain('Written by another process');
  });

  it("never sends one reader's answer to another", async () => {
    // The member's own answer, kept…
    const own = titles((await readTwice(member, entries())).json());
    expect(own).toContain('Private note');
    // …is not what their manager gets for the same URL, nor a stranger.
    const managers = titles((await readTwice(manager, entries())).json());
    expect(managers).toEqual(['Shared with my manager']);
    expect((await stranger.call('GET', entries())).json()).toMatchObject({ entries: [], total: 0 });
    // And the other way round: the manager's kept answer does not become the member's.
    expect(titles((await member.call('GET', entries())).json())).toEqual(own);
    const readiness = `/api/people/${member.personId}/readiness`;
    const mine = (await readTwice(member, readiness)).body;
    const theirs = await manager.call('GET', readiness);
    expect(theirs.body).not.toBe(mine);
  });

  it('follows a change of relations at once (a former manager sees nothing more)', async () => {
    expect(titles((await readTwice(manager, entries())).json())).toEqual(['Shared with my manager']);
    const moved = await admin.call('PATCH', `/api/people/${member.personId}`, { managerId: null });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await manager.call('GET', entries())).json()).toMatchObject({ entries: [], total: 0 });
    const back = await admin.call('PATCH', `/api/people/${member.personId}`, { managerId: manager.personId });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('records a read of someone else’s data once a minute (as the log shows it), served from the cache or not', async () => {
    const log = async () => ((await member.call('GET', '/api/me/audit')).json() as Array<{ who: string }>).length;
    tick += 60;
    await manager.call('GET', entries());
    const before = await log();
    // The same read in the same minute would be an identical line: none is added.
    await manager.call('GET', entries());
    expect(await log()).toBe(before);
    // The next minute, an answer served from the cache is recorded like a computed one.
    tick += 60;
    const hits = cache.hits;
    await manager.call('GET', entries());
    expect(cache.hits).toBe(hits + 1);
    expect(await log()).toBe(before + 1);
  });

  it('computes day-dependent answers again on a new day', async () => {
    const timeline = `/api/people/${member.personId}/timeline?weeks=2`;
    const today = (await readTwice(member, timeline)).json() as { weeks: Array<{ startsOn: string }> };
    day = '2026-01-20';
    const misses = cache.misses;
    const later = (await member.call('GET', timeline)).json() as { weeks: Array<{ startsOn: string }> };
    expect(cache.misses).toBe(misses + 1);
    expect(later.weeks.at(-1)?.startsOn).not.toBe(today.weeks.at(-1)?.startsOn);
  });
});
