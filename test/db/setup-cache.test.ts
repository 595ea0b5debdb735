import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSetupRequired } from '../../src/services/auth/setup.ts';
import { signUp } from '../../src/services/auth/sign-up.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { systemContext } from '../helpers/records.ts';

/** "Is the first account still to be made?" is asked on every request: answered from memory once set up. */
describe.each(ENGINES)('first-run state on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('asks the database until an account exists, then never again', async () => {
    const ctx = systemContext(database.db);
    expect(await isSetupRequired(ctx)).toBe(true);
    expect(await isSetupRequired(ctx)).toBe(true); // still asks: nothing is cached while not set up
    await signUp(ctx, { name: 'Ada', email: 'ada@example.com', password: 'long enough password', roleTitle: 'Dev' });
    expect(await isSetupRequired(ctx)).toBe(false);
    // Remove the account behind its back: the answer comes from memory, no query is made.
    await database.db.deleteFrom('sessions').execute();
    await database.db.deleteFrom('credentials').execute();
    expect(await isSetupRequired(ctx)).toBe(false);
  });
});
