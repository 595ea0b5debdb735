import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type Kysely, type Selectable, sql } from 'kysely';
import { searchWords } from '../../domain/journal/journal.ts';
import { asciiWords, foldAccents, foldLetters, ftsWords } from '../../domain/journal/search-text.ts';
import { engineOf } from '../client.ts';
import type { Database, JournalEntriesTable } from '../schema.ts';

export type EntryRow = Selectable<JournalEntriesTable>;

/** An entry with its area tags and links. */
export interface EntryWithParts extends EntryRow {
  areas: string[];
  links: string[];
  /** The visibility of the goal the entry is linked to (null when it is linked to none). */
  goal_visibility: string | null;
}

/** Filters for listing a person's entries; all optional, combined with AND. */
export interface EntryFilter {
  areaId?: string | undefined;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  goalId?: string | undefined;
  /** Full-text search over title and body: every word must match (as a prefix). */
  q?: string | undefined;
  /** Only entries with one of these visibilities (what the reader may see); all when absent. */
  visibilities?: string[] | undefined;
}

/** Stores an entry with its area tags and links (run it inside a transaction). */
export async function insertEntry(
  db: Kysely<Database>,
  row: Omit<EntryRow, never>,
  areas: string[],
  links: string[],
): Promise<void> {
  await db.insertInto('journal_entries').values(row).execute();
  await db
    .insertInto('journal_entry_areas')
    .values(areas.map((area_id) => ({ entry_id: row.id, area_id })))
    .execute();
  if (links.length > 0) {
    await db
      .insertInto('journal_entry_links')
      .values(links.map((url, position) => ({ entry_id: row.id, position, url })))
      .execute();
  }
}

/** Rows per INSERT statement in bulk writes (13 columns × 200 stays far below every engine's parameter limit). */
const BULK_ROWS = 200;

/**
 * Inserts many entries with their areas and links in a few multi-row statements, yielding to the
 * event loop between statements. Run it inside a transaction: all rows land or none.
 */
export async function insertEntries(
  db: Kysely<Database>,
  entries: Array<{ row: EntryRow; areas: string[]; links: string[] }>,
): Promise<void> {
  for (let i = 0; i < entries.length; i += BULK_ROWS) {
    const chunk = entries.slice(i, i + BULK_ROWS);
    await db
      .insertInto('journal_entries')
      .values(chunk.map((e) => e.row))
      .execute();
    const areas = chunk.flatMap((e) => e.areas.map((area_id) => ({ entry_id: e.row.id, area_id })));
    for (let j = 0; j < areas.length; j += BULK_ROWS * 2) {
      await db
        .insertInto('journal_entry_areas')
        .values(areas.slice(j, j + BULK_ROWS * 2))
        .execute();
    }
    const links = chunk.flatMap((e) => e.links.map((url, position) => ({ entry_id: e.row.id, position, url })));
    for (let j = 0; j < links.length; j += BULK_ROWS * 2) {
      await db
        .insertInto('journal_entry_links')
        .values(links.slice(j, j + BULK_ROWS * 2))
        .execute();
    }
    await yieldToEventLoop();
  }
}

/** What makes an entry the same as an imported one: its date, title and areas. */
export interface EntryIdentityRow {
  occurred_on: string;
  title: string;
  areas: string[];
}

/**
 * The date, title and areas of a person's entries dated from `from` to `to`, in one statement
 * (an import of 10,000 rows asks once, not once per row).
 */
export async function listEntryIdentities(
  db: Kysely<Database>,
  personId: string,
  from: string,
  to: string,
): Promise<EntryIdentityRow[]> {
  const rows = await db
    .selectFrom('journal_entries as e')
    .leftJoin('journal_entry_areas as a', 'a.entry_id', 'e.id')
    .select(['e.id', 'e.occurred_on', 'e.title', 'a.area_id'])
    .where('e.person_id', '=', personId)
    .where('e.occurred_on', '>=', from)
    .where('e.occurred_on', '<=', to)
    .execute();
  const byEntry = new Map<string, EntryIdentityRow>();
  for (const row of rows) {
    const entry = byEntry.get(row.id) ?? { occurred_on: row.occurred_on, title: row.title, areas: [] };
    if (row.area_id !== null) entry.areas.push(row.area_id);
    byEntry.set(row.id, entry);
  }
  return [...byEntry.values()];
}

/** Changes an entry's columns; `areas` and `links`, when given, replace the stored ones. */
export async function updateEntryRow(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Omit<EntryRow, 'id' | 'person_id'>>,
  areas?: string[],
  links?: string[],
): Promise<void> {
  await db.updateTable('journal_entries').set(patch).where('id', '=', id).execute();
  if (areas) {
    await db.deleteFrom('journal_entry_areas').where('entry_id', '=', id).execute();
    await db
      .insertInto('journal_entry_areas')
      .values(areas.map((area_id) => ({ entry_id: id, area_id })))
      .execute();
  }
  if (links) {
    await db.deleteFrom('journal_entry_links').where('entry_id', '=', id).execute();
    if (links.length > 0) {
      await db
        .insertInto('journal_entry_links')
        .values(links.map((url, position) => ({ entry_id: id, position, url })))
        .execute();
    }
  }
}

