import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/**
 * The privacy findings of the security review, as classes: derived fields ("previous"), counts
 * and aggregates, team membership, individual peer answers, hidden = missing, audit of reads.
 * Each reader's answer is checked for its content, not only its status.
 */
const AREAS = ['alpha', 'beta', 'gamma'];
const READERS = ['mentor', 'manager', 'teamPeer', 'otherManager', 'admin'] as const;
type Reader = (typeof READERS)[number];
type Who = 'self' | Reader | 'stranger';

/** What each reader may see of the member's data (the visibility circles). */
const SEES: Record<Who, string[]> = {
  self: ['private', 'mentor', 'manager', 'team'],
  mentor: ['mentor', 'manager', 'team'],
  manager: ['manager', 'team'],
  teamPeer: ['team'],
  otherManager: [],
  admin: [],
  stranger: [],
};

describe.each(ENGINES)('privacy on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const as = {} as Record<Who, SignedIn>;
  const me = () => as.self.personId;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    app = await buildApp({ ctx: testContext(database.db) });
    as.admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    as.manager = await inviteAndJoin(app, as.admin, { email: 'boss@example.com', name: 'Boss', team: 'core' });
    as.mentor = await inviteAndJoin(app, as.admin, { email: 'guide@example.com', name: 'Guide', team: 'platform' });
    as.otherManager = await inviteAndJoin(app, as.admin, { email: 'o@example.com', name: 'Other', team: 'platform' });
    as.self = await inviteAndJoin(app, as.admin, {
      email: 'member@example.com',
      name: 'Member',
      team: 'core',
      managerId: as.manager.personId,
      mentorId: as.mentor.personId,
    });
    as.teamPeer = await inviteAndJoin(app, as.admin, { email: 'peer@example.com', name: 'Peer', team: 'core' });
    as.stranger = await inviteAndJoin(app, as.admin, { email: 's@example.com', name: 'Stranger' });
    await as.self.call('PATCH', `/api/people/${me()}`, { track: 'manager' });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('"previous" is the previous self-assessment the reader may see, never a hidden one', async () => {
    // Levels tell the assessments apart: mentor-only 1, manager 2, private 3, team 4 (newest).
    const shared = [
      ['mentor', 1],
      ['manager', 2],
      ['private', 3],
      ['team', 4],
    ] as const;
    const at: Record<string, string> = {};
    for (const [visibility, level] of shared) {
      const res = await as.self.call('POST', `/api/people/${me()}/assessments`, {
        ratings: AREAS.map((areaId) => ({ areaId, level })),
        visibility,
      });
      expect(res.statusCode, res.body).toBe(201);
      at[visibility] = (res.json() as { createdAt: string }).createdAt;
    }
    const expected: Record<Who, { current: number; previous: number | null; previousAt: string | null } | 404> = {
      self: { current: 4, previous: 3, previousAt: at.private ?? null },
      mentor: { current: 4, previous: 2, previousAt: at.manager ?? null },
      manager: { current: 4, previous: 2, previousAt: at.manager ?? null },
      teamPeer: { current: 4, previous: null, previousAt: null },
      otherManager: 404,
      admin: 404,
      stranger: 404,
    };
    for (const [who, want] of Object.entries(expected) as Array<[Who, (typeof expected)[Who]]>) {
      const res = await as[who].call('GET', `/api/people/${me()}/standing`);
      if (want === 404) {
        expect(res.statusCode, who).toBe(404);
        continue;
      }
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      const standing = res.json() as {
        previousAssessedAt: string | null;
        areas: Array<{ current: number; previous: number | null }>;
      };
      expect(standing.previousAssessedAt, who).toBe(want.previousAt);
      const { previousAt: _at, ...levels } = want;
      for (const area of standing.areas) expect({ who, ...area }).toMatchObject({ who, ...levels });
      // The readiness report is built on the same standing.
      const report = await as[who].call('GET', `/api/people/${me()}/readiness`);
      expect(report.statusCode, who).toBe(200);
      expect(report.body).not.toMatch(/"previous":3/);
    }
    // The manager's "previous" changes when the hidden one is shared later? No: a private
    // assessment stays out, and the list of assessments shows each reader only theirs.
    for (const who of ['mentor', 'manager', 'teamPeer'] as const) {
      const list = (await as[who].call('GET', `/api/people/${me()}/assessments`)).json() as Array<{
        visibility: string;
      }>;
      expect(list.map((a) => a.visibility).sort(), who).toEqual(
        shared
          .map(([v]) => v)
          .filter((v) => SEES[who].includes(v))
          .sort(),
      );
    }
  });

  it('counts, totals and roll-ups are computed over what the reader may see', async () => {
    const goal = await as.self.call('POST', `/api/people/${me()}/goals`, {
      title: 'Shared goal',
      areaId: 'alpha',
      visibility: 'team',
    });
    ids.sharedGoal = (goal.json() as { id: string }).id;
    const hiddenGoal = await as.self.call('POST', `/api/people/${me()}/goals`, {
      title: 'Private goal',
      areaId: 'alpha',
      visibility: 'private',
    });
    ids.privateGoal = (hiddenGoal.json() as { id: string }).id;
    for (const visibility of SEES.self) {
      const res = await as.self.call('POST', `/api/people/${me()}/entries`, {
        title: `${visibility} evidence`,
        areas: ['alpha'],
        visibility,
        goalId: ids.sharedGoal,
        occurredOn: '2026-01-05',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const who of ['self', 'mentor', 'manager', 'teamPeer'] as const) {
      const seen = SEES[who].length;
      const one = (await as[who].call('GET', `/api/goals/${ids.sharedGoal}`)).json() as { evidenceCount: number };
      expect(one.evidenceCount, `${who} /goals/:id`).toBe(seen);
      const list = (await as[who].call('GET', `/api/people/${me()}/goals`)).json() as {
        goals: Array<{ id: string; evidenceCount: number }>;
        byArea: Array<{ areaId: string; open: number }>;
      };
      expect(list.goals.find((g) => g.id === ids.sharedGoal)?.evidenceCount, `${who} list`).toBe(seen);
      // The private goal is neither listed nor counted in the per-area roll-up.
      expect(list.goals.map((g) => g.id).includes(ids.privateGoal as string), who).toBe(who === 'self');
      expect(list.byArea.find((a) => a.areaId === 'alpha')?.open, who).toBe(who === 'self' ? 2 : 1);
      const entries = (await as[who].call('GET', `/api/people/${me()}/entries?goalId=${ids.sharedGoal}`)).json() as {
        total: number;
        entries: unknown[];
      };
      expect([entries.total, entries.entries.length], who).toEqual([seen, seen]);
      const timeline = (await as[who].call('GET', `/api/people/${me()}/timeline?weeks=260`)).json() as {
        weeks: Array<{ counts: Record<string, number> }>;
      };
      const inTimeline = timeline.weeks.reduce((sum, w) => sum + (w.counts.alpha ?? 0), 0);
      expect(inTimeline, `${who} timeline`).toBe(seen);
    }
  });

  it('a shared entry names its goal only to readers who may see that goal', async () => {
    const entry = await as.self.call('POST', `/api/people/${me()}/entries`, {
      title: 'Team entry on a private goal',
      areas: ['beta'],
      visibility: 'team',
      goalId: ids.privateGoal,
    });
    const entryId = (entry.json() as { id: string }).id;
    expect((entry.json() as { goalId: string }).goalId).toBe(ids.privateGoal);
    for (const who of ['mentor', 'manager', 'teamPeer'] as const) {
      const one = await as[who].call('GET', `/api/entries/${entryId}`);
      expect(one.statusCode, who).toBe(200);
      expect(one.json(), who).toMatchObject({ goalId: null, goalActionId: null });
      const list = await as[who].call('GET', `/api/people/${me()}/entries?limit=500`);
      expect(list.body, who).not.toContain(ids.privateGoal);
      // Filtering by the hidden goal finds nothing, as for an unknown goal.
      const byGoal = (await as[who].call('GET', `/api/people/${me()}/entries?goalId=${ids.privateGoal}`)).json();
      expect(byGoal, who).toEqual({ entries: [], total: 0 });
    }
  });

  it('hidden and missing answer alike: same status, code and message', async () => {
    const privateEntry = await as.self.call('POST', `/api/people/${me()}/entries`, {
      title: 'Secret',
      areas: ['alpha'],
    });
    const privateAssessment = await as.self.call('POST', `/api/people/${me()}/assessments`, {
      ratings: AREAS.map((areaId) => ({ areaId, level: 2 })),
      visibility: 'private',
    });
    const hidden = {
      entry: (privateEntry.json() as { id: string }).id,
      goal: ids.privateGoal as string,
      assessment: (privateAssessment.json() as { id: string }).id,
    };
    const requests: Array<[string, 'GET' | 'PATCH' | 'DELETE' | 'POST', (id: string) => string, unknown]> = [
      ['read an entry', 'GET', (id) => `/api/entries/${id}`, undefined],
      ['edit an entry', 'PATCH', (id) => `/api/entries/${id}`, { title: 'x' }],
      ['delete an entry', 'DELETE', (id) => `/api/entries/${id}`, undefined],
      ['read a goal', 'GET', (id) => `/api/goals/${id}`, undefined],
      ['edit a goal', 'PATCH', (id) => `/api/goals/${id}`, { title: 'x' }],
      ['add a goal action', 'POST', (id) => `/api/goals/${id}/actions`, { title: 'x' }],
      ['check in', 'POST', (id) => `/api/goals/${id}/checkins`, { note: 'x', confidence: 3 }],
      ['read an assessment', 'GET', (id) => `/api/assessments/${id}`, undefined],
    ];
    const kindOf = (url: string) => (url.includes('entries') ? 'entry' : url.includes('goals') ? 'goal' : 'assessment');
    for (const who of READERS) {
      for (const [name, method, url, payload] of requests) {
        const kind = kindOf(url('x'));
        const id = hidden[kind];
        const unknownId = `${id.slice(0, -4)}zzzz`;
        const seen = await as[who].call(method, url(id), payload);
        const missing = await as[who].call(method, url(unknownId), payload);
        expect(seen.statusCode, `${who} ${name}`).toBe(404);
        expect(missing.statusCode, `${who} ${name}`).toBe(404);
        expect(seen.body.replaceAll(id, '<id>'), `${who} ${name}`).toBe(missing.body.replaceAll(unknownId, '<id>'));
      }
    }
    // Nothing was changed by all those attempts.
    const still = (await as.self.call('GET', `/api/entries/${hidden.entry}`)).json() as { title: string };
    expect(still.title).toBe('Secret');
  });

  it('editing one field of an entry keeps every other field', async () => {
    const created = await as.self.call('POST', `/api/people/${me()}/entries`, {
      title: 'Before',
      body: 'The body',
      areas: ['alpha', 'beta'],
      kind: 'pairing',
      links: ['https://example.com/1'],
      visibility: 'manager',
    });
    const entry = created.json() as Record<string, unknown>;
    const edited = await as.self.call('PATCH', `/api/entries/${entry.id}`, { title: 'After' });
    expect(edited.statusCode, edited.body).toBe(200);
    const { title, updatedAt, ...rest } = edited.json() as Record<string, unknown>;
    const { title: _t, updatedAt: _u, ...before } = entry;
    expect(title).toBe('After');
    expect(rest).toEqual(before);
  });

  it('team membership is set by admins only, safely under concurrency', async () => {
    const join = await as.stranger.call('PATCH', `/api/people/${as.stranger.personId}`, { team: 'core' });
    expect(join.statusCode, join.body).toBe(403);
    const profile = (await as.stranger.call('GET', `/api/people/${as.stranger.personId}`)).json() as {
      team: string | null;
    };
    expect(profile.team).toBeNull();
    // Still outside: the member's team-shared entries are not theirs to read.
    const entries = (await as.stranger.call('GET', `/api/people/${me()}/entries`)).json() as { total: number };
    expect(entries.total).toBe(0);
    // The admin moves six people into a new team at once: every request succeeds, one team exists.
    const people = [as.stranger, as.teamPeer, as.mentor, as.otherManager, as.manager, as.self];
    const answers = await Promise.all(
      people.map((p) => as.admin.call('PATCH', `/api/people/${p.personId}`, { team: 'Race1' })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(people.map(() => 200));
    const directory = (await as.admin.call('GET', '/api/people')).json() as Array<{ team: string | null }>;
    expect(directory.filter((p) => p.team === 'Race1')).toHaveLength(6);
    // Put everyone back where they were for the rest of the suite.
    await Promise.all([
      as.admin.call('PATCH', `/api/people/${as.stranger.personId}`, { team: null }),
      as.admin.call('PATCH', `/api/people/${as.teamPeer.personId}`, { team: 'core' }),
      as.admin.call('PATCH', `/api/people/${as.mentor.personId}`, { team: 'platform' }),
      as.admin.call('PATCH', `/api/people/${as.otherManager.personId}`, { team: 'platform' }),
      as.admin.call('PATCH', `/api/people/${as.manager.personId}`, { team: 'core' }),
      as.admin.call('PATCH', `/api/people/${me()}`, { team: 'core' }),
    ]);
  });

  it('a peer’s 360 answer is never readable alone by the rated member', async () => {
    await as.self.call('POST', `/api/people/${me()}/assessments`, {
      ratings: AREAS.map((areaId) => ({ areaId, level: 2 })),
    });
    const opened = await as.self.call('POST', `/api/people/${me()}/rounds`, {
      raters: [
        { personId: as.manager.personId, relation: 'manager' },
        { personId: as.teamPeer.personId, relation: 'peer' },
        { personId: as.stranger.personId, relation: 'peer' },
      ],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const roundId = (opened.json() as { id: string }).id;
    const answer = async (who: Who, comment: string) => {
      const res = await as[who].call('POST', `/api/rounds/${roundId}/ratings`, {
        ratings: AREAS.map((areaId) => ({ areaId, level: 3, comment })),
      });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { assessmentId: string }).assessmentId;
    };
    const peerAnswer = await answer('teamPeer', 'peer words');
    const managerAnswer = await answer('manager', 'manager words');
    const secondPeer = await answer('stranger', 'second peer words');
    for (const id of [peerAnswer, secondPeer]) {
      const read = await as.self.call('GET', `/api/assessments/${id}`);
      const missing = await as.self.call('GET', `/api/assessments/${id.slice(0, -4)}zzzz`);
      expect(read.statusCode).toBe(404);
      expect(read.body).not.toContain('peer words');
      expect(read.body.replaceAll(id, '<id>')).toBe(missing.body.replaceAll(`${id.slice(0, -4)}zzzz`, '<id>'));
    }
    // The rater reads their own answer; the manager's answer is named in the results anyway.
    expect((await as.teamPeer.call('GET', `/api/assessments/${peerAnswer}`)).statusCode).toBe(200);
    expect((await as.self.call('GET', `/api/assessments/${managerAnswer}`)).statusCode).toBe(200);
    // With two peer answers the results show no peer figures and no peer comment.
    const rounds = await as.self.call('GET', `/api/people/${me()}/rounds`);
    expect(rounds.body).not.toContain('peer words');
  });

  it('records every read of the member’s data by someone who may see some of it', async () => {
    const before = (await as.self.call('GET', '/api/me/audit')).json() as unknown[];
    const teamEntry = await as.self.call('POST', `/api/people/${me()}/entries`, {
      title: 'For the team',
      areas: ['gamma'],
      visibility: 'team',
    });
    const assessments = (await as.self.call('GET', `/api/people/${me()}/assessments`)).json() as Array<{
      id: string;
      visibility: string;
    }>;
    const teamAssessment = assessments.find((a) => a.visibility === 'team')?.id as string;
    const routes: Array<[string, string]> = [
      ['journal', `/api/entries/${(teamEntry.json() as { id: string }).id}`],
      ['assessments', `/api/assessments/${teamAssessment}`],
      ['readiness report', `/api/people/${me()}/readiness/export?format=md`],
      ['journal', `/api/people/${me()}/entries`],
      ['evidence timeline', `/api/people/${me()}/timeline`],
      ['goals', `/api/people/${me()}/goals`],
      ['goals', `/api/goals/${ids.sharedGoal}`],
      ['standing', `/api/people/${me()}/standing`],
      ['readiness report', `/api/people/${me()}/readiness`],
      ['assessments', `/api/people/${me()}/assessments`],
    ];
    type Line = { id: string; who: string; action: string; resource: string };
    let seen = new Set(((await as.self.call('GET', '/api/me/audit')).json() as Line[]).map((l) => l.id));
    for (const [resource, url] of routes) {
      const res = await as.manager.call('GET', url);
      expect(res.statusCode, url).toBe(200);
      const log = (await as.self.call('GET', '/api/me/audit')).json() as Line[];
      const added = log.filter((l) => !seen.has(l.id));
      expect(added, url).toContainEqual(expect.objectContaining({ who: 'Boss', action: 'read', resource }));
      seen = new Set(log.map((l) => l.id));
    }
    // Readers who can see nothing of the member's leave no "read" behind (they read nothing).
    const count = ((await as.self.call('GET', '/api/me/audit')).json() as unknown[]).length;
    await as.otherManager.call('GET', `/api/people/${me()}/entries`);
    await as.admin.call('GET', `/api/people/${me()}/timeline`);
    expect(((await as.self.call('GET', '/api/me/audit')).json() as unknown[]).length).toBe(count);
    expect(count).toBeGreaterThan(before.length);
  });
});
