import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PersonalDataOutput, personalDataOutput } from '../../src/contracts/export.ts';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/** Entries a spreadsheet or a careless reader would trip over: formulas, quotes, commas, new lines, accents. */
const TRICKY = [
  {
    occurredOn: '2026-01-02',
    title: '=SUM(A1:A2) looked like a formula',
    body: '- first point\n- second, with "quotes"\n\nÉmoji 🎉 and Łukasz Żółć',
    areas: ['alpha', 'beta'],
    kind: 'review',
    links: ['https://example.com/a', 'https://example.com/b?x=1&y=2'],
    visibility: 'team',
  },
  {
    occurredOn: '2026-01-03',
    title: '+1 for pairing',
    body: '@here we paired',
    areas: ['gamma'],
    kind: 'pairing',
    links: [],
    visibility: 'manager',
  },
  {
    occurredOn: '2026-01-03',
    title: 'Say "hi", then: leave # not a comment',
    body: '',
    areas: ['alpha'],
    kind: 'other',
    links: [],
    visibility: 'private',
  },
  {
    occurredOn: '2026-01-04',
    title: '---',
    body: '---\nnot front matter\n---',
    areas: ['beta'],
    kind: 'document',
    links: [],
    visibility: 'mentor',
  },
] as const;

type Comparable = Pick<
  PersonalDataOutput['journal'][number],
  'occurredOn' | 'title' | 'body' | 'areas' | 'kind' | 'links' | 'visibility'
>;
const comparable = (entries: PersonalDataOutput['journal']): Comparable[] =>
  entries
    .map(({ occurredOn, title, body, areas, kind, links, visibility }) => ({
      occurredOn,
      title,
      body,
      areas: [...areas].sort(),
      kind,
      links,
      visibility,
    }))
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.title.localeCompare(b.title));