/** Deletes an entry (its areas and links go with it). */
export async function deleteEntryRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('journal_entries').where('id', '=', id).execute();
}

/** Most distinct words a person's journal may offer for one search word before the plain prefix query is used. */
const MOST_TERMS = 64;

/**
 * On SQLite, the whole words of this person's journal that each search word is a prefix of, or
 * undefined to keep FTS5's own prefix query. A prefix query ("review"*) makes FTS5 merge the index
 * entries of every matching word of every person's journal (2–3 ms at 5,000 people, growing with
 * the installation); whole words are looked up within the person's entries only (~0.1 ms). The
 * words are read from the person's own text when it is plain ASCII (domain/journal/search-text.ts
 * #asciiWords); the search words may carry accents, removed as FTS5 removes them (`ftsWords`).
 * Journals with other characters keep the prefix query (folding them in JavaScript costs more than
 * it saves), so the answer is always FTS5's.
 */
async function wholeWordsFor(db: Kysely<Database>, personId: string, words: string[]): Promise<string[][] | undefined> {
  if (engineOf(db) !== 'sqlite' || words.length === 0) return undefined;
  const searched: string[] = [];
  for (const word of words) {
    const [only, ...more] = ftsWords(word) ?? [];
    if (only === undefined || more.length > 0) return undefined;
    searched.push(only);
  }
  const rows = await db
    .selectFrom('journal_entries')
    .select(['title', 'body'])
    .where('person_id', '=', personId)
    .limit(2001)
    .execute();
  if (rows.length > 2000) return undefined;
  const vocabulary = new Set<string>();
  for (const row of rows) {
    const tokens = asciiWords(`${row.title} ${row.body}`);
    if (!tokens) return undefined;
    for (const token of tokens) vocabulary.add(token);
  }
  const terms = searched.map((w) => [...vocabulary].filter((t) => t.startsWith(w)));
  return terms.some((list) => list.length > MOST_TERMS) ? undefined : terms;
}

function filtered(db: Kysely<Database>, personId: string, filter: EntryFilter, wholeWords?: string[][]) {
  let query = db.selectFrom('journal_entries as e').where('e.person_id', '=', personId);
  if (filter.areaId) {
    const areaId = filter.areaId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('journal_entry_areas as a')
          .select('a.entry_id')
          .whereRef('a.entry_id', '=', 'e.id')
          .where('a.area_id', '=', areaId),
      ),
    );
  }
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  if (filter.visibilities) {
    query =
      filter.visibilities.length > 0
        ? query.where('e.visibility', 'in', filter.visibilities)
        : query.where(sql<boolean>`1 = 0`);
  }
  if (filter.from) query = query.where('e.occurred_on', '>=', filter.from);
  if (filter.to) query = query.where('e.occurred_on', '<=', filter.to);
  if (filter.goalId) query = query.where('e.goal_id', '=', filter.goalId);
  const words = filter.q ? searchWords(filter.q) : [];
  if (filter.q !== undefined && filter.q.trim() !== '' && words.length === 0) {
    // Only punctuation: nothing can match.
    query = query.where(sql<boolean>`1 = 0`);
  } else if (words.length > 0) {
    if (engineOf(db) === 'postgres') {
      // The search column holds the text with its accents removed (migration 0006); so do the words.
      const tsquery = words.map((w) => `${foldAccents(w)}:*`).join(' & ');
      query = query.where(sql<boolean>`e.search @@ to_tsquery('simple', ${tsquery})`);
    } else {
      // Words must match the title or body; the owner's id narrows the search inside the index.
      const owner = `"${personId.replace(/"/g, '""')}"`;
      if (wholeWords?.some((terms) => terms.length === 0)) {
        // A word no entry of theirs starts with: nothing can match.
        query = query.where(sql<boolean>`1 = 0`);
      } else {
        const phrases = wholeWords
          ? wholeWords.map((terms) => `(${terms.map((t) => `"${t}"`).join(' OR ')})`).join(' AND ')
          : // FTS5 removes the words' accents itself; the letters it keeps (ł, ø, ß…) are folded here
            // as the index's triggers fold them (migration 0006).
            words.map((w) => `"${foldLetters(w)}"*`).join(' ');
        const match = `person_id : ${owner} AND {title body} : (${phrases})`;
        query = query.where(sql<boolean>`e.rowid in (select rowid from journal_fts where journal_fts match ${match})`);
      }
    }
  }
  return query;
}

