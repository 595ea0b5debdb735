import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

/**
 * Two fixes of issue 15.
 *
 * 1. A rater answers a round once: a unique (round_id, rater_id) index on assessments. Answers
 *    stored twice before it (a double submit) are removed first, keeping the first one (earliest
 *    created_at, then smallest id), and each invitation is pointed at the answer kept.
 * 2. Journal search ignores accents on both engines ("emoji" finds "émoji" and the reverse,
 *    "Zolc" finds "Żółć"). Both index folded text: the letter folds below, and combining accents
 *    removed (FTS5's remove_diacritics 2 on SQLite; NFD and the marks U+0300–U+036F taken out on
 *    PostgreSQL, with built-in immutable functions: no extension, no privilege beyond the table).
 */

/**
 * Letters without a Unicode decomposition that search folds to plain letters. Frozen copy of
 * domain/journal/search-text.ts#LETTER_FOLDS as of this migration (a test checks they agree).
 */
export const LETTER_FOLDS_0006: ReadonlyArray<readonly [string, string]> = [
  ['ł', 'l'],
  ['Ł', 'l'],
  ['ø', 'o'],
  ['Ø', 'o'],
  ['đ', 'd'],
  ['Đ', 'd'],
  ['ħ', 'h'],
  ['Ħ', 'h'],
  ['ŧ', 't'],
  ['Ŧ', 't'],
  ['ı', 'i'],
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['œ', 'oe'],
  ['Œ', 'oe'],
];

/** `expression` with every letter fold applied, as nested replace() calls (the same on both engines). */
function foldLettersSql(expression: RawBuilder<unknown>): RawBuilder<unknown> {
  return LETTER_FOLDS_0006.reduce<RawBuilder<unknown>>(
    (inner, [from, to]) => sql`replace(${inner}, ${sql.lit(from)}, ${sql.lit(to)})`,
    expression,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  // 1. One answer per rater and round. A later duplicate is one with an earlier twin.
  const duplicate = sql`round_id is not null and exists (
    select 1 from assessments earlier
    where earlier.round_id = assessments.round_id and earlier.rater_id = assessments.rater_id
      and (earlier.created_at < assessments.created_at or (earlier.created_at = assessments.created_at and earlier.id < assessments.id)))`;
  await sql`delete from assessment_ratings where assessment_id in (select id from assessments where ${duplicate})`.execute(
    db,
  );
  await sql`delete from assessments where ${duplicate}`.execute(db);
  await sql`update round_raters set assessment_id = (
      select a.id from assessments a where a.round_id = round_raters.round_id and a.rater_id = round_raters.rater_id)
    where exists (
      select 1 from assessments a where a.round_id = round_raters.round_id and a.rater_id = round_raters.rater_id)`.execute(
    db,
  );
  await db.schema
    .createIndex('assessments_round_rater_unique')
    .on('assessments')
    .columns(['round_id', 'rater_id'])
    .unique()
    .execute();

  // 2. Accent-insensitive search.
  if (isPostgres) {
    const encoding = await sql<{ server_encoding: string }>`show server_encoding`.execute(db);
    // normalize() needs a UTF8 database; elsewhere only the letter folds apply (accents stay).
    const unaccented =
      encoding.rows[0]?.server_encoding === 'UTF8'
        ? sql`regexp_replace(normalize(title || ' ' || body, NFD), '[\u0300-\u036f]', '', 'g')`
        : sql`(title || ' ' || body)`;
    // Dropping the column drops its GIN index; the new column is computed for every row as it is added.
    await sql`alter table journal_entries drop column search`.execute(db);
    await sql`alter table journal_entries add column search tsvector
      generated always as (to_tsvector('simple', ${foldLettersSql(unaccented)})) stored`.execute(db);
    await sql`create index journal_entries_search_idx on journal_entries using gin (search)`.execute(db);
  } else {
    // The index now holds folded text, not the table's: a contentless FTS5 table (contentless_delete
    // lets a row be deleted by its rowid), filled with the folded rows. FTS5's 'rebuild' would read
    // the table's unfolded text, so it is not used; to rebuild, do as below.
    for (const trigger of ['journal_fts_insert', 'journal_fts_delete', 'journal_fts_update']) {
      await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
    }
    await sql`drop table if exists journal_fts`.execute(db);
    await sql`create virtual table journal_fts using fts5(title, body, person_id, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    const fold = (column: string) => foldLettersSql(sql.ref(column));
    await sql`insert into journal_fts(rowid, title, body, person_id)
      select rowid, ${fold('title')}, ${fold('body')}, person_id from journal_entries`.execute(db);
    await sql`create trigger journal_fts_insert after insert on journal_entries begin
      insert into journal_fts(rowid, title, body, person_id) values (new.rowid, ${fold('new.title')}, ${fold('new.body')}, new.person_id); end`.execute(
      db,
    );
    await sql`create trigger journal_fts_delete after delete on journal_entries begin
      delete from journal_fts where rowid = old.rowid; end`.execute(db);
    await sql`create trigger journal_fts_update after update of title, body on journal_entries begin
      delete from journal_fts where rowid = old.rowid;
      insert into journal_fts(rowid, title, body, person_id) values (new.rowid, ${fold('new.title')}, ${fold('new.body')}, new.person_id); end`.execute(
      db,
    );
  }
}

/** Back to migration 0005: the unique index goes; search keeps accents again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('assessments_round_rater_unique').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table journal_entries drop column search`.execute(db);
    await sql`alter table journal_entries add column search tsvector
      generated always as (to_tsvector('simple', title || ' ' || body)) stored`.execute(db);
    await sql`create index journal_entries_search_idx on journal_entries using gin (search)`.execute(db);
  } else {
    for (const trigger of ['journal_fts_insert', 'journal_fts_delete', 'journal_fts_update']) {
      await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
    }
    await sql`drop table if exists journal_fts`.execute(db);
    await sql`create virtual table journal_fts using fts5(title, body, person_id, content='journal_entries', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`insert into journal_fts(journal_fts) values ('rebuild')`.execute(db);
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
