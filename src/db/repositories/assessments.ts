import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AssessmentRatingsTable, AssessmentsTable, Database } from '../schema.ts';

export type AssessmentRow = Selectable<AssessmentsTable>;
export type RatingRow = Selectable<AssessmentRatingsTable>;

/** An assessment with its ratings, in the order the areas were stored. */
export interface AssessmentWithRatings extends AssessmentRow {
  ratings: RatingRow[];
}

/** Stores an assessment and its ratings atomically. */
export async function insertAssessment(
  db: Kysely<Database>,
  assessment: Insertable<AssessmentsTable>,
  ratings: RatingRow[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('assessments').values(assessment).execute();
    if (ratings.length > 0) await trx.insertInto('assessment_ratings').values(ratings).execute();
  });
}

/**
 * A person's assessments of one kind, newest first, with ratings; `limit` bounds how many and
 * `visibilities` (when given) keeps only those a reader may see.
 */
export async function listAssessments(
  db: Kysely<Database>,
  personId: string,
  kind: string,
  limit?: number,
  visibilities?: string[],
): Promise<AssessmentWithRatings[]> {
  let query = db
    .selectFrom('assessments')
    .selectAll()
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .$if(visibilities !== undefined, (q) =>
      q.where('visibility', 'in', visibilities && visibilities.length > 0 ? visibilities : ['']),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc');
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  return attachRatings(db, rows);
}

/** One assessment with its ratings. */
export async function findAssessmentById(db: Kysely<Database>, id: string): Promise<AssessmentWithRatings | undefined> {
  const row = await db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [withRatings] = await attachRatings(db, [row]);
  return withRatings;
}

async function attachRatings(db: Kysely<Database>, rows: AssessmentRow[]): Promise<AssessmentWithRatings[]> {
  if (rows.length === 0) return [];
  const ratings = await db
    .selectFrom('assessment_ratings')
    .selectAll()
    .where(
      'assessment_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byAssessment = new Map<string, RatingRow[]>();
  for (const r of ratings) {
    const list = byAssessment.get(r.assessment_id) ?? [];
    list.push({ ...r, level: Number(r.level) });
    byAssessment.set(r.assessment_id, list);
  }
  return rows.map((row) => ({ ...row, ratings: byAssessment.get(row.id) ?? [] }));
}
