import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { createTestDatabase, ENGINES } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

describe.each(ENGINES)('the first run on %s', (engine) => {
  it('makes one admin when the first account is asked for twice at the same moment; the other gets a clear 409', async () => {
    const database = await createTestDatabase(engine);
    const ctx = testContext(database.db);
    await importFramework(ctx, buildFramework());
    const app = await buildApp({ ctx });
    try {
      const signUp = () =>
        app.inject({
          method: 'POST',
          url: '/api/auth/signup',
          payload: { name: 'Ada', email: 'ada@example.com', roleTitle: 'Developer', password: 'correct horse battery' },
        });
      const answers = await Promise.all([signUp(), signUp(), signUp()]);
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(
        statuses.filter((s) => s < 300),
        answers.map((a) => a.body).join('\n'),
      ).toHaveLength(1);
      for (const refused of answers.filter((a) => a.statusCode >= 300)) {
        expect(refused.statusCode).toBe(409);
        expect(refused.json()).toMatchObject({ error: { code: 'ALREADY_SET_UP' } });
      }
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});
