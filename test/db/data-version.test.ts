import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNVERSIONED } from '../../src/db/migrations/0009-data-version.ts';
import { insertAuditRows } from '../../src/db/repositories/audit.ts';
import { insertTableRows } from '../../src/db/repositories/backup.ts';
import { listTablesWithoutVersionTriggers, readDataVersion } from '../../src/db/repositories/data-version.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { startSession } from '../../src/services/auth/sessions.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';
import { buildEntry, buildPerson, systemContext } from '../helpers/records.ts';

/**
 * The data version (migration 0009) that the server's answer cache compares against: every write
 * of the data tables bumps it when it commits, on both engines; reads, audit lines and sign-ins do not.
 */
describe.each(ENGINES)('data version on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('has its triggers on every table but the few left out on purpose (a new table needs them)', async () => {
    const missing = await listTablesWithoutVersionTriggers(database.db);
    expect(missing.filter((name) => !UNVERSIONED.has(name))).toEqual([]);
  });

  it('moves with every committed write, not with reads, audit lines, sign-ins or rolled-back writes', async () => {
    const v0 = await readDataVersion(database.db);
    const person = await buildPerson(database.db);
    const v1 = await readDataVersion(database.db);
    expect(BigInt(v1)).toBeGreaterThan(BigInt(v0));
    await buildEntry(database.db, { personId: person.id });
    const v2 = await readDataVersion(database.db);
    expect(BigInt(v2)).toBeGreaterThan(BigInt(v1));

    await startSession(systemContext(database.db), person.id);
    await insertAuditRows(database.db, [
      {
        id: 'audit-1',
        actor_id: person.id,
        subject_id: person.id,
        action: 'read',
        resource: 'journal',
        at: '2026-01-05T00:00:00Z',
      },
    ]);
    expect(await readDataVersion(database.db)).toBe(v2);

    await expect(
      inTransaction(database.db, async (trx) => {
        await insertTableRows(trx, 'teams', [
          { id: 'rolled-back', name: 'Rolled back', created_at: '2026-01-05T00:00:00Z' },
        ]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await readDataVersion(database.db)).toBe(v2);
  });
});
