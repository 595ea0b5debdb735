import type { FastifyInstance } from 'fastify';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/** Counts every statement Kysely runs through a handle (transactions included). */
class StatementCounter implements KyselyPlugin {
  statements: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(args.node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * How many SQL statements a journal write costs, the sign-in included. The relations of the person
 * written about (and the writer's team) are loaded once per request, not once per check.
 */
describe.each(ENGINES)('statements per request on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const counter = new StatementCounter();
  let member: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    app = await buildApp({ ctx: testContext(database.db.withPlugin(counter)) });
    const admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    manager = await inviteAndJoin(app, admin, { email: 'boss@example.com', name: 'Boss', team: 'core' });
    member = await inviteAndJoin(app, admin, {
      email: 'member@example.com',
      name: 'Member',
      team: 'core',
      managerId: manager.personId,
    });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  // Sign-in costs 4 of these (token, its last use, the person, the first-run check). Before the
  // relations were loaded once per request, a write took 17 and the manager's list 13.
  it('a journal write reads the relations once, and so does a list', async () => {
    const entry = { title: 'Led the incident review', areas: ['alpha'], visibility: 'manager' };
    // The first write may fill caches (the parsed framework); count the second.
    await member.call('POST', `/api/people/${member.personId}/entries`, entry);
    counter.statements = [];
    const write = await member.call('POST', `/api/people/${member.personId}/entries`, entry);
    expect(write.statusCode).toBe(201);
    expect(counter.statements.length).toBeLessThanOrEqual(12);
    counter.statements = [];
    const read = await manager.call('GET', `/api/people/${member.personId}/entries`);
    expect(read.statusCode).toBe(200);
    expect(read.json().entries).toHaveLength(2);
    expect(counter.statements.length).toBeLessThanOrEqual(11);
  });
});
