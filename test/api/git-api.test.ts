import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildPersonInput, testContext } from '../helpers/factories.ts';
import { TestRepo } from '../helpers/git-repo.ts';

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { error: { code: string } }).error.code).toBe(code);
}

describe.each(ENGINES)('git and email API on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let repo: TestRepo;
  let personId: string;
  let admin: SignedIn;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => admin.call(method, url, payload);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await buildApp({ ctx: testContext(database.db) });
    admin = await signUpAdmin(app);
    personId = admin.personId;
    repo = new TestRepo();
    repo.commit({ name: 'Zed', email: 'zed@example.com' }, 'Work\n\nAcked-by: Ada <ada@old.example>');
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    repo.remove();
  });

  it('manages extra emails', async () => {
    expect((await call('POST', `/api/people/${personId}/emails`, { email: 'ADA@old.example' })).json()).toEqual({
      primary: 'ada@example.com',
      extra: ['ada@old.example'],
    });
    const other = (
      (await call('POST', '/api/people', buildPersonInput({ email: 'bo@example.com' }))).json() as { id: string }
    ).id;
    expectError(await call('POST', `/api/people/${other}/emails`, { email: 'ada@old.example' }), 409, 'EMAIL_TAKEN');
    expectError(await call('POST', `/api/people/${other}/emails`, { email: 'not an email' }), 400, 'VALIDATION_FAILED');
    expectError(await call('DELETE', `/api/people/${other}/emails/ada@old.example`), 404, 'EMAIL_NOT_FOUND');
    expectError(await call('GET', '/api/people/nope/emails'), 404, 'PERSON_NOT_FOUND');
  });

  it('registers, imports and removes repositories, with clear errors', async () => {
    const created = await call('POST', '/api/git/repositories', { path: repo.dir, name: 'zed' });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const imported = await call('POST', `/api/git/repositories/${id}/import`, {});
    expect(imported.json()).toMatchObject({ commitsRead: 1, creditsAdded: 1, entriesCreated: 1 });
    const evidence = (await call('GET', `/api/people/${personId}/git-evidence?months=1`)).json() as {
      months: Array<{ counts: Record<string, number> }>;
    };
    expect(evidence.months).toHaveLength(1);
    expectError(await call('POST', '/api/git/repositories', { path: '/no/such/repo' }), 400, 'REPO_NOT_FOUND');
    expectError(await call('POST', '/api/git/repositories', { path: repo.dir, rev: 'nope' }), 400, 'UNKNOWN_REVISION');
    expectError(await call('POST', '/api/git/repositories', { path: '' }), 400, 'VALIDATION_FAILED');
    expectError(await call('POST', '/api/git/repositories/nope/import', {}), 404, 'REPOSITORY_NOT_FOUND');
    expectError(
      await call('POST', `/api/git/repositories/${id}/import`, { personIds: ['nope'] }),
      404,
      'PERSON_NOT_FOUND',
    );
    expectError(await call('GET', '/api/people/nope/git-evidence'), 404, 'PERSON_NOT_FOUND');
    expect((await call('DELETE', `/api/git/repositories/${id}`)).statusCode).toBe(204);
    expectError(await call('DELETE', `/api/git/repositories/${id}`), 404, 'REPOSITORY_NOT_FOUND');
    expect((await call('GET', '/api/git/repositories')).json()).toEqual([]);
  });
});
