import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { getActiveFramework } from '../../src/services/framework/active-framework.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/**
 * The active framework is cached per installed row, and still follows an import made by another
 * process (the CLI writing the database the server has open).
 */
describe.each(ENGINES)('active framework cache on %s', (engine) => {
  let server: TestDatabase;
  let other: DatabaseHandle;

  beforeAll(async () => {
    server = await createTestDatabase(engine);
    other = await openDatabase(server.config);
  });
  afterAll(async () => {
    await other.close();
    await server.destroy();
  });

  it('parses a framework once, and sees another process install a new one', async () => {
    const ctx = testContext(server.db);
    await importFramework(ctx, buildFramework({ version: '1.0.0' }));
    const first = await getActiveFramework(ctx);
    const again = await getActiveFramework(ctx);
    expect(again.framework).toBe(first.framework); // the same parsed object: not read again
    expect(first.framework.version).toBe('1.0.0');

    // Another process (another handle on the same database) installs version 2.
    await importFramework(
      { ...testContext(other.db), newId: () => randomUUID() },
      buildFramework({ version: '2.0.0', name: 'Second' }),
    );
    const after = await getActiveFramework(ctx);
    expect(after.framework.version).toBe('2.0.0');
    expect(after.installedId).not.toBe(first.installedId);
  });
});
