import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Growth plan (goals, their actions and check-ins) and the evidence journal with full-text
 * search: an FTS5 index kept by triggers on SQLite, a generated tsvector column on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('success_criteria', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goals_person_idx').on('goals').columns(['person_id', 'status']).execute();

  await db.schema
    .createTable('goal_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('framework_action_id', 'text')
    .addColumn('due_on', 'text')
    .addColumn('done_on', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goal_actions_goal_idx').on('goal_actions').column('goal_id').execute();

  await db.schema
    .createTable('goal_checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goal_checkins_goal_idx').on('goal_checkins').column('goal_id').execute();

  await db.schema
    .createTable('journal_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.references('goals.id').onDelete('set null'))
    .addColumn('goal_action_id', 'text', (c) => c.references('goal_actions.id').onDelete('set null'))
    // Identifies an entry made by an importer (git, CSV…) so a re-run adds nothing twice.
    .addColumn('source_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('journal_entries_source_key_unique', ['person_id', 'source_key'])
    .execute();
  await db.schema
    .createIndex('journal_entries_person_idx')
    .on('journal_entries')
    .columns(['person_id', 'occurred_on'])
    .execute();

  // Evidence counts per goal (growth plan, readiness report) look entries up by goal.
  await db.schema.createIndex('journal_entries_goal_idx').on('journal_entries').column('goal_id').execute();

  await db.schema
    .createTable('journal_entry_areas')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('journal_entries.id').onDelete('cascade'))
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_entry_areas_pk', ['entry_id', 'area_id'])
    .execute();
  await db.schema.createIndex('journal_entry_areas_area_idx').on('journal_entry_areas').columns(['area_id']).execute();

  await db.schema
    .createTable('journal_entry_links')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('journal_entries.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_entry_links_pk', ['entry_id', 'position'])
    .execute();

  if (isPostgres) {
    await sql`alter table journal_entries add column search tsvector
      generated always as (to_tsvector('simple', title || ' ' || body)) stored`.execute(db);
    await sql`create index journal_entries_search_idx on journal_entries using gin (search)`.execute(db);
  } else {
    // Diacritics are kept, as PostgreSQL's 'simple' configuration does, so both engines find the
    // same entries. The owner's id is indexed too, so a search intersects "this person" with the
    // words inside the index instead of collecting every other person's matches first.
    await sql`create virtual table journal_fts using fts5(title, body, person_id, content='journal_entries', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`create trigger journal_fts_insert after insert on journal_entries begin
      insert into journal_fts(rowid, title, body, person_id) values (new.rowid, new.title, new.body, new.person_id); end`.execute(
      db,
    );
    await sql`create trigger journal_fts_delete after delete on journal_entries begin
      insert into journal_fts(journal_fts, rowid, title, body, person_id) values ('delete', old.rowid, old.title, old.body, old.person_id); end`.execute(
      db,
    );
    await sql`create trigger journal_fts_update after update of title, body on journal_entries begin
      insert into journal_fts(journal_fts, rowid, title, body, person_id) values ('delete', old.rowid, old.title, old.body, old.person_id);
      insert into journal_fts(rowid, title, body, person_id) values (new.rowid, new.title, new.body, new.person_id); end`.execute(
      db,
    );
  }
}

/** Drops the journal and the growth plan. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`drop table if exists journal_fts`.execute(db);
  }
  for (const table of [
    'journal_entry_links',
    'journal_entry_areas',
    'journal_entries',
    'goal_checkins',
    'goal_actions',
    'goals',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
