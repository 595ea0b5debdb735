import type { Insertable, Kysely, Selectable } from 'kysely';
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
export function listPeople(db: Kysely<Database>): Promise<PersonRow[]> {
  return selectPeople(db).orderBy('people.created_at').orderBy('people.id').execute();
}

export async function findPersonById(db: Kysely<Database>, id: string): Promise<PersonRow | undefined> {
  return selectPeople(db).where('people.id', '=', id).executeTakeFirst();
}

export async function findPersonByEmail(db: Kysely<Database>, email: string): Promise<PersonRow | undefined> {
  return selectPeople(db).where('people.email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function insertPerson(db: Kysely<Database>, row: Insertable<PeopleTable>): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function updatePerson(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Omit<Insertable<PeopleTable>, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', id).execute();
}

/** Finds a team by name or creates it; returns its id. */
export async function findOrCreateTeam(db: Kysely<Database>, name: string, id: string, now: string): Promise<string> {
  // Safe when several requests create the same team at once: the unique name decides, and
  // everyone reads back the one row that won.
  await db
    .insertInto('teams')
    .values({ id, name, created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}
