import { type Kysely, type Selectable, sql } from 'kysely';
import { searchWords } from '../../domain/journal/journal.ts';
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

/** Lets other requests run between bulk statements (each statement is synchronous on SQLite). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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

function filtered(db: Kysely<Database>, personId: string, filter: EntryFilter) {
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
      const tsquery = words.map((w) => `${w}:*`).join(' & ');
      query = query.where(sql<boolean>`e.search @@ to_tsquery('simple', ${tsquery})`);
    } else {
      // Words must match the title or body; the owner's id narrows the search inside the index.
      const owner = `"${personId.replace(/"/g, '""')}"`;
      const match = `person_id : ${owner} AND {title body} : (${words.map((w) => `"${w}"*`).join(' ')})`;
      query = query.where(sql<boolean>`e.rowid in (select rowid from journal_fts where journal_fts match ${match})`);
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
  const [rows, count] = await Promise.all([
    filtered(db, personId, filter)
      .selectAll('e')
      .orderBy('e.occurred_on', 'desc')
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, personId, filter)
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

async function attachParts(db: Kysely<Database>, rows: EntryRow[]): Promise<EntryWithParts[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const goalIds = [...new Set(rows.flatMap((r) => (r.goal_id ? [r.goal_id] : [])))];
  const [areas, links, goals] = await Promise.all([
    db.selectFrom('journal_entry_areas').selectAll().where('entry_id', 'in', ids).execute(),
    db.selectFrom('journal_entry_links').selectAll().where('entry_id', 'in', ids).orderBy('position').execute(),
    goalIds.length > 0
      ? db.selectFrom('goals').select(['id', 'visibility']).where('id', 'in', goalIds).execute()
      : Promise.resolve([]),
  ]);
  const goalVisibility = new Map(goals.map((g) => [g.id, g.visibility]));
  return rows.map((r) => ({
    ...stripSearch(r),
    areas: areas.filter((a) => a.entry_id === r.id).map((a) => a.area_id),
    links: links.filter((l) => l.entry_id === r.id).map((l) => l.url),
    goal_visibility: r.goal_id ? (goalVisibility.get(r.goal_id) ?? null) : null,
  }));
}

/** PostgreSQL's generated search column must not leak out of the repository. */
function stripSearch(row: EntryRow): EntryRow {
  const { search: _search, ...rest } = row as EntryRow & { search?: unknown };
  return rest;
}
