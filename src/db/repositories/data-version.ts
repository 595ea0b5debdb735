import { type Kysely, sql } from 'kysely';
import { engineOf } from '../client.ts';
import type { Database } from '../schema.ts';

/**
 * The data version (migration 0009): a number every committed write of the data tables bumps, as
 * text. Answers computed at one version may be reused while it still reads the same.
 */
export async function readDataVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return String(row?.version ?? '');
}

/**
 * The tables without the data version's triggers (migration 0009), sorted: the ones it leaves out
 * on purpose, and any table a later migration added without them (a test requires none).
 */
export async function listTablesWithoutVersionTriggers(db: Kysely<Database>): Promise<string[]> {
  if (engineOf(db) === 'postgres') {
    const { rows } = await sql<{ name: string }>`select t.tablename as name from pg_tables t
      where t.schemaname = current_schema() and not exists (
        select 1 from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_proc p on p.oid = g.tgfoid
        where c.relname = t.tablename and p.proname = 'leadway_bump_data_version'
          and g.tgtype & 28 = 28)
      order by 1`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master
    where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const { rows: triggers } = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'`.execute(
    db,
  );
  const names = new Set(triggers.map((t) => t.name));
  const virtual = rows.filter((t) => /^create virtual table/i.test(t.sql ?? '')).map((t) => `${t.name}_`);
  return rows
    .map((t) => t.name)
    .filter((name) => !virtual.some((v) => `${name}_`.startsWith(v)))
    .filter((name) => !['insert', 'update', 'delete'].every((e) => names.has(`${name}_data_version_${e}`)));
}
