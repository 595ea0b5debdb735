import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

const ROLES = ['anonymous', 'self', 'mentor', 'manager', 'teamPeer', 'otherManager', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Expect = Record<Role, number>;

/** The same answer for every signed-in role but some. */
const only = (allowed: Partial<Expect>, refused: number): Expect =>
  ({
    anonymous: 401,
    self: refused,
    mentor: refused,
    manager: refused,
    teamPeer: refused,
    otherManager: refused,
    admin: refused,
    ...allowed,
  }) as Expect;

describe.each(ENGINES)('authorization matrix on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const as: Record<Exclude<Role, 'anonymous'>, SignedIn> = {} as never;
  const ids: Record<string, string> = {};
  const AREAS = ['alpha', 'beta', 'gamma'];
  const covered = new Set<string>();

  const call = (role: Role, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    role === 'anonymous'
      ? app.inject({ method: method as never, url, ...(payload === undefined ? {} : { payload: payload as object }) })
      : as[role].call(method as never, url, payload);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = testContext(database.db);
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    // Every route this file calls, as registered ("GET /api/entries/:entryId").
    app.addHook('onResponse', async (request) => {
      covered.add(`${request.method} ${request.routeOptions.url ?? '(no route)'}`);
    });
    as.admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    as.manager = await inviteAndJoin(app, as.admin, { email: 'boss@example.com', name: 'Boss', team: 'core' });
    as.mentor = await inviteAndJoin(app, as.admin, { email: 'guide@example.com', name: 'Guide', team: 'platform' });
    as.otherManager = await inviteAndJoin(app, as.admin, {
      email: 'other@example.com',
      name: 'Other boss',
      team: 'platform',
    });
    // The admin invites the member into Boss's reporting line, with Guide as mentor.
    as.self = await inviteAndJoin(app, as.admin, {
      email: 'member@example.com',
      name: 'Member',
      team: 'core',
      managerId: as.manager.personId,
      mentorId: as.mentor.personId,
    });
    as.teamPeer = await inviteAndJoin(app, as.admin, { email: 'peer@example.com', name: 'Peer', team: 'core' });
    const me = as.self.personId;
    ids.me = me;
    for (const visibility of ['private', 'mentor', 'manager', 'team']) {
      const entry = await as.self.call('POST', `/api/people/${me}/entries`, {
        title: `${visibility} entry`,
        areas: ['alpha'],
        visibility,
        occurredOn: '2026-01-02',
      });
      expect(entry.statusCode, entry.body).toBe(201);
      ids[`entry-${visibility}`] = (entry.json() as { id: string }).id;
      const goal = await as.self.call('POST', `/api/people/${me}/goals`, {
        title: `${visibility} goal`,
        areaId: 'beta',
        visibility,
      });
      ids[`goal-${visibility}`] = (goal.json() as { id: string }).id;
    }
    // Pending invitations: one the admin sent, one the manager sent into their own line.
    for (const [who, email] of [
      ['admin', 'pending-admin@example.com'],
      ['manager', 'pending-boss@example.com'],
    ] as const) {
      expect((await as[who].call('POST', '/api/invitations', { email })).statusCode).toBe(201);
    }
    const pending = (await as.admin.call('GET', '/api/pending-invitations')).json() as Array<{
      id: string;
      email: string;
    }>;
    ids['invitation-admin'] = pending.find((p) => p.email === 'pending-admin@example.com')?.id as string;
    ids['invitation-boss'] = pending.find((p) => p.email === 'pending-boss@example.com')?.id as string;
    const action = await as.self.call('POST', `/api/goals/${ids['goal-team']}/actions`, { title: 'First step' });
    ids['action-team'] = (action.json() as { actions: Array<{ id: string }> }).actions[0]?.id as string;
    await as.self.call('PATCH', `/api/people/${me}`, { track: 'manager' });
    const assessed = await as.self.call('POST', `/api/people/${me}/assessments`, {
      ratings: AREAS.map((areaId) => ({ areaId, level: 1 })),
    });
    ids.assessment = (assessed.json() as { id: string }).id;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('knows who manages and mentors whom', async () => {
    const member = (await call('self', 'GET', `/api/people/${ids.me}`)).json() as {
      managerId: string;
      mentorIds: string[];
      team: string;
    };
    expect(member).toMatchObject({ managerId: as.manager.personId, mentorIds: [as.mentor.personId], team: 'core' });
  });

  const me = () => ids.me as string;

  it('lists and counts only what each reader may see', async () => {
    const counts: Partial<Record<Role, number>> = {};
    for (const role of ['self', 'mentor', 'manager', 'teamPeer', 'otherManager', 'admin'] as const) {
      const res = await call(role, 'GET', `/api/people/${me()}/entries?q=entry`);
      const body = res.json() as { total: number; entries: Array<{ visibility: string }> };
      counts[role] = body.total;
      expect(body.entries).toHaveLength(body.total);
      const goals = (await call(role, 'GET', `/api/people/${me()}/goals`)).json() as { goals: unknown[] };
      expect(goals.goals.length, `${role} goals`).toBe(body.total);
      const weeks = (await call(role, 'GET', `/api/people/${me()}/timeline?weeks=260`)).json() as {
        weeks: Array<{ counts: Record<string, number> }>;
      };
      expect(
        weeks.weeks.reduce((n, w) => n + (w.counts.alpha ?? 0), 0),
        `${role} timeline`,
      ).toBe(body.total);
      const assessments = (await call(role, 'GET', `/api/people/${me()}/assessments`)).json() as unknown[];
      expect(assessments.length, `${role} assessments`).toBe(role === 'self' ? 1 : 0);
    }
    expect(counts).toEqual({ self: 4, mentor: 3, manager: 2, teamPeer: 1, otherManager: 0, admin: 0 });
    expect((await call('anonymous', 'GET', `/api/people/${me()}/entries`)).statusCode).toBe(401);
  });

  const cases: Array<[string, string, () => string, unknown, Expect]> = [
    [
      'read one private entry',
      'GET',
      () => `/api/entries/${ids['entry-private']}`,
      undefined,
      only({ self: 200 }, 404),
    ],
    [
      'read one entry shared with mentors',
      'GET',
      () => `/api/entries/${ids['entry-mentor']}`,
      undefined,
      only({ self: 200, mentor: 200 }, 404),
    ],
    [
      'read one entry shared with the manager',
      'GET',
      () => `/api/entries/${ids['entry-manager']}`,
      undefined,
      only({ self: 200, mentor: 200, manager: 200 }, 404),
    ],
    [
      'read one entry shared with the team',
      'GET',
      () => `/api/entries/${ids['entry-team']}`,
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200 }, 404),
    ],
    ['read one private goal', 'GET', () => `/api/goals/${ids['goal-private']}`, undefined, only({ self: 200 }, 404)],
    [
      'read one team goal',
      'GET',
      () => `/api/goals/${ids['goal-team']}`,
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200 }, 404),
    ],
    [
      'read the standing (private self-assessment)',
      'GET',
      () => `/api/people/${me()}/standing`,
      undefined,
      only({ self: 200 }, 404),
    ],
    ['read next actions', 'GET', () => `/api/people/${me()}/next-actions`, undefined, only({ self: 200 }, 404)],
    ['read path reflections', 'GET', () => `/api/people/${me()}/reflections`, undefined, only({ self: 200 }, 404)],
    ['read the readiness report', 'GET', () => `/api/people/${me()}/readiness`, undefined, only({ self: 200 }, 404)],
    ['read 360 results', 'GET', () => `/api/people/${me()}/rounds`, undefined, only({ self: 200 }, 404)],
    ['read git evidence', 'GET', () => `/api/people/${me()}/git-evidence`, undefined, only({ self: 200 }, 404)],
    ['read extra emails', 'GET', () => `/api/people/${me()}/emails`, undefined, only({ self: 200, admin: 200 }, 403)],
    [
      'write a journal entry',
      'POST',
      () => `/api/people/${me()}/entries`,
      { title: 'x', areas: ['alpha'] },
      { ...only({ self: 201 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'edit a team entry',
      'PATCH',
      () => `/api/entries/${ids['entry-team']}`,
      { title: 'changed' },
      { ...only({ self: 200 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'create a goal',
      'POST',
      () => `/api/people/${me()}/goals`,
      { title: 'x', areaId: 'alpha' },
      { ...only({ self: 201 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'self-assess',
      'POST',
      () => `/api/people/${me()}/assessments`,
      { ratings: AREAS.map((areaId) => ({ areaId, level: 2 })) },
      { ...only({ self: 201 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'record a path reflection',
      'POST',
      () => `/api/people/${me()}/reflections`,
      { answers: { 'q-people': 3, 'q-build': 3, 'q-meetings': 3, 'q-depth': 3 }, why: 'x' },
      { ...only({ self: 201 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'mark an action done',
      'PUT',
      () => `/api/people/${me()}/actions/alpha-action-1`,
      { state: 'done' },
      { ...only({ self: 200 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'rename the profile',
      'PATCH',
      () => `/api/people/${me()}`,
      { roleTitle: 'Senior developer' },
      only({ self: 200, admin: 200 }, 403),
    ],
    [
      'set the manager',
      'PATCH',
      () => `/api/people/${me()}`,
      () => ({ managerId: as.manager.personId }),
      only({ admin: 200 }, 403),
    ],
    [
      'create a profile directly',
      'POST',
      () => '/api/people',
      { name: 'N', email: `n${Math.random()}@example.com`, roleTitle: 'Dev' },
      only({ admin: 201 }, 403),
    ],
    [
      'install a framework',
      'PUT',
      () => '/api/framework',
      { ...buildFramework(), version: '1.0.1' },
      only({ admin: 200 }, 403),
    ],
    [
      'register a repository',
      'POST',
      () => '/api/git/repositories',
      { path: '/no/such/repo' },
      only({ admin: 400 }, 403),
    ],
    [
      'read one private self-assessment',
      'GET',
      () => `/api/assessments/${ids.assessment}`,
      undefined,
      only({ self: 200 }, 404),
    ],
    [
      'export the readiness report',
      'GET',
      () => `/api/people/${me()}/readiness/export?format=md`,
      undefined,
      only({ self: 200 }, 404),
    ],
    [
      'read the profile',
      'GET',
      () => `/api/people/${me()}`,
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'read the framework',
      'GET',
      () => '/api/framework',
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'read framework versions',
      'GET',
      () => '/api/framework/versions',
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'preview a path recommendation',
      'POST',
      () => '/api/path/recommendation',
      { answers: { 'q-people': 3, 'q-build': 3, 'q-meetings': 3, 'q-depth': 3 } },
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'list your own API tokens',
      'GET',
      () => '/api/auth/tokens',
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'list your rating requests',
      'GET',
      () => '/api/me/rating-requests',
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'read your audit log',
      'GET',
      () => '/api/me/audit',
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'edit a team goal',
      'PATCH',
      () => `/api/goals/${ids['goal-team']}`,
      { why: 'because' },
      { ...only({ self: 200 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'add a goal action',
      'POST',
      () => `/api/goals/${ids['goal-team']}/actions`,
      { title: 'Another step' },
      { ...only({ self: 201 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'tick a goal action',
      'PATCH',
      () => `/api/goals/${ids['goal-team']}/actions/${ids['action-team']}`,
      { done: true },
      { ...only({ self: 200 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'check in on a goal',
      'POST',
      () => `/api/goals/${ids['goal-team']}/checkins`,
      { note: 'fine', confidence: 3 },
      { ...only({ self: 201 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'import journal entries',
      'POST',
      () => `/api/people/${me()}/entries/import`,
      { format: 'csv', files: [{ name: 'a.csv', content: 'date,title,areas\n2026-01-01,x,alpha\n' }], dryRun: true },
      { ...only({ self: 200 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'open a 360 round',
      'POST',
      () => `/api/people/${me()}/rounds`,
      () => ({ raters: [{ personId: as.teamPeer.personId, relation: 'peer' }] }),
      { ...only({ self: 201 }, 403), otherManager: 404, admin: 404 },
    ],
    [
      'add an email',
      'POST',
      () => `/api/people/${me()}/emails`,
      () => ({ email: `m${Math.random()}@example.com` }),
      only({ self: 200, admin: 200 }, 403),
    ],
    [
      // One address for every role: the manager invites it, then the admin finds it already invited.
      'invite someone',
      'POST',
      () => '/api/invitations',
      () => ({ email: `i${Math.random()}@example.com` }),
      { ...only({ manager: 201 }, 403), admin: 409 },
    ],
    [
      // Everyone gets the invitations they may manage (a member: none; see test/api/invitations.test.ts).
      'list pending invitations',
      'GET',
      () => '/api/pending-invitations',
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'make a new link for an invitation the manager sent',
      'POST',
      () => `/api/pending-invitations/${ids['invitation-boss']}/link`,
      undefined,
      only({ manager: 200, admin: 200 }, 404),
    ],
    [
      'revoke an invitation the admin sent',
      'DELETE',
      () => `/api/pending-invitations/${ids['invitation-admin']}`,
      undefined,
      only({ admin: 204 }, 404),
    ],
    [
      'revoke an invitation the manager sent (the admin comes after: already revoked)',
      'DELETE',
      () => `/api/pending-invitations/${ids['invitation-boss']}`,
      undefined,
      only({ manager: 204 }, 404),
    ],
    [
      'remove an email that is not there',
      'DELETE',
      () => `/api/people/${me()}/emails/nobody%40example.com`,
      undefined,
      only({ self: 404, admin: 404 }, 403),
    ],
    [
      'read who is signed in',
      'GET',
      () => '/api/auth/state',
      undefined,
      only({ anonymous: 200, self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
    [
      'describe an unknown invitation',
      'GET',
      () => '/api/invitations/not-a-real-token',
      undefined,
      only({ anonymous: 404 }, 404),
    ],
    [
      'sign out of a browser (tokens stay valid)',
      'POST',
      () => '/api/auth/logout',
      undefined,
      only({ anonymous: 204 }, 204),
    ],
    [
      'sign out everywhere (ends sessions, not tokens)',
      'POST',
      () => '/api/auth/logout-everywhere',
      undefined,
      only({}, 200),
    ],
    ['restore a backup over a running install', 'POST', () => '/api/backup', {}, only({}, 403)],
    ['list registered repositories', 'GET', () => '/api/git/repositories', undefined, only({ admin: 200 }, 403)],
    ['import a repository', 'POST', () => '/api/git/repositories/nope/import', {}, only({ admin: 404 }, 403)],
    ['remove a repository', 'DELETE', () => '/api/git/repositories/nope', undefined, only({ admin: 404 }, 403)],
    ['download a backup of the whole installation', 'GET', () => '/api/backup', undefined, only({ admin: 200 }, 403)],
    ['download your own data', 'GET', () => `/api/people/${me()}/export`, undefined, only({ self: 200 }, 404)],
    [
      'download your journal as CSV',
      'GET',
      () => `/api/people/${me()}/journal/export?format=csv`,
      undefined,
      only({ self: 200 }, 404),
    ],
    [
      'download your journal as Markdown files',
      'GET',
      () => `/api/people/${me()}/journal/export?format=markdown`,
      undefined,
      only({ self: 200 }, 404),
    ],
    [
      'list the directory',
      'GET',
      () => '/api/people',
      undefined,
      only({ self: 200, mentor: 200, manager: 200, teamPeer: 200, otherManager: 200, admin: 200 }, 0),
    ],
  ];

  it.each(cases)('%s', async (_name, method, url, payload, expected) => {
    const actual = {} as Record<Role, number>;
    const body = typeof payload === 'function' ? (payload as () => unknown)() : payload;
    for (const role of ROLES) {
      const res = await call(role, method, url(), body);
      actual[role] = res.statusCode;
      // Whatever the answer, another person's private entry never appears in it, but in the
      // admin's backup of the whole installation (recorded in everyone's audit log).
      const wholeBackup = role === 'admin' && method === 'GET' && url() === '/api/backup';
      if (role !== 'self' && !wholeBackup) expect(res.body).not.toMatch(/"title":"private entry"/);
    }
    expect(actual).toEqual(expected);
  });

  it('lets only the member delete their entry (others are refused before it is gone)', async () => {
    const created = await call('self', 'POST', `/api/people/${me()}/entries`, {
      title: 'to delete',
      areas: ['alpha'],
      visibility: 'team',
    });
    const url = `/api/entries/${(created.json() as { id: string }).id}`;
    const statuses: Partial<Record<Role, number>> = {};
    for (const role of ['anonymous', 'mentor', 'manager', 'teamPeer', 'otherManager', 'admin', 'self'] as const) {
      statuses[role] = (await call(role, 'DELETE', url)).statusCode;
    }
    expect(statuses).toEqual({
      anonymous: 401,
      mentor: 403,
      manager: 403,
      teamPeer: 403,
      otherManager: 404,
      admin: 404,
      self: 204,
    });
    expect((await call('self', 'GET', url)).statusCode).toBe(404);
  });

  it('shows the member who read their data', async () => {
    const log = (await call('self', 'GET', '/api/me/audit')).json() as Array<{
      who: string;
      action: string;
      resource: string;
    }>;
    const readers = new Set(log.filter((l) => l.action === 'read').map((l) => l.who));
    // The admin read the member's extra email addresses (admins manage git identities).
    expect(readers).toEqual(new Set(['Guide', 'Boss', 'Peer', 'Admin']));
    expect(log.every((l) => l.who !== 'Member')).toBe(true);
  });

  it('runs a 360 round: only the real manager rates as manager, peers stay anonymous, and only the member sees results', async () => {
    const bad = await call('self', 'POST', `/api/people/${me()}/rounds`, {
      raters: [{ personId: as.otherManager.personId, relation: 'manager' }],
    });
    expect((bad.json() as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      'raters.0.relation': 'not your manager',
    });
    expect(
      (
        await call('manager', 'POST', `/api/people/${me()}/rounds`, {
          raters: [{ personId: as.manager.personId, relation: 'manager' }],
        })
      ).statusCode,
    ).toBe(403);
    // A fresh self-assessment against the framework in force when the round opens.
    await call('self', 'POST', `/api/people/${me()}/assessments`, {
      ratings: AREAS.map((areaId) => ({ areaId, level: 2 })),
    });
    const opened = await call('self', 'POST', `/api/people/${me()}/rounds`, {
      raters: [
        { personId: as.manager.personId, relation: 'manager' },
        { personId: as.mentor.personId, relation: 'mentor' },
        { personId: as.teamPeer.personId, relation: 'peer' },
      ],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const roundId = (opened.json() as { id: string }).id;
    const requests = (await call('manager', 'GET', '/api/me/rating-requests')).json() as Array<{
      roundId: string;
      relation: string;
    }>;
    expect(requests).toEqual([expect.objectContaining({ roundId, relation: 'manager' })]);
    expect(
      (
        await call('otherManager', 'POST', `/api/rounds/${roundId}/ratings`, {
          ratings: AREAS.map((areaId) => ({ areaId, level: 3 })),
        })
      ).statusCode,
    ).toBe(404);
    const incomplete = await call('manager', 'POST', `/api/rounds/${roundId}/ratings`, {
      ratings: [{ areaId: 'alpha', level: 3 }],
    });
    expect(incomplete.statusCode).toBe(400);
    for (const role of ['manager', 'mentor', 'teamPeer'] as const) {
      const res = await call(role, 'POST', `/api/rounds/${roundId}/ratings`, {
        ratings: AREAS.map((areaId) => ({ areaId, level: 3, comment: `${role} says` })),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(
      (
        await call('manager', 'POST', `/api/rounds/${roundId}/ratings`, {
          ratings: AREAS.map((areaId) => ({ areaId, level: 3 })),
        })
      ).statusCode,
    ).toBe(409);
    const [round] = (await call('self', 'GET', `/api/people/${me()}/rounds`)).json() as Array<{
      named: Array<{ raterName: string }>;
      peers: { answered: number; shown: boolean };
      blindSpots: Array<{ areaId: string; direction: string }>;
    }>;
    expect(round?.named.map((n) => n.raterName).sort()).toEqual(['Boss', 'Guide']);
    expect(round?.peers).toEqual({ answered: 1, shown: false, average: null });
    // The member rated themself 2 everywhere (latest self-assessment); others say 3: under-rating everywhere.
    expect(round?.blindSpots.map((b) => [b.areaId, b.direction])).toEqual([
      ['alpha', 'under'],
      ['beta', 'under'],
      ['gamma', 'under'],
    ]);
    for (const role of ['manager', 'mentor', 'teamPeer', 'admin'] as const) {
      expect((await call(role, 'GET', `/api/people/${me()}/rounds`)).statusCode, role).toBe(404);
    }
  });

  it('handles sign-in, CSRF, tokens and passwords', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'member@example.com', password: 'wrong password!' },
    });
    expect(bad.statusCode).toBe(401);
    expect((bad.json() as { error: { code: string } }).error.code).toBe('BAD_CREDENTIALS');
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'member@example.com', password: 'long enough password' },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';
    const { csrfToken } = login.json() as { csrfToken: string };
    const url = `/api/people/${me()}/entries`;
    const payload = { title: 'with cookie', areas: ['alpha'] };
    const noCsrf = await app.inject({ method: 'POST', url, headers: { cookie }, payload });
    expect(noCsrf.statusCode).toBe(403);
    expect((noCsrf.json() as { error: { code: string } }).error.code).toBe('CSRF_FAILED');
    expect(
      (await app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrfToken }, payload })).statusCode,
    ).toBe(201);
    expect((await app.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer lw_not-a-token' } })).statusCode,
    ).toBe(401);
    const tokens = (await call('self', 'GET', '/api/auth/tokens')).json() as Array<{ id: string }>;
    expect(JSON.stringify(tokens)).not.toMatch(/lw_/);
    const weak = await call('self', 'POST', '/api/auth/password', { current: 'long enough password', next: 'short' });
    expect(weak.statusCode).toBe(400);
    const changed = await call('self', 'POST', '/api/auth/password', {
      current: 'long enough password',
      next: 'an even longer password',
    });
    expect(changed.statusCode).toBe(204);
    // Changing the password ended the cookie session.
    expect((await app.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(401);
    await call('self', 'DELETE', `/api/auth/tokens/${tokens[0]?.id}`);
    expect((await call('self', 'GET', url)).statusCode).toBe(401);
  });

  it('limits sign-in attempts and keeps the first run closed once set up', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: '10.9.9.9',
            payload: { email: 'x@example.com', password: 'nope nope nope' },
          })
        ).statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { name: 'X', email: 'x@example.com', password: 'long enough password', roleTitle: 'Dev' },
    });
    expect(again.statusCode).toBe(409);
  });
  it('has a case for every registered route (a new route without one fails here)', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const registered = Object.entries(doc.paths).flatMap(([url, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${url.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(registered.length).toBeGreaterThan(40);
    // Routes that hold no one's data, each with where it is checked instead.
    const elsewhere: Record<string, string> = {
      'GET /api/health': 'public by design',
    };
    const missing = registered.filter((route) => !covered.has(route) && !(route in elsewhere));
    expect(missing).toEqual([]);
  });
});
