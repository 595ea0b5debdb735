import { CompiledQuery, type Kysely } from 'kysely';
import { engineOf } from '../client.ts';
import type { Database } from '../schema.ts';

/** A row as the demo writes it: column → plain value. */
export type PlainRow = Record<string, string | number | null>;

/** The first of `tables` that holds any row, or null when all are empty. */
export async function findNonEmptyTable(
  db: Kysely<Database>,
  tables: ReadonlyArray<keyof Database>,
): Promise<keyof Database | null> {
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.lit(1).as('one'))
      .limit(1)
      .executeTakeFirst();
    if (row) return table;
  }
  return null;
}

/**
 * Bound parameters per statement. SQLite allows 32,766; PostgreSQL allows 65,535 but plans and
 * binds very long VALUES lists more slowly than several shorter ones (measured: 8,000 a statement
 * loads about 15% faster than 65,000).
 */
const PARAMETERS = { sqlite: 32_000, postgres: 8_000 };

/**
 * Inserts many rows of one table in multi-row statements as large as the engine allows. The SQL is
 * written here directly rather than built by Kysely row by row: for the hundreds of thousands of
 * rows of a demo organisation that building costs more than the database's own work. Every row
 * must have the columns of the first. Run it inside a transaction for all-or-nothing.
 */
export async function insertManyRows(db: Kysely<Database>, table: keyof Database, rows: PlainRow[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const engine = engineOf(db);
  const perStatement = Math.max(1, Math.floor(PARAMETERS[engine] / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: Array<string | number | null> = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const column of columns) {
        params.push(row[column] ?? null);
        marks.push(engine === 'postgres' ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', '), params));
  }
}

/**
 * Refreshes the planner's statistics after a bulk load (PostgreSQL only: its autovacuum would do it
 * within minutes, but queries right after the load would be planned without them). SQLite keeps
 * no statistics unless asked and plans these indexed queries well without them.
 */
export async function refreshStatistics(db: Kysely<Database>): Promise<void> {
  if (engineOf(db) === 'postgres') await db.executeQuery(CompiledQuery.raw('analyze', []));
}
