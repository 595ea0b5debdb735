import type { Kysely, Selectable } from 'kysely';
import type { Database, PathReflectionsTable } from '../schema.ts';

export type ReflectionRow = Selectable<PathReflectionsTable>;

/** Stores a reflection. */
export async function insertReflection(db: Kysely<Database>, row: ReflectionRow): Promise<void> {
  await db.insertInto('path_reflections').values(row).execute();
}

/** A person's reflections, newest first. */
export function listReflectionRows(db: Kysely<Database>, personId: string): Promise<ReflectionRow[]> {
  return db
    .selectFrom('path_reflections')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
