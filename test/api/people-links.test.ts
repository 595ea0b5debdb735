import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createContext } from '../../src/services/context.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { updatePerson } from '../../src/services/people/people.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, codeOf, testContext } from '../helpers/factories.ts';

/**
 * Issue 15, defect 8: reporting lines never loop (any length, also when two changes race), a mentor
 * can be removed, the admin edits a person's name, role, team and admin rights, a person edits
 * their own name and role, and an installation keeps an admin.
 */

type Person = {
  id: string;
  name: string;
  roleTitle: string;
  team: string | null;
  isAdmin: boolean;
  managerId: string | null;
  mentorIds: string[];
};
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
const errorOf = (res: LightMyRequestResponse) => (res.json() as ErrorBody).error;

describe.each(ENGINES)('people and their links on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: SignedIn;
  let ann: SignedIn;
  let bo: SignedIn;
  let cy: SignedIn;
  let dee: SignedIn;

  const patch = (who: SignedIn, personId: string, body: Record<string, unknown>) =>
    who.call('PATCH', `/api/people/${personId}`, body);
  const profile = async (personId: string) => (await admin.call('GET', `/api/people/${personId}`)).json() as Person;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    app = await buildApp({ ctx: testContext(database.db) });
    admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    ann = await inviteAndJoin(app, admin, { email: 'ann@example.com', name: 'Ann', team: 'core' });
    bo = await inviteAndJoin(app, admin, {
      email: 'bo@example.com',
      name: 'Bo',
      team: 'core',
      managerId: ann.personId,
    });
    cy = await inviteAndJoin(app, admin, { email: 'cy@example.com', name: 'Cy', team: 'core', managerId: bo.personId });
    dee = await inviteAndJoin(app, admin, { email: 'dee@example.com', name: 'Dee', team: 'core' });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('refuses a manager who already reports to the person, directly or through others, naming the chain', async () => {
    const direct = await patch(admin, ann.personId, { managerId: bo.personId });
    expect(direct.statusCode).toBe(409);
    expect(errorOf(direct)).toEqual({
      code: 'MANAGEMENT_CYCLE',
      message: 'Bo already reports to Ann, directly or through others, so Ann cannot report to Bo.',
    });
    const through = await patch(admin, ann.personId, { managerId: cy.personId });
    expect(through.statusCode).toBe(409);
    expect(errorOf(through).message).toBe(
      'Cy already reports to Ann, directly or through others (Cy → Bo → Ann), so Ann cannot report to Cy.',
    );
    expect((await profile(ann.personId)).managerId).toBeNull();
    // Nobody manages themself either; other changes are fine.
    expect((await patch(admin, ann.personId, { managerId: ann.personId })).statusCode).toBe(400);
    expect((await patch(admin, cy.personId, { managerId: ann.personId })).statusCode).toBe(200);
    expect((await patch(admin, ann.personId, { managerId: dee.personId })).statusCode).toBe(200);
    expect((await patch(admin, ann.personId, { managerId: null })).statusCode).toBe(200);
  });

  it('refuses the loop also through the CLI (the service, as the system)', async () => {
    const system = createContext(database.db);
    expect(await codeOf(updatePerson(system, ann.personId, { managerId: bo.personId }))).toBe('MANAGEMENT_CYCLE');
  });

  it('lets only one of two simultaneous changes that together would make a loop through', async () => {
    for (let round = 0; round < 3; round++) {
      // Two people without managers, each made the other's manager at the same moment.
      const x = await inviteAndJoin(app, admin, { email: `x${round}@example.com`, name: `X${round}` });
      const y = await inviteAndJoin(app, admin, { email: `y${round}@example.com`, name: `Y${round}` });
      const answers = await Promise.all([
        patch(admin, x.personId, { managerId: y.personId }),
        patch(admin, y.personId, { managerId: x.personId }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const managers = [(await profile(x.personId)).managerId, (await profile(y.personId)).managerId];
      expect(managers.filter(Boolean)).toHaveLength(1);
    }
  });

  it('removes a mentor (and keeps the others)', async () => {
    expect((await patch(admin, dee.personId, { mentorIds: [ann.personId, bo.personId] })).statusCode).toBe(200);
    const removed = await patch(admin, dee.personId, { mentorIds: [bo.personId] });
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as Person).mentorIds).toEqual([bo.personId]);
    expect((await profile(dee.personId)).mentorIds).toEqual([bo.personId]);
    // The former mentor no longer reads what Dee shares with mentors.
    await dee.call('POST', `/api/people/${dee.personId}/entries`, {
      title: 'for mentors',
      areas: ['alpha'],
      visibility: 'mentor',
    });
    const seen = (await ann.call('GET', `/api/people/${dee.personId}/entries`)).json() as { total: number };
    expect(seen.total).toBe(0);
    expect(((await bo.call('GET', `/api/people/${dee.personId}/entries`)).json() as { total: number }).total).toBe(1);
  });

  it("lets the admin edit a person's name, role, team and admin rights, and the person sees who did", async () => {
    const edited = await patch(admin, dee.personId, {
      name: 'Dee Dee',
      roleTitle: 'Tech lead',
      team: 'platform',
      isAdmin: true,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Dee Dee', roleTitle: 'Tech lead', team: 'platform', isAdmin: true });
    const log = (await dee.call('GET', '/api/me/audit')).json() as Array<{
      who: string;
      action: string;
      resource: string;
    }>;
    expect(log).toContainEqual(expect.objectContaining({ who: 'Admin', action: 'change', resource: 'profile' }));
    expect((await patch(dee, dee.personId, { isAdmin: false })).statusCode).toBe(409);
    expect((await patch(admin, dee.personId, { isAdmin: false })).statusCode).toBe(200);
  });

  it('lets a person edit their own name and role, but not their team, manager or rights', async () => {
    const own = await patch(cy, cy.personId, { name: 'Cy Young', roleTitle: 'Staff engineer' });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ name: 'Cy Young', roleTitle: 'Staff engineer' });
    for (const body of [{ team: 'elsewhere' }, { managerId: null }, { isAdmin: true }, { mentorIds: [] }]) {
      expect((await patch(cy, cy.personId, body)).statusCode, JSON.stringify(body)).toBe(403);
    }
    expect((await patch(cy, bo.personId, { name: 'Not yours' })).statusCode).toBe(403);
    expect(errorOf(await patch(cy, cy.personId, { name: '  ' })).fields).toHaveProperty('name');
  });

  it('keeps an admin: the last one cannot lose the rights, not even through the CLI', async () => {
    expect(errorOf(await patch(admin, admin.personId, { isAdmin: false })).code).toBe('LAST_ADMIN');
    const system = createContext(database.db);
    expect(await codeOf(updatePerson(system, admin.personId, { isAdmin: false }))).toBe('LAST_ADMIN');
    expect((await profile(admin.personId)).isAdmin).toBe(true);
  });
});
