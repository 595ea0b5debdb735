import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, buildPersonInput, testContext } from '../helpers/factories.ts';

/** Asserts the one error shape, a 4xx status, and no stack trace. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = res.json() as { error: { code: string; message: string; fields?: Record<string, string> } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  expect(res.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  return body.error;
}

const ALL_THREE = (level: number) => ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level, comment: '' }));
const ANSWERS = { 'q-people': 5, 'q-build': 2, 'q-meetings': 4, 'q-depth': 3 };

describe.each(ENGINES)('HTTP API on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let personId: string;
  let ada: SignedIn;

  const json = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    ada.call(method, url, payload);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = testContext(database.db);
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    ada = await signUpAdmin(app, { email: 'ada@example.com' });
    personId = ada.personId;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('answers health and documents itself at /api/docs', async () => {
    expect((await json('GET', '/api/health')).json()).toEqual({ status: 'ok' });
    const docs = await json('GET', '/api/docs/json');
    expect(docs.statusCode).toBe(200);
    const paths = Object.keys((docs.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/framework',
        '/api/people',
        '/api/people/{personId}/assessments',
        '/api/people/{personId}/next-actions',
      ]),
    );
    expect((await json('GET', '/api/docs')).statusCode).toBeLessThan(400);
  });

  it('serves the active framework in the documented shape', async () => {
    const res = await json('GET', '/api/framework');
    expect(res.statusCode).toBe(200);
    const fw = res.json() as {
      version: string;
      areas: Array<{ id: string; levels: unknown[]; actions: unknown[] }>;
      tracks: unknown[];
    };
    expect(fw.version).toBe('1.0.0');
    expect(fw.areas.map((a) => a.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect(fw.areas[0]?.levels).toHaveLength(4);
    expect(fw.tracks).toHaveLength(2);
  });

  it('walks the first run: profile, path, assessment, standing, next actions', async () => {
    const created = await json('POST', '/api/people', buildPersonInput({ email: 'grace@example.com', name: 'Grace' }));
    expect(created.statusCode).toBe(201);

    const rec = await json('POST', '/api/path/recommendation', { answers: ANSWERS });
    expect(rec.json()).toMatchObject({ recommendedTrack: 'manager', strength: 'clear' });

    const saved = await json('POST', `/api/people/${personId}/reflections`, { answers: ANSWERS, why: 'People.' });
    expect(saved.statusCode).toBe(201);
    expect((await json('GET', `/api/people/${personId}`)).json()).toMatchObject({ track: 'manager', stage: 'lead' });
    expect((await json('GET', `/api/people/${personId}/reflections`)).json()).toHaveLength(1);

    const assessed = await json('POST', `/api/people/${personId}/assessments`, { ratings: ALL_THREE(2) });
    expect(assessed.statusCode).toBe(201);
    const assessment = assessed.json() as { id: string; frameworkVersion: string };
    expect(assessment.frameworkVersion).toBe('1.0.0');
    expect((await json('GET', `/api/assessments/${assessment.id}`)).json()).toMatchObject({ id: assessment.id });
    expect((await json('GET', `/api/people/${personId}/assessments`)).json()).toHaveLength(1);

    const standing = (await json('GET', `/api/people/${personId}/standing`)).json() as {
      areas: Array<{ gap: number }>;
    };
    expect(standing.areas.map((a) => a.gap)).toEqual([1, 1, 1]);

    const next = (await json('GET', `/api/people/${personId}/next-actions`)).json() as {
      actions: Array<{ id: string }>;
    };
    expect(next.actions).toHaveLength(3);
    const first = next.actions[0]?.id as string;
    const marked = await json('PUT', `/api/people/${personId}/actions/${first}`, { state: 'done' });
    expect(marked.json()).toMatchObject({ actionId: first, state: 'done' });
    const after = (await json('GET', `/api/people/${personId}/next-actions?limit=5`)).json() as {
      actions: Array<{ id: string }>;
    };
    expect(after.actions.map((a) => a.id)).not.toContain(first);
    expect(after.actions).toHaveLength(5);

    const patched = await json('PATCH', `/api/people/${personId}`, { track: 'ic', team: 'Platform' });
    expect(patched.json()).toMatchObject({ track: 'ic', stage: 'staff', team: 'Platform' });
  });

  it('refuses malformed JSON, wrong content types and oversize bodies', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Ada",',
    });
    expectError(bad, 400, 'INVALID_JSON');
    const empty = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expectError(empty, 400, 'INVALID_JSON');
    const text = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expectError(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const huge = await json('POST', '/api/people', { ...buildPersonInput(), name: 'x'.repeat(1024 * 1024 + 10) });
    expectError(huge, 413, 'BODY_TOO_LARGE');
    const proto = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"admin": true}, "name": "x"}',
    });
    expect(proto.statusCode).toBe(400);
    // A field named "__proto__" is named in the answer like any other (not lost on the way out).
    const nul = await app.inject({ method: 'GET', url: '/api/people?__proto__=%00' });
    expect(Object.keys(expectError(nul, 400, 'INVALID_CHARACTER').fields ?? {})).toEqual(['__proto__']);
  });

  it('refuses wrong types and unknown fields on every write, naming the fields', async () => {
    const person = expectError(
      await json('POST', '/api/people', { name: 42, email: 'not-an-email', roleTitle: '' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(person.fields ?? {})).toEqual(expect.arrayContaining(['name', 'email', 'roleTitle']));
    const extra = expectError(
      await json('POST', '/api/people', { ...buildPersonInput({ email: 'x@example.com' }), admin: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(extra.fields).toMatchObject({ admin: 'unknown field' });
    expectError(await json('PATCH', `/api/people/${personId}`, { track: 7 }), 400, 'VALIDATION_FAILED');
    expectError(await json('PATCH', `/api/people/${personId}`, { track: 'wizard' }), 400, 'TRACK_NOT_FOUND');
    expectError(
      await json('POST', '/api/path/recommendation', { answers: { 'q-people': 'five' } }),
      400,
      'VALIDATION_FAILED',
    );
    const missing = expectError(
      await json('POST', '/api/path/recommendation', { answers: { 'q-people': 5 } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(missing.fields?.['answers.q-build']).toMatch(/answer this question/);
    expectError(
      await json('POST', `/api/people/${personId}/reflections`, { answers: ANSWERS, why: '  ' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await json('PUT', `/api/people/${personId}/actions/alpha-action-1`, { state: 'finished' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await json('GET', `/api/people/${personId}/next-actions?limit=0`), 400, 'VALIDATION_FAILED');
    expectError(await json('PUT', '/api/framework', { format: 'nope' }), 400, 'FRAMEWORK_INVALID');
    expectError(await json('POST', '/api/people', [1, 2]), 400, 'VALIDATION_FAILED');
  });

  it('refuses out-of-range levels, unknown areas and incomplete assessments, and stores nothing', async () => {
    const url = `/api/people/${personId}/assessments`;
    const before = ((await json('GET', url)).json() as unknown[]).length;
    const high = expectError(
      await json('POST', url, { ratings: [{ areaId: 'alpha', level: 5 }] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(high.fields?.['ratings.0.level']).toMatch(/1 to 4/);
    expectError(await json('POST', url, { ratings: [{ areaId: 'alpha', level: 0 }] }), 400, 'VALIDATION_FAILED');
    expectError(await json('POST', url, { ratings: [{ areaId: 'alpha', level: 2.5 }] }), 400, 'VALIDATION_FAILED');
    const unknown = expectError(
      await json('POST', url, { ratings: [...ALL_THREE(2), { areaId: 'omega', level: 2 }] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.fields?.['ratings.3.areaId']).toMatch(/unknown area/);
    const partial = expectError(
      await json('POST', url, { ratings: [{ areaId: 'alpha', level: 2 }] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(partial.fields ?? {})).toEqual(['ratings.beta', 'ratings.gamma']);
    expectError(await json('POST', url, { ratings: 'all good' }), 400, 'VALIDATION_FAILED');
    expect(((await json('GET', url)).json() as unknown[]).length).toBe(before);
  });

  it('answers 404 with a code for unknown ids and routes', async () => {
    expectError(await json('GET', '/api/people/nope'), 404, 'PERSON_NOT_FOUND');
    expectError(await json('PATCH', '/api/people/nope', { name: 'X' }), 404, 'PERSON_NOT_FOUND');
    expectError(await json('GET', '/api/people/nope/standing'), 404, 'PERSON_NOT_FOUND');
    expectError(await json('GET', '/api/people/nope/next-actions'), 404, 'PERSON_NOT_FOUND');
    expectError(await json('GET', '/api/people/nope/assessments'), 404, 'PERSON_NOT_FOUND');
    expectError(await json('POST', '/api/people/nope/assessments', { ratings: ALL_THREE(2) }), 404, 'PERSON_NOT_FOUND');
    expectError(await json('GET', '/api/people/nope/reflections'), 404, 'PERSON_NOT_FOUND');
    expectError(
      await json('POST', '/api/people/nope/reflections', { answers: ANSWERS, why: 'x' }),
      404,
      'PERSON_NOT_FOUND',
    );
    expectError(
      await json('PUT', '/api/people/nope/actions/alpha-action-1', { state: 'done' }),
      404,
      'PERSON_NOT_FOUND',
    );
    expectError(await json('PUT', `/api/people/${personId}/actions/nope`, { state: 'done' }), 404, 'ACTION_NOT_FOUND');
    expectError(await json('GET', '/api/assessments/nope'), 404, 'ASSESSMENT_NOT_FOUND');
    expectError(await json('GET', '/api/nothing-here'), 404, 'ROUTE_NOT_FOUND');
    expectError(await json('POST', '/api/people/nope/assessments/extra'), 404, 'ROUTE_NOT_FOUND');
  });

  it('refuses a duplicate email with 409', async () => {
    expectError(await json('POST', '/api/people', buildPersonInput({ email: 'ADA@example.com' })), 409, 'EMAIL_TAKEN');
  });

  it('installs a framework through PUT /api/framework and keeps version history', async () => {
    const v2 = { ...buildFramework(), version: '1.1.0', name: 'Test framework, revised' };
    const res = await json('PUT', '/api/framework', v2);
    expect(res.json()).toMatchObject({ status: 'installed', version: '1.1.0' });
    expectError(await json('PUT', '/api/framework', { ...v2, name: 'changed again' }), 409, 'FRAMEWORK_VERSION_EXISTS');
    const versions = (await json('GET', '/api/framework/versions')).json() as Array<{
      version: string;
      isActive: boolean;
    }>;
    expect(versions.map((v) => [v.version, v.isActive])).toEqual([
      ['1.1.0', true],
      ['1.0.0', false],
    ]);
  });

  it('refuses requests addressed to another host name', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health', headers: { host: 'evil.example:7420' } });
    expectError(res, 403, 'HOST_NOT_ALLOWED');
    const ok = await app.inject({ method: 'GET', url: '/api/health', headers: { host: '127.0.0.1:7420' } });
    expect(ok.statusCode).toBe(200);
  });
});
