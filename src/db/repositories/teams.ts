import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

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
