import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { engineOf } from '../client.ts';
import { isUniqueViolation } from '../constraint-errors.ts';
import type { Database, PeopleTable } from '../schema.ts';

/** A person row as stored, plus their team's name. */
export type PersonRow = Selectable<PeopleTable> & { team_name: string | null };

function selectPeople(db: Kysely<Database>) {
  return db
    .selectFrom('people')
    .leftJoin('teams', 'teams.id', 'people.team_id')
    .selectAll('people')
    .select('teams.name as team_name');
}

/** All people, oldest first (the first person is the laptop's owner until login exists). */
export function listPersonRows(db: Kysely<Database>): Promise<PersonRow[]> {
  return selectPeople(db).orderBy('people.created_at').orderBy('people.id').execute();
}

/** One person with their team's name. */
export async function findPersonById(db: Kysely<Database>, id: string): Promise<PersonRow | undefined> {
  return selectPeople(db).where('people.id', '=', id).executeTakeFirst();
}

/** The person with this email (compared lower-cased). */
export async function findPersonByEmail(db: Kysely<Database>, email: string): Promise<PersonRow | undefined> {
  return selectPeople(db).where('people.email', '=', email.toLowerCase()).executeTakeFirst();
}

/** Stores a new person. */
export async function insertPerson(db: Kysely<Database>, row: Insertable<PeopleTable>): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

/**
 * Stores a new person unless their email is already someone's primary address: false then (the
 * unique index decides, so two sign-ups with one address at once cannot both land). On PostgreSQL
 * the failed insert spoils the surrounding transaction: the caller must end it (throw).
 */
export async function insertPersonUnlessEmailTaken(
  db: Kysely<Database>,
  row: Insertable<PeopleTable>,
): Promise<boolean> {
  try {
    await insertPerson(db, row);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Changes the given columns of a person. */
export async function updatePersonRow(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Omit<Insertable<PeopleTable>, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', id).execute();
}

/** Whether a person with this id exists. */
export async function personExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Everyone who has a manager, with that manager: the reporting lines, for the no-loop rule. */
export async function listManagerLinks(db: Kysely<Database>): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('people').select(['id', 'manager_id']).where('manager_id', 'is not', null).execute();
  return new Map(rows.map((r) => [r.id, r.manager_id]));
}

/** Arbitrary key of the PostgreSQL advisory lock that orders changes of reporting lines. */
const MANAGEMENT_LOCK = 7_420_001;

/**
 * Call first in a transaction that changes a manager: changes of reporting lines then happen one
 * after another, so two at once (Ann under Bo, Bo under Ann) cannot each miss the other and close
 * a loop. PostgreSQL: a transaction-scoped advisory lock. SQLite: writes are already serialised
 * (one connection per process; between processes the file lock, taken here by a no-op write).
 */
export async function lockManagementChanges(db: Kysely<Database>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${MANAGEMENT_LOCK})`.execute(db);
  } else {
    await db.updateTable('people').set({ manager_id: null }).where('id', '=', '').execute();
  }
}

/** How many admins there are besides this person. */
export async function countOtherAdmins(db: Kysely<Database>, personId: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('is_admin', '=', 1)
    .where('id', '<>', personId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether anyone has this person as their manager. */
export async function managesAnyone(db: Kysely<Database>, personId: string): Promise<boolean> {
  const row = await db.selectFrom('people').select('id').where('manager_id', '=', personId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** What access checks need about a person: their manager, team and mentors (one statement). */
export interface PersonRelationsRow {
  id: string;
  manager_id: string | null;
  team_id: string | null;
  mentor_ids: string[];
}

/** A person's manager, team and mentors, or undefined when there is no such person. */
export async function findPersonRelations(
  db: Kysely<Database>,
  personId: string,
): Promise<PersonRelationsRow | undefined> {
  const rows = await db
    .selectFrom('people')
    .leftJoin('mentorships', 'mentorships.mentee_id', 'people.id')
    .select(['people.id', 'people.manager_id', 'people.team_id', 'mentorships.mentor_id'])
    .where('people.id', '=', personId)
    .execute();
  const [first] = rows;
  if (!first) return undefined;
  return {
    id: first.id,
    manager_id: first.manager_id,
    team_id: first.team_id,
    mentor_ids: rows.flatMap((r) => (r.mentor_id ? [r.mentor_id] : [])),
  };
}

/** What signing in needs about a person: whether they are an admin, and their team. */
export function findAccountHolder(
  db: Kysely<Database>,
  personId: string,
): Promise<{ id: string; is_admin: number; team_id: string | null } | undefined> {
  return db.selectFrom('people').select(['id', 'is_admin', 'team_id']).where('id', '=', personId).executeTakeFirst();
}

/** A person's team id (null when they have none or do not exist). */
export async function findTeamIdOf(db: Kysely<Database>, personId: string): Promise<string | null> {
  const row = await db.selectFrom('people').select('team_id').where('id', '=', personId).executeTakeFirst();
  return row?.team_id ?? null;
}
