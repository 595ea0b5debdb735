import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreateGoalInput } from '../../src/contracts/goals.ts';
import type { CreateEntryInput } from '../../src/contracts/journal.ts';
import type { Database } from '../../src/db/schema.ts';
import { submitSelfAssessment } from '../../src/services/assessments/self-assessments.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { getActiveFramework } from '../../src/services/framework/active-framework.ts';
import { createGoal } from '../../src/services/goals/goals.ts';
import { createEntry } from '../../src/services/journal/journal.ts';
import { createPerson, updatePerson } from '../../src/services/people/people.ts';

/**
 * Factories that save rows, as outline's test factories do: each builds what it needs that is
 * not given (an entry without a person makes a person), through the same services the product
 * uses, acting as the system. Every value has a unique default; override any field.
 */

/** A system context on a test database, with real random ids (unique across factories). */
export function systemContext(db: Kysely<Database>): ServiceContext {
  return { db, clock: () => new Date(), newId: () => randomUUID() };
}

let sequence = 0;
const next = () => ++sequence;

/** A saved person; `team` (a name) is created when missing, `managerId`/`mentorIds` link them. */
export async function buildPerson(
  db: Kysely<Database>,
  overrides: Partial<{
    name: string;
    email: string;
    roleTitle: string;
    team: string;
    managerId: string;
    mentorIds: string[];
  }> = {},
) {
  const ctx = systemContext(db);
  const n = next();
  const { managerId, mentorIds, ...profile } = overrides;
  const person = await createPerson(ctx, {
    name: `Person ${n}`,
    email: `person${n}-${randomUUID().slice(0, 8)}@example.com`,
    roleTitle: 'Developer',
    ...profile,
  });
  if (managerId !== undefined || mentorIds !== undefined) {
    return updatePerson(ctx, person.id, {
      ...(managerId !== undefined ? { managerId } : {}),
      ...(mentorIds !== undefined ? { mentorIds } : {}),
    });
  }
  return person;
}

/** A saved team (made by giving a new person that team): returns its name and first member. */
export async function buildTeam(db: Kysely<Database>, overrides: Partial<{ name: string }> = {}) {
  const name = overrides.name ?? `Team ${next()}`;
  const member = await buildPerson(db, { team: name });
  return { name, member };
}

/** A saved journal entry; makes its owner when `personId` is not given. */
export async function buildEntry(
  db: Kysely<Database>,
  overrides: Partial<CreateEntryInput> & { personId?: string } = {},
) {
  const ctx = systemContext(db);
  const { personId = (await buildPerson(db)).id, ...input } = overrides;
  const { framework } = await getActiveFramework(ctx);
  return createEntry(ctx, personId, {
    title: `Entry ${next()}`,
    areas: [framework.areas[0]?.id as string],
    occurredOn: '2026-01-05',
    ...input,
  });
}

/** A saved goal in the framework's first area; makes its owner when `personId` is not given. */
export async function buildGoal(
  db: Kysely<Database>,
  overrides: Partial<CreateGoalInput> & { personId?: string } = {},
) {
  const ctx = systemContext(db);
  const { personId = (await buildPerson(db)).id, ...input } = overrides;
  const { framework } = await getActiveFramework(ctx);
  return createGoal(ctx, personId, { title: `Goal ${next()}`, areaId: framework.areas[0]?.id as string, ...input });
}

/** A saved self-assessment rating every area `level` (default 2); makes the person when not given. */
export async function buildAssessment(
  db: Kysely<Database>,
  overrides: { personId?: string; level?: number; visibility?: 'private' | 'mentor' | 'manager' | 'team' } = {},
) {
  const ctx = systemContext(db);
  const personId = overrides.personId ?? (await buildPerson(db)).id;
  const { framework } = await getActiveFramework(ctx);
  return submitSelfAssessment(ctx, personId, {
    ratings: framework.areas.map((area) => ({ areaId: area.id, level: overrides.level ?? 2 })),
    visibility: overrides.visibility ?? 'private',
  });
}
