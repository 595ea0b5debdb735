import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_TABLES } from '../../src/contracts/backup.ts';
import { IDEMPOTENCY_KEY_HOURS } from '../../src/contracts/idempotency.ts';
import { countTableRows } from '../../src/db/repositories/backup.ts';
import { countIdempotencyKeys } from '../../src/db/repositories/idempotency.ts';
import { buildApp } from '../../src/server/app.ts';
import { NOT_CREATING } from '../../src/server/idempotency.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework } from '../helpers/factories.ts';
import { TestRepo } from '../helpers/git-repo.ts';

const AREAS = ['alpha', 'beta', 'gamma'];
type Who = 'admin' | 'member';

/**
 * A valid request for every POST operation that takes an Idempotency-Key, by operationId. The
 * list of operations is derived from the app (its OpenAPI document); a new creating POST without
 * a sample here fails "covers every creating POST" below, so it cannot be forgotten.
 */
const SAMPLES: Record<string, (ids: Record<string, string>) => { as: Who; url: string; body?: unknown }> = {
  createPerson: () => ({
    as: 'admin',
    url: '/api/people',
    body: { name: 'Bo', email: 'bo@example.com', roleTitle: 'Dev' },
  }),
  createInvitation: () => ({ as: 'admin', url: '/api/invitations', body: { email: 'new@example.com' } }),
  renewInvitationLink: (ids) => ({ as: 'admin', url: `/api/pending-invitations/${ids.invitation}/link` }),
  createApiToken: () => ({ as: 'member', url: '/api/auth/tokens', body: { name: 'laptop' } }),
  addEmail: (ids) => ({ as: 'member', url: `/api/people/${ids.member}/emails`, body: { email: 'old@example.com' } }),
  recordReflection: (ids) => ({
    as: 'member',
    url: `/api/people/${ids.member}/reflections`,
    body: { answers: { 'q-people': 3, 'q-build': 3, 'q-meetings': 3, 'q-depth': 3 }, why: 'people' },
  }),
  submitAssessment: (ids) => ({
    as: 'member',
    url: `/api/people/${ids.member}/assessments`,
    body: { ratings: AREAS.map((areaId) => ({ areaId, level: 2 })) },
  }),
  createGoal: (ids) => ({
    as: 'member',
    url: `/api/people/${ids.member}/goals`,
    body: { title: 'Lead', areaId: 'alpha' },
  }),
  addGoalAction: (ids) => ({ as: 'member', url: `/api/goals/${ids.goal}/actions`, body: { title: 'Step' } }),
  addCheckin: (ids) => ({ as: 'member', url: `/api/goals/${ids.goal}/checkins`, body: { note: 'ok', confidence: 4 } }),
  createEntry: (ids) => ({
    as: 'member',
    url: `/api/people/${ids.member}/entries`,
    body: { title: 'Shipped', areas: ['alpha'], occurredOn: '2026-01-02' },
  }),
  importEntries: (ids) => ({
    as: 'member',
    url: `/api/people/${ids.member}/entries/import`,
    body: { format: 'csv', files: [{ name: 'a.csv', content: 'date,title,areas\n2026-01-01,Imported,alpha\n' }] },
  }),
  openRound: (ids) => ({
    as: 'member',
    url: `/api/people/${ids.member}/rounds`,
    body: { raters: [{ personId: ids.admin, relation: 'peer' }] },
  }),
  submitRating: (ids) => ({
    as: 'admin',
    url: `/api/rounds/${ids.round}/ratings`,
    body: { ratings: AREAS.map((areaId) => ({ areaId, level: 3 })) },
  }),
  registerRepository: (ids) => ({ as: 'admin', url: '/api/git/repositories', body: { path: ids.repoDir } }),
  importRepository: (ids) => ({ as: 'admin', url: `/api/git/repositories/${ids.repo}/import`, body: {} }),
};

/** Rows in every table that holds user data, plus sessions and keys: "nothing was created twice". */
async function rowCounts(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...BACKUP_TABLES, 'sessions'] as const) counts[table] = await countTableRows(database.db, table);
  counts.idempotency_keys = await countIdempotencyKeys(database.db);
  return counts;
}

const errorCode = (res: LightMyRequestResponse) => (res.json() as { error: { code: string } }).error.code;

