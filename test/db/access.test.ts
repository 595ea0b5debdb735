import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerScope } from '../../src/services/access.ts';
import { asActor } from '../../src/services/context.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { listGoals } from '../../src/services/goals/goals.ts';
import { listEntries } from '../../src/services/journal/journal.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework } from '../helpers/factories.ts';
import { buildAssessment, buildEntry, buildGoal, buildPerson, buildTeam, systemContext } from '../helpers/records.ts';

/** The reader's scope, worked out once per call from stored relations, on both engines. */
describe.each(ENGINES)('reader scope on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(systemContext(database.db), buildFramework());
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('gives each relation its circles, and the owner everything', async () => {
    const { name: team, member: peer } = await buildTeam(database.db);
    const manager = await buildPerson(database.db);
    const mentor = await buildPerson(database.db);
    const stranger = await buildPerson(database.db);
    const member = await buildPerson(database.db, { team, managerId: manager.id, mentorIds: [mentor.id] });
    const as = (id: string) => asActor(systemContext(database.db), { kind: 'person', id, isAdmin: false });
    const scopes = await Promise.all(
      [member, mentor, manager, peer, stranger].map(async (p) => {
        const scope = await readerScope(as(p.id), member.id);
        return [scope.relation, scope.visibilities];
      }),
    );
    expect(scopes).toEqual([
      ['self', undefined],
      ['mentor', ['mentor', 'manager', 'team']],
      ['manager', ['manager', 'team']],
      ['team', ['team']],
      ['none', []],
    ]);
  });

  it('lists through the scope: the factories build what they need', async () => {
    const manager = await buildPerson(database.db);
    const member = await buildPerson(database.db, { managerId: manager.id });
    for (const visibility of ['private', 'manager'] as const) {
      await buildEntry(database.db, { personId: member.id, visibility });
      await buildGoal(database.db, { personId: member.id, visibility });
    }
    await buildAssessment(database.db, { personId: member.id, visibility: 'manager' });
    const reader = asActor(systemContext(database.db), { kind: 'person', id: manager.id, isAdmin: false });
    const entries = await listEntries(reader, member.id, { limit: 50, offset: 0 });
    expect(entries.entries.map((e) => e.visibility)).toEqual(['manager']);
    expect(entries.total).toBe(1);
    const goals = await listGoals(reader, member.id);
    expect(goals.goals.map((g) => g.visibility)).toEqual(['manager']);
    // An entry built without a person gets a person of its own.
    const lone = await buildEntry(database.db);
    expect(lone.personId).not.toBe(member.id);
  });
});
