import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    expectError(await call('POST', '/api/git/repositories', { path: '/no/such/repo' }), 400, 'REPO_UNUSABLE');
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

  describe('paths that cannot be used', () => {
    // Telling these apart would let an API caller probe the server's file system.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-unusable-'));
    afterAll(() => {
      fs.chmodSync(path.join(tmp, 'unreadable'), 0o700);
      fs.rmSync(tmp, { recursive: true, force: true });
    });
    const file = path.join(tmp, 'file.txt');
    fs.writeFileSync(file, 'x');
    fs.mkdirSync(path.join(tmp, 'plain'));
    fs.mkdirSync(path.join(tmp, 'unreadable'), { mode: 0o000 });
    fs.chmodSync(path.join(tmp, 'unreadable'), 0o000);
    execFileSync('git', ['init', '-q', path.join(tmp, 'empty')]);

    /** What the API answers for registering `where`, with the echoed path taken out. */
    const answerFor = async (where: string, rev?: string) => {
      const res = await call('POST', '/api/git/repositories', { path: where, ...(rev ? { rev } : {}) });
      const { error } = res.json() as { error: { code: string; message: string } };
      expect(error.message.startsWith(where), error.message).toBe(true);
      return { status: res.statusCode, code: error.code, message: error.message.slice(where.length) };
    };
    const expected = {
      status: 400,
      code: 'REPO_UNUSABLE',
      message: ' cannot be used: it must be a readable, non-shallow git repository with commits on this server.',
    };

    it.each([
      ['a missing path', () => path.join(tmp, 'missing')],
      ['a file', () => file],
      ['a plain folder', () => path.join(tmp, 'plain')],
      ['a path through a file (not a folder; unreadable even to root)', () => path.join(file, 'repo')],
      ['an empty repository', () => path.join(tmp, 'empty')],
      [
        'a shallow clone',
        () => {
          const dir = path.join(tmp, 'shallow');
          execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, dir]);
          return dir;
        },
      ],
    ])('answers the same for %s', async (_name, where) => {
      expect(await answerFor(where())).toEqual(expected);
    });

    it('answers the same whatever revision is asked for', async () => {
      expect(await answerFor(path.join(tmp, 'missing'), 'nope')).toEqual(expected);
      expect(await answerFor(path.join(tmp, 'empty'), 'nope')).toEqual(expected);
    });

    // root reads a chmod 000 folder anyway, so the folder would not be unreadable there.
    it.skipIf(process.getuid?.() === 0)('answers the same for an unreadable folder (skipped as root)', async () => {
      expect(await answerFor(path.join(tmp, 'unreadable'))).toEqual(expected);
    });

    it('answers the same when importing a repository that is gone', async () => {
      const gone = new TestRepo();
      gone.commit({ name: 'Zed', email: 'zed@example.com' }, 'Work');
      const { id } = (await call('POST', '/api/git/repositories', { path: gone.dir })).json() as { id: string };
      gone.remove();
      const res = await call('POST', `/api/git/repositories/${id}/import`, {});
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: { code: 'REPO_UNUSABLE', message: `${gone.dir}${expected.message}` } });
      await call('DELETE', `/api/git/repositories/${id}`);
    });
  });
});