/** A page of a person's entries, newest first, and how many match in all. */
export async function listEntryRows(
  db: Kysely<Database>,
  personId: string,
  filter: EntryFilter,
  page: { limit: number; offset: number },
): Promise<{ entries: EntryWithParts[]; total: number }> {
  const wholeWords = filter.q ? await wholeWordsFor(db, personId, searchWords(filter.q)) : undefined;
  const [rows, count] = await Promise.all([
    filtered(db, personId, filter, wholeWords)
      .selectAll('e')
      .orderBy('e.occurred_on', 'desc')
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, personId, filter, wholeWords)
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirst(),
  ]);
  return { entries: await attachParts(db, rows), total: Number(count?.n ?? 0) };
}

/** One entry with its areas, links and linked goal's visibility. */
export async function findEntryById(db: Kysely<Database>, id: string): Promise<EntryWithParts | undefined> {
  const row = await db.selectFrom('journal_entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [withParts] = await attachParts(db, [row]);
  return withParts;
}

/** A person's entry made from a source (an imported git week), by its source key. */
export function findEntryBySourceKey(
  db: Kysely<Database>,
  personId: string,
  sourceKey: string,
): Promise<Pick<EntryRow, 'id' | 'title' | 'body' | 'occurred_on'> | undefined> {
  return db
    .selectFrom('journal_entries')
    .select(['id', 'title', 'body', 'occurred_on'])
    .where('person_id', '=', personId)
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
}

/** Entry dates with their areas, for counting evidence per area and week. */
export function listEntryAreaDates(db: Kysely<Database>, personId: string, from?: string, visibilities?: string[]) {
  let query = db
    .selectFrom('journal_entries as e')
    .innerJoin('journal_entry_areas as a', 'a.entry_id', 'e.id')
    .select(['e.occurred_on', 'a.area_id'])
    .where('e.person_id', '=', personId);
  if (from) query = query.where('e.occurred_on', '>=', from);
  if (visibilities)
    query =
      visibilities.length > 0 ? query.where('e.visibility', 'in', visibilities) : query.where(sql<boolean>`1 = 0`);
  return query.execute();
}

/** Groups `rows` by `key` into lists of `value`, keeping their order. */
function groupBy<T>(rows: T[], key: (row: T) => string, value: (row: T) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}

/** Area tags and links of some entries, by entry id (links in their order). */
async function partsOf(db: Kysely<Database>, ids: string[]) {
  const [areas, links] = await Promise.all([
    db.selectFrom('journal_entry_areas').select(['entry_id', 'area_id']).where('entry_id', 'in', ids).execute(),
    db
      .selectFrom('journal_entry_links')
      .select(['entry_id', 'url'])
      .where('entry_id', 'in', ids)
      .orderBy('entry_id')
      .orderBy('position')
      .execute(),
  ]);
  return {
    areas: groupBy(
      areas,
      (a) => a.entry_id,
      (a) => a.area_id,
    ),
    links: groupBy(
      links,
      (l) => l.entry_id,
      (l) => l.url,
    ),
  };
}

async function attachParts(db: Kysely<Database>, rows: EntryRow[]): Promise<EntryWithParts[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const goalIds = [...new Set(rows.flatMap((r) => (r.goal_id ? [r.goal_id] : [])))];
  const [{ areas, links }, goals] = await Promise.all([
    partsOf(db, ids),
    goalIds.length > 0
      ? db.selectFrom('goals').select(['id', 'visibility']).where('id', 'in', goalIds).execute()
      : Promise.resolve([]),
  ]);
  const goalVisibility = new Map(goals.map((g) => [g.id, g.visibility]));
  return rows.map((r) => ({
    ...stripSearch(r),
    areas: areas.get(r.id) ?? [],
    links: links.get(r.id) ?? [],
    goal_visibility: r.goal_id ? (goalVisibility.get(r.goal_id) ?? null) : null,
  }));
}

/** What a readiness report weighs of an entry: no body, no count of all matches. */
export interface EvidenceRow {
  id: string;
  title: string;
  occurred_on: string;
  kind: string;
  goal_id: string | null;
  areas: string[];
  links: string[];
}

/**
 * A person's entries of the given visibilities (all when absent) as evidence, newest first, at
 * most `limit`: the columns a report needs, without the bodies a journal page shows.
 */
export async function listEvidenceRows(
  db: Kysely<Database>,
  personId: string,
  visibilities: string[] | undefined,
  limit: number,
): Promise<EvidenceRow[]> {
  const rows = await filtered(db, personId, { visibilities })
    .select(['e.id', 'e.title', 'e.occurred_on', 'e.kind', 'e.goal_id'])
    .orderBy('e.occurred_on', 'desc')
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const { areas, links } = await partsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, areas: areas.get(r.id) ?? [], links: links.get(r.id) ?? [] }));
}

/** PostgreSQL's generated search column must not leak out of the repository. */
function stripSearch(row: EntryRow): EntryRow {
  const { search: _search, ...rest } = row as EntryRow & { search?: unknown };
  return rest;
}
