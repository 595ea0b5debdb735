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

/**
 * One page of a table's rows in `orderBy` order, after the row whose ordering values are `after`
 * (keyset paging: every page costs the same however deep into the table it is).
 */
export async function listTableRowsPage(
  db: Kysely<Database>,
  table: keyof Database,
  orderBy: readonly string[],
  after: readonly unknown[] | undefined,
  limit: number,
): Promise<PlainRow[]> {
  let query = db.selectFrom(table).selectAll();
  if (after) {
    const columns = sql.join(orderBy.map((column) => sql.ref(column)));
    query = query.where(sql<boolean>`(${columns}) > (${sql.join([...after])})`);
  }
  for (const column of orderBy) query = query.orderBy(sql.ref(column));
  return (await query.limit(limit).execute()) as PlainRow[];
}

/** The ids of everyone with an account, but one. */
export async function listOtherPeopleIds(db: Kysely<Database>, exceptId: string): Promise<string[]> {
  const rows = await db.selectFrom('people').select('id').where('id', '<>', exceptId).orderBy('id').execute();
  return rows.map((r) => r.id);
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

/**
 * Runs `work` in one read transaction that sees a single snapshot of the whole database: REPEATABLE
 * READ on PostgreSQL (READ COMMITTED, its default, would see other commits between statements); on
 * SQLite every transaction reads one snapshot of the WAL already.
 */
export function inSnapshot<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(work);
}
