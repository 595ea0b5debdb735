import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** A table's rows as plain objects, for backups. */
export type PlainRow = Record<string, unknown>;

/** Every row of a table, ordered by `orderBy` (so two backups of the same data are identical). */
export async function listTableRows(
  db: Kysely<Database>,
  table: keyof Database,
  orderBy: readonly string[],
): Promise<PlainRow[]> {
  let query = db.selectFrom(table).selectAll();
  for (const column of orderBy) query = query.orderBy(sql.ref(column));
  return (await query.execute()) as PlainRow[];
}

/** How many rows a table holds. */
export async function countTableRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Empties a table. */
export async function deleteAllRows(db: Kysely<Database>, table: keyof Database): Promise<void> {
  await db.deleteFrom(table).execute();
}

/**
 * Inserts rows as given (checked by the database only), in batches of 200: SQLite limits the
 * number of bound parameters per statement.
 */
export async function insertTableRows(db: Kysely<Database>, table: keyof Database, rows: PlainRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 200) as never)
      .execute();
  }
}