describe.each(ENGINES)('downloading your own data on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const as: Record<'admin' | 'manager' | 'mentor' | 'member' | 'peer', SignedIn> = {} as never;
  let invitations = 0;

  const join = (name: string) =>
    inviteAndJoin(app, as.admin, { email: `${name.toLowerCase()}${++invitations}@example.com`, name, team: 'other' });
  const exportOf = async (who: SignedIn): Promise<PersonalDataOutput> => {
    const res = await who.call('GET', `/api/people/${who.personId}/export`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return personalDataOutput.parse(JSON.parse(res.body));
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = testContext(database.db);
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    as.admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    as.manager = await inviteAndJoin(app, as.admin, { email: 'boss@example.com', name: 'Boss', team: 'core' });
    as.mentor = await inviteAndJoin(app, as.admin, { email: 'guide@example.com', name: 'Guide', team: 'platform' });
    as.member = await inviteAndJoin(app, as.admin, {
      email: 'member@example.com',
      name: 'Member',
      team: 'core',
      managerId: as.manager.personId,
      mentorId: as.mentor.personId,
    });
    as.peer = await inviteAndJoin(app, as.admin, { email: 'peer@example.com', name: 'Peer', team: 'core' });
    const me = as.member.personId;
    for (const entry of TRICKY) {
      const res = await as.member.call('POST', `/api/people/${me}/entries`, entry);
      expect(res.statusCode, res.body).toBe(201);
    }
    await as.peer.call('POST', `/api/people/${as.peer.personId}/entries`, {
      title: 'Peer’s own private note',
      areas: ['alpha'],
    });
    const goal = await as.member.call('POST', `/api/people/${me}/goals`, {
      title: 'Lead the incident review',
      areaId: 'beta',
      visibility: 'manager',
    });
    const goalId = (goal.json() as { id: string }).id;
    await as.member.call('POST', `/api/goals/${goalId}/actions`, { title: 'Book the room' });
    await as.member.call('POST', `/api/goals/${goalId}/checkins`, { note: 'On track', confidence: 4 });
    await as.member.call('PATCH', `/api/people/${me}`, { track: 'manager' });
    await as.member.call('POST', `/api/people/${me}/reflections`, {
      answers: { 'q-people': 4, 'q-build': 2, 'q-meetings': 3, 'q-depth': 2 },
      why: 'I like growing people',
    });
    await as.member.call('POST', `/api/people/${me}/assessments`, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 2 })),
    });
    await as.member.call('POST', `/api/people/${me}/emails`, { email: 'member@home.example' });
    const round = await as.member.call('POST', `/api/people/${me}/rounds`, {
      raters: [{ personId: as.manager.personId, relation: 'manager' }],
    });
    const roundId = (round.json() as { id: string }).id;
    await as.manager.call('POST', `/api/rounds/${roundId}/ratings`, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 3, comment: 'Solid' })),
    });
    // The peer asks the member for feedback; the member's answer is theirs to download.
    await as.peer.call('POST', `/api/people/${as.peer.personId}/assessments`, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 1 })),
    });
    const peerRound = await as.peer.call('POST', `/api/people/${as.peer.personId}/rounds`, {
      raters: [{ personId: me, relation: 'peer' }],
    });
    const given = await as.member.call('POST', `/api/rounds/${(peerRound.json() as { id: string }).id}/ratings`, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 2, comment: `Peer ${areaId}` })),
    });
    expect(given.statusCode, given.body).toBe(201);
    // Boss reads the member's journal: an audit line the member downloads too.
    await as.manager.call('GET', `/api/people/${me}/entries`);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('gives the person everything about them they can see, as one JSON file', async () => {
    const me = as.member.personId;
    const res = await as.member.call('GET', `/api/people/${me}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="leadway-my-data-2026-01-05\.json"$/);
    const raw = JSON.parse(res.body) as Record<string, unknown>;
    // Exactly the contract's fields, in its order.
    expect(Object.keys(raw)).toEqual(Object.keys(personalDataOutput.shape));
    const data = personalDataOutput.parse(raw);
    expect(data.format).toBe('leadway.personal-data/v1');
    expect(data.person).toMatchObject({ name: 'Member', email: 'member@example.com', team: 'core' });
    expect(data.emails).toEqual({ primary: 'member@example.com', extra: ['member@home.example'] });
    expect(data.assessments).toHaveLength(1);
    expect(data.reflections).toEqual([expect.objectContaining({ why: 'I like growing people' })]);
    expect(data.goals).toEqual([
      expect.objectContaining({
        title: 'Lead the incident review',
        actions: [expect.objectContaining({ title: 'Book the room' })],
        checkins: [expect.objectContaining({ note: 'On track', confidence: 4 })],
      }),
    ]);
    expect(data.rounds).toHaveLength(1);
    expect(data.rounds[0]?.named).toEqual([expect.objectContaining({ raterName: 'Boss', relation: 'manager' })]);
    expect(data.ratingsGiven).toEqual([
      expect.objectContaining({
        personName: 'Peer',
        relation: 'peer',
        ratings: expect.arrayContaining([{ areaId: 'alpha', level: 2, comment: 'Peer alpha' }]),
      }),
    ]);
    expect(data.git).toEqual({ credits: [] });
    expect(data.apiTokens).toEqual([expect.objectContaining({ name: 'tests' })]);
    expect(data.accessLog).toContainEqual(
      expect.objectContaining({ who: 'Boss', action: 'read', resource: 'journal' }),
    );
    expect(comparable(data.journal)).toEqual(comparable(TRICKY as never));
    // Never a secret, nor anybody else's data.
    expect(res.body).not.toMatch(/lw_|scrypt|token_hash|password/);
    expect(res.body).not.toContain('Peer’s own private note');
  });

  it('is for the person alone: anyone else gets exactly what an unknown id gets', async () => {
    const me = as.member.personId;
    for (const url of [`/api/people/${me}/export`, `/api/people/${me}/journal/export?format=csv`]) {
      const unknown = await as.peer.call('GET', url.replace(me, 'no-such-person'));
      expect(unknown.statusCode).toBe(404);
      for (const role of ['admin', 'manager', 'mentor', 'peer'] as const) {
        const res = await as[role].call('GET', url);
        expect([res.statusCode, res.body], `${role} ${url}`).toEqual([404, unknown.body]);
        expect(res.headers['content-disposition']).toBeUndefined();
      }
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('downloads the journal as CSV that the journal import reads back unchanged', async () => {
    const res = await as.member.call('GET', `/api/people/${as.member.personId}/journal/export?format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="leadway-journal-2026-01-05.csv"');
    const csv = res.body;
    expect(csv.split('\r\n')[0]).toBe('\uFEFFdate,title,body,areas,kind,links,visibility');
    // Cells a spreadsheet would run as formulas start with an apostrophe.
    expect(csv).toContain(`"'=SUM(A1:A2) looked like a formula"`);
    expect(csv).toContain(`"'- first point`);
    expect(csv).toContain(`"'+1 for pairing"`);
    const copy = await join('Copy');
    const url = `/api/people/${copy.personId}/entries/import`;
    const check = await copy.call('POST', url, {
      format: 'csv',
      files: [{ name: 'journal.csv', content: csv }],
      dryRun: true,
    });
    expect(check.json()).toEqual({ dryRun: true, valid: TRICKY.length, imported: 0, duplicates: [], problems: [] });
    const done = await copy.call('POST', url, { format: 'csv', files: [{ name: 'journal.csv', content: csv }] });
    expect(done.statusCode, done.body).toBe(200);
    expect(comparable((await exportOf(copy)).journal)).toEqual(comparable((await exportOf(as.member)).journal));
  });

  it('downloads the journal as a zip of Markdown files that the journal import reads back unchanged', async () => {
    const res = await as.member.call('GET', `/api/people/${as.member.personId}/journal/export?format=markdown`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="leadway-journal-2026-01-05.zip"');
    const files = Object.entries(unzipSync(new Uint8Array(res.rawPayload))).map(([name, bytes]) => ({
      name,
      content: strFromU8(bytes),
    }));
    expect(files.map((f) => f.name).sort()).toEqual([
      '2026-01-02-sum-a1-a2-looked-like-a-formula.md',
      '2026-01-03-1-for-pairing.md',
      '2026-01-03-say-hi-then-leave-not-a-comment.md',
      '2026-01-04-entry.md',
    ]);
    expect(files.find((f) => f.name.startsWith('2026-01-03-1'))?.content).toBe(
      '---\ndate: 2026-01-03\ntitle: "+1 for pairing"\nareas:\n  - gamma\nkind: pairing\nvisibility: manager\n---\n\n@here we paired\n',
    );
    const copy = await join('Markdown');
    const url = `/api/people/${copy.personId}/entries/import`;
    const done = await copy.call('POST', url, { format: 'markdown', files });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ imported: TRICKY.length });
    expect(comparable((await exportOf(copy)).journal)).toEqual(comparable((await exportOf(as.member)).journal));
  });

  it('gives an empty journal as a header row and an empty zip', async () => {
    const empty = await join('Empty');
    const csv = await empty.call('GET', `/api/people/${empty.personId}/journal/export?format=csv`);
    expect(csv.body).toBe('\uFEFFdate,title,body,areas,kind,links,visibility\r\n');
    const zip = await empty.call('GET', `/api/people/${empty.personId}/journal/export?format=markdown`);
    expect(unzipSync(new Uint8Array(zip.rawPayload))).toEqual({});
    expect((await exportOf(empty)).journal).toEqual([]);
    const bad = await empty.call('GET', `/api/people/${empty.personId}/journal/export?format=docx`);
    expect(bad.statusCode).toBe(400);
  });

  it('downloads a journal of 1,000 entries in pages, quickly', async () => {
    const prolific = await join('Prolific');
    const rows = Array.from(
      { length: 1_000 },
      (_, i) =>
        `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},Entry ${i},"${'Some words about what happened. '.repeat(8)}",alpha;beta,review,https://example.com/${i},private`,
    );
    const imported = await prolific.call('POST', `/api/people/${prolific.personId}/entries/import`, {
      format: 'csv',
      files: [{ name: 'many.csv', content: `date,title,body,areas,kind,links,visibility\n${rows.join('\n')}\n` }],
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const timed = async (url: string): Promise<[LightMyRequestResponse, number]> => {
      const started = performance.now();
      const res = await prolific.call('GET', url);
      return [res, performance.now() - started];
    };
    const [json, jsonMs] = await timed(`/api/people/${prolific.personId}/export`);
    const [csv, csvMs] = await timed(`/api/people/${prolific.personId}/journal/export?format=csv`);
    const [zip, zipMs] = await timed(`/api/people/${prolific.personId}/journal/export?format=markdown`);
    const data = personalDataOutput.parse(JSON.parse(json.body));
    expect(data.journal).toHaveLength(1_000);
    expect(new Set(data.journal.map((e) => e.id)).size).toBe(1_000);
    expect(csv.body.split('\r\n').length).toBe(1_002);
    expect(Object.keys(unzipSync(new Uint8Array(zip.rawPayload)))).toHaveLength(1_000);
    console.info(
      `[${engine}] 1,000 entries: JSON ${Math.round(jsonMs)} ms (${Math.round(json.rawPayload.length / 1024)} KiB), CSV ${Math.round(csvMs)} ms (${Math.round(csv.rawPayload.length / 1024)} KiB), Markdown zip ${Math.round(zipMs)} ms (${Math.round(zip.rawPayload.length / 1024)} KiB)`,
    );
    // Generous bounds for a loaded CI machine; the figures measured are in docs/benchmarks.md.
    expect(jsonMs).toBeLessThan(5_000);
    expect(csvMs).toBeLessThan(5_000);
    expect(zipMs).toBeLessThan(5_000);
  }, 60_000);
});