describe.each(ENGINES)('Idempotency-Key on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: SignedIn;
  let member: SignedIn;
  let now = Date.UTC(2026, 0, 5, 9);
  const ids: Record<string, string> = {};
  let repo: TestRepo;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    let id = 0;
    const ctx = { db: database.db, clock: () => new Date(now), newId: () => `id-${String(++id).padStart(4, '0')}` };
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    member = await inviteAndJoin(app, admin, { email: 'member@example.com', name: 'Member', team: 'core' });
    ids.admin = admin.personId;
    ids.member = member.personId;
    await admin.call('POST', '/api/invitations', { email: 'pending@example.com' });
    const pending = (await admin.call('GET', '/api/pending-invitations')).json() as { id: string; email: string }[];
    ids.invitation = pending.find((i) => i.email === 'pending@example.com')?.id ?? '';
    repo = new TestRepo();
    repo.commit({ name: 'Admin', email: 'admin@example.com' }, 'First commit');
    ids.repoDir = repo.dir;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const post = (who: SignedIn, url: string, body: unknown, key?: string) =>
    who.call('POST', url, body, key === undefined ? {} : { 'idempotency-key': key });

  it('covers every creating POST, derived from the registered routes', () => {
    const document = app.swagger() as unknown as {
      paths: Record<string, Record<string, { operationId: string; security?: unknown[]; parameters?: unknown[] }>>;
    };
    const covered: string[] = [];
    const uncovered: string[] = [];
    for (const operations of Object.values(document.paths)) {
      const operation = operations.post;
      if (!operation) continue;
      const takesKey = (operation.parameters ?? []).some(
        (p) =>
          (p as { in: string; name: string }).in === 'header' && (p as { name: string }).name === 'Idempotency-Key',
      );
      (takesKey ? covered : uncovered).push(operation.operationId);
    }
    // Every POST without the header is reachable without signing in (no person to keep keys for)
    // or is listed, with its reason, in server/idempotency.ts#NOT_CREATING.
    for (const operationId of uncovered) {
      const isPublic = Object.values(document.paths).some(
        (ops) => ops.post?.operationId === operationId && Array.isArray(ops.post.security) && !ops.post.security.length,
      );
      expect(isPublic || Object.hasOwn(NOT_CREATING, operationId), `${operationId} takes no Idempotency-Key`).toBe(
        true,
      );
    }
    expect(uncovered.sort()).toEqual(
      [
        'acceptInvitation',
        'changePassword',
        'logIn',
        'logOut',
        'logOutEverywhere',
        'recommendTrack',
        'restoreBackup',
        'signUp',
      ].sort(),
    );
    // A new creating POST needs a sample request above, so the next test runs it twice.
    expect(covered.sort(), 'add a sample request to SAMPLES for each new creating POST').toEqual(
      Object.keys(SAMPLES).sort(),
    );
  });

  it('answers a repeated request on every covered route with the first answer, and creates nothing twice', async () => {
    for (const [operationId, sample] of Object.entries(SAMPLES)) {
      const { as, url, body } = sample(ids);
      const who = as === 'admin' ? admin : member;
      const key = `key-${operationId}`;
      const first = await post(who, url, body, key);
      expect(first.statusCode, `${operationId}: ${first.body}`).toBeLessThan(300);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const before = await rowCounts(database);
      const again = await post(who, url, body, key);
      expect({ status: again.statusCode, body: again.body }, operationId).toEqual({
        status: first.statusCode,
        body: first.body,
      });
      expect(again.headers['idempotent-replayed'], operationId).toBe('true');
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(await rowCounts(database), `${operationId} created rows on a replay`).toEqual(before);
      // What later samples need.
      const answer = first.json() as { id?: string };
      if (operationId === 'createGoal') ids.goal = answer.id as string;
      if (operationId === 'openRound') ids.round = answer.id as string;
      if (operationId === 'registerRepository') ids.repo = answer.id as string;
    }
  });

  it('refuses the same key with another body (409), and keeps keys per person', async () => {
    const url = `/api/people/${member.personId}/goals`;
    const first = await post(member, url, { title: 'One', areaId: 'alpha' }, 'shared-key');
    expect(first.statusCode).toBe(201);
    const other = await post(member, url, { title: 'Two', areaId: 'alpha' }, 'shared-key');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toEqual({
      error: {
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: 'This Idempotency-Key was already used for another request; send a new key for a new submission.',
      },
    });
    // The same key on another route is another request too.
    expect(
      errorCode(
        await post(member, `/api/people/${member.personId}/entries`, { title: 'x', areas: ['alpha'] }, 'shared-key'),
      ),
    ).toBe('IDEMPOTENCY_KEY_REUSED');
    // Fields in another order are the same body.
    const reordered = await post(member, url, { areaId: 'alpha', title: 'One' }, 'shared-key');
    expect(reordered.statusCode).toBe(201);
    expect(reordered.body).toBe(first.body);
    // The admin's identical key is theirs alone.
    const admins = await post(
      admin,
      `/api/people/${admin.personId}/goals`,
      { title: 'One', areaId: 'alpha' },
      'shared-key',
    );
    expect(admins.statusCode).toBe(201);
    expect((admins.json() as { id: string }).id).not.toBe((first.json() as { id: string }).id);
    // Without a key, nothing is remembered: two requests, two goals.
    const titles = async () =>
      ((await member.call('GET', `${url}?status=all`)).json() as { goals: Array<{ title: string }> }).goals
        .map((g) => g.title)
        .filter((t) => t === 'Plain');
    await post(member, url, { title: 'Plain', areaId: 'alpha' });
    await post(member, url, { title: 'Plain', areaId: 'alpha' });
    expect(await titles()).toHaveLength(2);
  });

  it('runs two requests sent at the same instant with one key once', async () => {
    const url = `/api/people/${member.personId}/entries`;
    const body = { title: 'Concurrent', areas: ['alpha'], occurredOn: '2026-01-03' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(member, url, body, 'at-once')));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    // The others either waited for nothing and got 409 "still being processed", or the first answer.
    for (const answer of answers) {
      if (answer.statusCode === 409) {
        expect(errorCode(answer)).toBe('IDEMPOTENCY_IN_PROGRESS');
        expect(answer.headers['retry-after']).toBe('1');
      } else {
        expect(answer.statusCode).toBe(201);
        expect(answer.body).toBe(answers.find((a) => a.statusCode === 201 && !a.headers['idempotent-replayed'])?.body);
      }
    }
    // A retry after they finished gets the first answer.
    const retry = await post(member, url, body, 'at-once');
    expect(retry.statusCode).toBe(201);
    const entries = (await member.call('GET', `${url}?q=Concurrent`)).json() as { total: number };
    expect(entries.total).toBe(1);
    expect((retry.json() as { id: string }).id).toBeDefined();
  });

  it('lets a key go when its request failed, so the retry runs', async () => {
    const url = `/api/people/${member.personId}/goals`;
    const refused = await post(member, url, { title: 'Bad area', areaId: 'no-such-area' }, 'after-error');
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    const fixed = await post(member, url, { title: 'Good area', areaId: 'alpha' }, 'after-error');
    expect(fixed.statusCode, fixed.body).toBe(201);
  });

  it(`forgets keys after ${IDEMPOTENCY_KEY_HOURS} hours`, async () => {
    const url = `/api/people/${member.personId}/goals`;
    const body = { title: 'Daily', areaId: 'alpha' };
    const first = await post(member, url, body, 'expiring');
    const before = await countIdempotencyKeys(database.db);
    now += IDEMPOTENCY_KEY_HOURS * 60 * 60 * 1000 + 1000;
    try {
      const later = await post(member, url, body, 'expiring');
      expect(later.statusCode).toBe(201);
      expect(later.headers['idempotent-replayed']).toBeUndefined();
      expect((later.json() as { id: string }).id).not.toBe((first.json() as { id: string }).id);
      // The lazy clean-up removed every expired key of everyone on the way (one is left: this one).
      expect(before).toBeGreaterThan(1);
      expect(await countIdempotencyKeys(database.db)).toBe(1);
    } finally {
      now += 60_000;
    }
  });

  it.each([
    ['empty', '', 'The Idempotency-Key header is empty; send 1 to 255 characters, e.g. a random UUID.'],
    ['too long', 'k'.repeat(256), 'The Idempotency-Key header is longer than 255 characters.'],
    ['blank', '   ', 'The Idempotency-Key header is blank; send a random key such as a UUID.'],
    [
      'a NUL',
      'a\u0000b',
      'The Idempotency-Key header may hold printable ASCII characters only (letters, digits, "-", …).',
    ],
  ])('refuses a key that is %s with 400 in the error shape', async (_name, key, message) => {
    const res = await post(member, `/api/people/${member.personId}/goals`, { title: 'x', areaId: 'alpha' }, key);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'IDEMPOTENCY_KEY_INVALID', message, fields: { 'Idempotency-Key': message } },
    });
  });

  it('ignores the header where nothing is created, and documents it on the operations that take it', async () => {
    const preview = await post(
      member,
      '/api/path/recommendation',
      { answers: { 'q-people': 3, 'q-build': 3, 'q-meetings': 3, 'q-depth': 3 } },
      '',
    );
    expect(preview.statusCode).toBe(200);
    const document = app.swagger() as unknown as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; description?: string }> }>>;
    };
    const header = document.paths['/api/people/{personId}/goals']?.post?.parameters?.find((p) => p.in === 'header');
    expect(header?.name).toBe('Idempotency-Key');
    expect(header?.description).toMatch(/same key/i);
  });
});
