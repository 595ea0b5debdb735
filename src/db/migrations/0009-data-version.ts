import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * A data version that every committed write bumps, for caches of computed answers (standing,
 * journal pages, readiness…): an answer computed at version v is only reused while the version
 * still reads v. It lives in the database, bumped by triggers in the writing transaction itself,
 * so it changes exactly when the written data becomes visible — whoever writes (this server,
 * another server on the same PostgreSQL, the CLI, a restore) — and one cheap read tells any
 * server whether what it cached still holds.
 *
 * Every table present at this migration gets the triggers, except the tables no cached answer
 * reads and that are written while reading: the audit log (every read of another person's data
 * writes a line), sessions and API tokens (sign-in, last use). A later migration that adds a table
 * must add the triggers for it (test/db/data-version.test.ts fails until it does).
 */
export const UNVERSIONED: ReadonlySet<string> = new Set([
  'audit_log',
  'sessions',
  'api_tokens',
  'data_version',
  'kysely_migration',
  'kysely_migration_lock',
]);

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    // PostgreSQL: the transaction that last bumped it (see below); unused on SQLite.
    .addColumn('bumped_by', 'bigint')
    .execute();
  await sql`insert into data_version (id, version) values (1, 0)`.execute(db);
  if (isPostgres) {
    // Once per statement, before it touches a row: a writing transaction takes the version row's
    // lock before any row lock of its own, so writers queue on it in one order (no deadlock). It
    // bumps once per transaction: a row updated at every statement of a long transaction (a
    // restore, `leadway demo`) piles up versions of itself that each later update walks through.
    await sql`create function leadway_bump_data_version() returns trigger language plpgsql as $$
      begin
        update data_version set version = version + 1, bumped_by = txid_current()
          where id = 1 and bumped_by is distinct from txid_current();
        return null;
      end $$`.execute(db);
    const { rows } = await sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
    for (const { name } of rows) {
      if (UNVERSIONED.has(name)) continue;
      await sql`create trigger ${sql.id(`${name}_data_version`)} before insert or update or delete or truncate on ${sql.id(name)}
        for each statement execute function leadway_bump_data_version()`.execute(db);
    }
  } else {
    // SQLite has row triggers only; one writer at a time holds the whole file, so no ordering matters.
    const { rows } = await sql<{
      name: string;
      sql: string | null;
    }>`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    const virtual = rows.filter((t) => /^create virtual table/i.test(t.sql ?? '')).map((t) => `${t.name}_`);
    for (const { name } of rows) {
      // Full-text indexes and their shadow tables follow journal_entries, which has the triggers.
      if (UNVERSIONED.has(name) || virtual.some((v) => `${name}_`.startsWith(v))) continue;
      for (const event of ['insert', 'update', 'delete']) {
        await sql`create trigger ${sql.id(`${name}_data_version_${event}`)} after ${sql.raw(event)} on ${sql.id(name)}
          begin update data_version set version = version + 1 where id = 1; end`.execute(db);
      }
    }
  }
}

/** Drops the version and its triggers. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (isPostgres) await sql`drop function leadway_bump_data_version() cascade`.execute(db);
  else {
    const { rows } = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'trigger' and name like '%_data_version_%'`.execute(db);
    for (const { name } of rows) await sql`drop trigger ${sql.id(name)}`.execute(db);
  }
  await db.schema.dropTable('data_version').execute();
}
