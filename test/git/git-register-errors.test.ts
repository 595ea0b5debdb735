import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRepository } from '../../src/services/git/repositories.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { testContext } from '../helpers/factories.ts';

// The API gives one REPO_UNUSABLE answer for every unusable path (test/api/git-api.test.ts); the
// CLI acts as the system, for the machine's own user on their own files, and keeps the details.
describe('registering as the system (the CLI)', () => {
  let database: TestDatabase;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-register-'));
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('keeps the precise error codes', async () => {
    const ctx = testContext(database.db);
    const empty = path.join(tmp, 'empty');
    execFileSync('git', ['init', '-q', empty]);
    fs.mkdirSync(path.join(tmp, 'plain'));
    await expect(registerRepository(ctx, { path: path.join(tmp, 'missing') })).rejects.toMatchObject({
      code: 'REPO_NOT_FOUND',
    });
    await expect(registerRepository(ctx, { path: path.join(tmp, 'plain') })).rejects.toMatchObject({
      code: 'NOT_A_REPOSITORY',
    });
    // An unknown revision in a repository without commits: the repository is what is wrong.
    await expect(registerRepository(ctx, { path: empty, rev: 'nope' })).rejects.toMatchObject({
      code: 'EMPTY_REPOSITORY',
      message: `${empty} has no commits yet.`,
    });
  });
});
