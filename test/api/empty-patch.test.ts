import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/** An empty change is a no-op on every PATCH route: 200, nothing lost, never a server error. */
describe.each(ENGINES)('empty PATCH on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let me: SignedIn;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    app = await buildApp({ ctx: testContext(database.db) });
    me = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('answers every PATCH route with the object unchanged', async () => {
    const entry = (
      await me.call('POST', `/api/people/${me.personId}/entries`, {
        title: 'Kept',
        body: 'Body kept',
        areas: ['alpha'],
        visibility: 'manager',
      })
    ).json() as Record<string, unknown>;
    const goal = (
      await me.call('POST', `/api/people/${me.personId}/goals`, {
        title: 'Kept goal',
        areaId: 'alpha',
        actions: [{ title: 'Kept action' }],
      })
    ).json() as { id: string; actions: Array<{ id: string }> } & Record<string, unknown>;
    const person = (await me.call('GET', `/api/people/${me.personId}`)).json() as Record<string, unknown>;
    const routes: Array<[string, Record<string, unknown>, string[]]> = [
      [`/api/entries/${entry.id}`, entry, ['title', 'body', 'areas', 'visibility', 'kind', 'links']],
      [`/api/goals/${goal.id}`, goal, ['title', 'areaId', 'status', 'visibility', 'actions']],
      [`/api/goals/${goal.id}/actions/${goal.actions[0]?.id}`, goal, ['title', 'actions']],
      [`/api/people/${me.personId}`, person, ['name', 'email', 'roleTitle', 'team', 'managerId', 'mentorIds']],
    ];
    // Every PATCH route the API has is in this list.
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const patchRoutes = Object.entries(doc.paths).filter(([, ops]) => 'patch' in ops);
    expect(patchRoutes).toHaveLength(routes.length);
    for (const [url, before, kept] of routes) {
      const res = await me.call('PATCH', url, {});
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      const after = res.json() as Record<string, unknown>;
      for (const field of kept) expect(after[field], `${url} ${field}`).toEqual(before[field]);
    }
  });
});
