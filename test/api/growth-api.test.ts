import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { exportBackup } from '../../src/services/backup/backup.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string; fields?: Record<string, string> } };
  expect(body.error.code).toBe(code);
  expect(res.body).not.toMatch(/\n\s+at |node_modules/);
  return body.error;
}

describe.each(ENGINES)('growth plan, journal and report API on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let personId: string;
  let goalId: string;
  let actionId: string;
  let admin: SignedIn;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    admin.call(method, url, payload);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = testContext(database.db);
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    admin = await signUpAdmin(app);
    personId = admin.personId;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('creates and updates goals, actions and check-ins', async () => {
    const created = await call('POST', `/api/people/${personId}/goals`, {
      areaId: 'alpha',
      title: 'Run the retro',
      dueOn: '2026-02-01',
      actions: [{ title: 'Prepare a format' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const goal = created.json() as { id: string; actions: Array<{ id: string }> };
    goalId = goal.id;
    actionId = goal.actions[0]?.id as string;
    const done = await call('PATCH', `/api/goals/${goalId}/actions/${actionId}`, { done: true });
    expect(done.json()).toMatchObject({ progress: { percent: 100, actionsDone: 1 } });
    expect(
      (await call('POST', `/api/goals/${goalId}/actions`, { frameworkActionId: 'alpha-action-2' })).statusCode,
    ).toBe(201);
    expect((await call('POST', `/api/goals/${goalId}/checkins`, { note: 'ok', confidence: 4 })).statusCode).toBe(201);
    expect((await call('PATCH', `/api/goals/${goalId}`, { status: 'active', why: 'to grow' })).json()).toMatchObject({
      why: 'to grow',
    });
    const list = (await call('GET', `/api/people/${personId}/goals?status=open`)).json() as {
      goals: unknown[];
      byArea: unknown[];
    };
    expect(list.goals).toHaveLength(1);
    expect(list.byArea).toHaveLength(3);
  });

  it('refuses bad goal input with field errors and unknown ids with 404', async () => {
    const bad = expectError(
      await call('POST', `/api/people/${personId}/goals`, {
        areaId: 'alpha',
        title: '',
        dueOn: '2026-02-30',
        status: 'someday',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(bad.fields ?? {})).toEqual(expect.arrayContaining(['title', 'dueOn', 'status']));
    expectError(
      await call('POST', `/api/people/${personId}/goals`, { areaId: 'omega', title: 'x' }),
      400,
      'AREA_NOT_FOUND',
    );
    expectError(
      await call('POST', `/api/goals/${goalId}/checkins`, { note: 'x', confidence: 9 }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await call('POST', `/api/goals/${goalId}/actions`, {}), 400, 'VALIDATION_FAILED');
    expectError(await call('GET', '/api/goals/nope'), 404, 'GOAL_NOT_FOUND');
    expectError(await call('PATCH', '/api/goals/nope', { status: 'done' }), 404, 'GOAL_NOT_FOUND');
    expectError(await call('PATCH', `/api/goals/${goalId}/actions/nope`, { done: true }), 404, 'GOAL_ACTION_NOT_FOUND');
    expectError(await call('POST', '/api/goals/nope/checkins', { note: 'x', confidence: 3 }), 404, 'GOAL_NOT_FOUND');
    expectError(await call('GET', '/api/people/nope/goals'), 404, 'PERSON_NOT_FOUND');
    expectError(await call('GET', `/api/people/${personId}/goals?status=later`), 400, 'VALIDATION_FAILED');
  });

  it('records, searches, edits and deletes entries, refusing bad ones', async () => {
    const created = await call('POST', `/api/people/${personId}/entries`, {
      title: 'Paired on the flaky test',
      body: '<img src=x onerror=alert(1)> **fixed**',
      areas: ['alpha'],
      kind: 'pairing',
      occurredOn: '2026-01-02',
      links: ['https://example.com/pr/9'],
      goalId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json() as { id: string; bodyHtml: string; visibility: string };
    expect(entry.bodyHtml).not.toMatch(/onerror|<img/);
    expect(entry.visibility).toBe('private');
    const found = (
      await call('GET', `/api/people/${personId}/entries?q=flaky&areaId=alpha&goalId=${goalId}`)
    ).json() as { total: number };
    expect(found.total).toBe(1);
    expect((await call('PATCH', `/api/entries/${entry.id}`, { visibility: 'mentor' })).json()).toMatchObject({
      visibility: 'mentor',
    });
    const timeline = (await call('GET', `/api/people/${personId}/timeline?weeks=4`)).json() as {
      weeks: Array<{ counts: Record<string, number> }>;
    };
    expect(timeline.weeks).toHaveLength(4);
    expect(timeline.weeks.reduce((n, w) => n + (w.counts.alpha ?? 0), 0)).toBe(1);

    const bad = expectError(
      await call('POST', `/api/people/${personId}/entries`, {
        title: 'x',
        areas: [],
        kind: 'brag',
        links: ['javascript:alert(1)'],
        visibility: 'world',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(bad.fields ?? {})).toEqual(expect.arrayContaining(['areas', 'kind', 'links.0', 'visibility']));
    expectError(
      await call('POST', `/api/people/${personId}/entries`, { title: 'x', areas: ['omega'] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await call('GET', `/api/people/${personId}/entries?from=yesterday`), 400, 'VALIDATION_FAILED');
    expectError(await call('GET', `/api/people/${personId}/entries?limit=100000`), 400, 'VALIDATION_FAILED');
    expectError(await call('GET', '/api/entries/nope'), 404, 'ENTRY_NOT_FOUND');
    expectError(await call('PATCH', '/api/entries/nope', { title: 'y' }), 404, 'ENTRY_NOT_FOUND');
    expectError(await call('DELETE', '/api/entries/nope'), 404, 'ENTRY_NOT_FOUND');
    expect((await call('DELETE', `/api/entries/${entry.id}`)).statusCode).toBe(204);
    expectError(await call('GET', `/api/entries/${entry.id}`), 404, 'ENTRY_NOT_FOUND');
  });

  it('imports entries only when clean, reporting problems by line', async () => {
    const url = `/api/people/${personId}/entries/import`;
    const csv = 'date,title,areas\n2026-01-01,Good,alpha\n2026-01-01,Bad,omega\n';
    const dry = await call('POST', url, { format: 'csv', files: [{ name: 'a.csv', content: csv }], dryRun: true });
    expect(dry.json()).toMatchObject({ dryRun: true, valid: 1, imported: 0, problems: [{ file: 'a.csv', line: 3 }] });
    const refused = expectError(
      await call('POST', url, { format: 'csv', files: [{ name: 'a.csv', content: csv }] }),
      400,
      'IMPORT_INVALID',
    );
    expect(refused.fields).toHaveProperty(['a.csv:3']);
    expectError(await call('POST', url, { format: 'xml', files: [] }), 400, 'VALIDATION_FAILED');
  });

  it('serves the readiness report as JSON, Markdown, HTML and PDF, and a backup', async () => {
    await call('PATCH', `/api/people/${personId}`, { track: 'manager' });
    await call('POST', `/api/people/${personId}/assessments`, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 2 })),
    });
    const json = await call('GET', `/api/people/${personId}/readiness`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ overall: { verdict: 'not-yet', areasTotal: 3 } });
    const md = await call('GET', `/api/people/${personId}/readiness/export?format=md`);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.body).toContain('# Readiness report');
    const html = await call('GET', `/api/people/${personId}/readiness/export?format=html`);
    expect(html.body).toMatch(/^<!doctype html>/);
    const pdf = await call('GET', `/api/people/${personId}/readiness/export?format=pdf&track=ic`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /attachment; filename="leadway-readiness-\d{4}-\d{2}-\d{2}\.pdf"/,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expectError(await call('GET', `/api/people/${personId}/readiness/export?format=docx`), 400, 'VALIDATION_FAILED');
    expectError(await call('GET', `/api/people/${personId}/readiness?track=wizard`), 400, 'TRACK_NOT_FOUND');
    expectError(await call('GET', '/api/people/nope/readiness'), 404, 'PERSON_NOT_FOUND');
    // The admin downloads the installation's backup (test/api/backup.test.ts covers it in full).
    expect((await call('GET', '/api/backup')).statusCode).toBe(200);
  });
});

describe('restoring a backup through the API', () => {
  it('moves everything from SQLite to PostgreSQL on first run, and is closed once accounts exist', async () => {
    const source = await createTestDatabase('sqlite');
    const target = await createTestDatabase('postgres');
    const from = await buildApp({ ctx: testContext(source.db) });
    const to = await buildApp({ ctx: testContext(target.db) });
    try {
      const owner = await signUpAdmin(from);
      await owner.call('POST', `/api/people/${owner.personId}/entries`, { title: 'Moved', areas: ['vision'] });
      // Made on the server, as `leadway export` does.
      const backup = await exportBackup(testContext(source.db));
      expectError(
        await to.inject({ method: 'POST', url: '/api/backup', payload: { format: 'nope' } }),
        400,
        'BACKUP_INVALID',
      );
      const restored = await to.inject({ method: 'POST', url: '/api/backup', payload: backup as object });
      expect(restored.statusCode, restored.body).toBe(201);
      expect(restored.json()).toMatchObject({ restored: { people: 1, journal_entries: 1, credentials: 1 } });
      // The restored account works on the new server, and restoring again is refused.
      const login = await to.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'ada@example.com', password: 'correct horse battery' },
      });
      expect(login.statusCode, login.body).toBe(200);
      expectError(
        await to.inject({ method: 'POST', url: '/api/backup', payload: backup as object }),
        401,
        'UNAUTHENTICATED',
      );
    } finally {
      await from.close();
      await to.close();
      await source.destroy();
      await target.destroy();
    }
  });
});
