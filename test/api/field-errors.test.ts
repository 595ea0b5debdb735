import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LENGTH } from '../../src/contracts/limits.ts';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

const AREAS = ['alpha', 'beta', 'gamma'];
/** What zod says by itself; never shown to a person. */
const ZOD_WORDING = /Too big|Too small|expected |received|<=|>=|Invalid (input|option|string|type)/;

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

function refused(res: LightMyRequestResponse): ErrorBody['error'] {
  expect(res.statusCode, res.body).toBe(400);
  const { error } = res.json() as ErrorBody;
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.message).not.toMatch(ZOD_WORDING);
  for (const problem of Object.values(error.fields ?? {})) expect(problem).not.toMatch(ZOD_WORDING);
  return error;
}

describe.each(ENGINES)('field errors in plain words on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = testContext(database.db);
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    member = await inviteAndJoin(app, admin, { email: 'member@example.com', name: 'Member' });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('names a 100 KB journal body on its field, with the limit written out', async () => {
    const error = refused(
      await member.call('POST', `/api/people/${member.personId}/entries`, {
        title: 'Long',
        areas: ['alpha'],
        body: 'x'.repeat(100 * 1024),
      }),
    );
    expect(error.fields).toEqual({ body: 'At most 50,000 characters.' });
    expect(error.message).toBe('The request body has a problem: body: At most 50,000 characters.');
    expect(MAX_LENGTH.entryBody).toBe(50_000);
  });

  it('names a long goal "why", a missing title and a date that does not exist', async () => {
    const error = refused(
      await member.call('POST', `/api/people/${member.personId}/goals`, {
        areaId: 'alpha',
        why: 'w'.repeat(MAX_LENGTH.goalText + 1),
        dueOn: '2026-02-30',
      }),
    );
    expect(error.fields).toEqual({
      title: 'Required.',
      why: 'At most 4,000 characters.',
      dueOn: 'Pick a date that exists.',
    });
    expect(error.message).toBe(
      'The request body has 3 problems: title: Required.; why: At most 4,000 characters.; dueOn: Pick a date that exists.',
    );
  });

  it('words types, formats, choices and list sizes', async () => {
    const entry = refused(
      await member.call('POST', `/api/people/${member.personId}/entries`, {
        title: 7,
        areas: Array.from({ length: 11 }, () => 'alpha'),
        kind: 'meeting',
        occurredOn: 'yesterday',
        visibility: 'everyone',
      }),
    );
    expect(entry.fields).toMatchObject({
      title: 'Expected text.',
      areas: 'At most 10 items.',
      occurredOn: 'Write the date as YYYY-MM-DD, e.g. 2026-11-20.',
      visibility: 'One of: private, mentor, manager, team.',
    });
    expect(entry.fields?.kind).toMatch(/^One of: review, pairing, .*, other\.$/);
    const person = refused(
      await admin.call('POST', '/api/people', { name: 'N', email: 'not an email', roleTitle: 'x' }),
    );
    expect(person.fields).toEqual({ email: 'must be an email address such as ada@example.com' });
    const query = refused(await member.call('GET', `/api/people/${member.personId}/next-actions?limit=0`));
    expect(query.fields).toEqual({ limit: 'At least 1.' });
    expect(query.message).toBe('The request querystring has a problem: limit: At least 1.');
  });

  it('words what a service validates itself (a 360 answer) the same way, keyed by the input path', async () => {
    await member.call('POST', `/api/people/${member.personId}/assessments`, {
      ratings: AREAS.map((areaId) => ({ areaId, level: 2 })),
    });
    const opened = await member.call('POST', `/api/people/${member.personId}/rounds`, {
      raters: [{ personId: admin.personId, relation: 'peer' }],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id } = opened.json() as { id: string };
    const error = refused(
      await admin.call('POST', `/api/rounds/${id}/ratings`, {
        ratings: AREAS.map((areaId) => ({ areaId, level: 3, comment: 'c'.repeat(MAX_LENGTH.ratingComment + 1) })),
      }),
    );
    expect(error.fields).toMatchObject({ 'ratings.0.comment': 'At most 4,000 characters.' });
    expect(error.message).toMatch(/^The request has 3 problems: ratings\.0\.comment: At most 4,000 characters\./);
  });
});
