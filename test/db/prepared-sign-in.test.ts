import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { findSessionWithHolder } from '../../src/db/repositories/sessions.ts';
import { secretHash } from '../../src/services/auth/passwords.ts';
import { logOut, startSession } from '../../src/services/auth/sessions.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { testContext } from '../helpers/factories.ts';
import { buildPerson } from '../helpers/records.ts';

/**
 * On PostgreSQL the sign-in statement every request runs is kept prepared on each pooled
 * connection (db/client.ts prepareOnPostgres). Prepared or not, it reads the latest commit: a
 * write or a sign-out by another server on the same database shows in the very next sign-in.
 */
describe('the sign-in statement on postgres', () => {
  let database: TestDatabase;
  let other: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    other = await openDatabase(database.config);
  });
  afterAll(async () => {
    await other?.close();
    await database.destroy();
  });

  it('runs prepared by name on the connection', async () => {
    const person = await buildPerson(database.db);
    const { token } = await startSession(testContext(database.db), person.id);
    const prepared = await database.db.connection().execute(async (connection) => {
      for (let i = 0; i < 7; i++)
        expect((await findSessionWithHolder(connection, secretHash(token)))?.person_id).toBe(person.id);
      const { rows } = await sql<{
        name: string;
        statement: string;
      }>`select name, statement from pg_prepared_statements`.execute(connection);
      return rows;
    });
    expect(prepared).toEqual([expect.objectContaining({ name: expect.stringMatching(/^leadway_/) })]);
    expect(prepared[0]?.statement).toContain('"sessions"');
  });

  it('sees another server’s writes and sign-outs at the next request', async () => {
    const person = await buildPerson(database.db);
    const { token } = await startSession(testContext(database.db), person.id);
    const id = secretHash(token);
    // Warm every pooled connection past PostgreSQL's five custom plans.
    for (let i = 0; i < 30; i++)
      await Promise.all(Array.from({ length: 10 }, () => findSessionWithHolder(database.db, id)));
    const before = (await findSessionWithHolder(database.db, id))?.data_version;
    await buildPerson(other.db);
    const after = (await findSessionWithHolder(database.db, id))?.data_version;
    expect(BigInt(String(after))).toBeGreaterThan(BigInt(String(before)));
    await logOut(testContext(other.db), token);
    expect(await findSessionWithHolder(database.db, id)).toBeUndefined();
  });
});
