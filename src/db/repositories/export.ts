import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** A journal entry with its areas and links, as a person downloads it. */
export interface ExportEntryRow {
  id: string;
  occurred_on: string;
  title: string;
  body: string;
  kind: string;
  source: string;
  visibility: string;
  goal_id: string | null;
  goal_action_id: string | null;
  created_at: string;
  updated_at: string;
  areas: string[];
  links: string[];
}

/** Where the previous page of entries ended (its last entry's sort key). */
export interface EntryPageEnd {
  occurred_on: string;
  created_at: string;
  id: string;
}

/**
 * One page of a person's whole journal, oldest first, after `after` (keyset paging: each page
 * costs the same however far into the journal it is), with areas and links in two more statements.
 */
export async function listEntryPage(
  db: Kysely<Database>,
  personId: string,
  after: EntryPageEnd | undefined,
  limit: number,
): Promise<ExportEntryRow[]> {
  let query = db
    .selectFrom('journal_entries')
    .select([
      'id',
      'occurred_on',
      'title',
      'body',
      'kind',
      'source',
      'visibility',
      'goal_id',
      'goal_action_id',
      'created_at',
      'updated_at',
    ])
    .where('person_id', '=', personId);
  if (after) {
    query = query.where(
      sql<boolean>`(occurred_on, created_at, id) > (${after.occurred_on}, ${after.created_at}, ${after.id})`,
    );
  }
  const rows = await query.orderBy('occurred_on').orderBy('created_at').orderBy('id').limit(limit).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [areas, links] = await Promise.all([
    db
      .selectFrom('journal_entry_areas')
      .select(['entry_id', 'area_id'])
      .where('entry_id', 'in', ids)
      .orderBy('entry_id')
      .orderBy('area_id')
      .execute(),
    db
      .selectFrom('journal_entry_links')
      .select(['entry_id', 'url'])
      .where('entry_id', 'in', ids)
      .orderBy('entry_id')
      .orderBy('position')
      .execute(),
  ]);
  const areasOf = new Map<string, string[]>();
  for (const a of areas) areasOf.set(a.entry_id, [...(areasOf.get(a.entry_id) ?? []), a.area_id]);
  const linksOf = new Map<string, string[]>();
  for (const l of links) linksOf.set(l.entry_id, [...(linksOf.get(l.entry_id) ?? []), l.url]);
  return rows.map((r) => ({ ...r, areas: areasOf.get(r.id) ?? [], links: linksOf.get(r.id) ?? [] }));
}

/** A git credit with the name of its repository. */
export interface ExportCreditRow {
  repository_id: string;
  repository_name: string | null;
  sha: string;
  kind: string;
  helped_email: string | null;
  occurred_on: string;
  subject: string;
}

/** Where the previous page of credits ended (its primary key, the person aside). */
export interface CreditPageEnd {
  repository_id: string;
  sha: string;
  kind: string;
}

/** One page of a person's git credits in primary-key order, after `after`. */
export function listCreditPage(
  db: Kysely<Database>,
  personId: string,
  after: CreditPageEnd | undefined,
  limit: number,
): Promise<ExportCreditRow[]> {
  let query = db
    .selectFrom('git_credits as c')
    .leftJoin('git_repositories as r', 'r.id', 'c.repository_id')
    .select([
      'c.repository_id',
      'r.name as repository_name',
      'c.sha',
      'c.kind',
      'c.helped_email',
      'c.occurred_on',
      'c.subject',
    ])
    .where('c.person_id', '=', personId);
  if (after) {
    query = query.where(
      sql<boolean>`(c.repository_id, c.sha, c.kind) > (${after.repository_id}, ${after.sha}, ${after.kind})`,
    );
  }
  return query.orderBy('c.repository_id').orderBy('c.sha').orderBy('c.kind').limit(limit).execute();
}

/** A 360 answer someone gave, with the rated person's name and the answer's ratings. */
export interface GivenRatingRow {
  id: string;
  round_id: string;
  person_id: string;
  person_name: string | null;
  kind: string;
  created_at: string;
  ratings: Array<{ area_id: string; level: number; comment: string }>;
}

/** The answers a person gave in others' 360 rounds, oldest first, with their ratings. */
export async function listRatingsGivenBy(db: Kysely<Database>, raterId: string): Promise<GivenRatingRow[]> {
  const rows = await db
    .selectFrom('assessments as a')
    .leftJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.round_id', 'a.person_id', 'p.name as person_name', 'a.kind', 'a.created_at'])
    .where('a.rater_id', '=', raterId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  if (rows.length === 0) return [];
  const ratings = await db
    .selectFrom('assessment_ratings')
    .select(['assessment_id', 'area_id', 'level', 'comment'])
    .where(
      'assessment_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('assessment_id')
    .orderBy('area_id')
    .execute();
  const byAssessment = new Map<string, GivenRatingRow['ratings']>();
  for (const r of ratings) {
    byAssessment.set(r.assessment_id, [
      ...(byAssessment.get(r.assessment_id) ?? []),
      { area_id: r.area_id, level: Number(r.level), comment: r.comment },
    ]);
  }
  return rows.map((r) => ({ ...r, round_id: r.round_id ?? '', ratings: byAssessment.get(r.id) ?? [] }));
}
