import type { Kysely, Selectable } from 'kysely';
import type { AssessmentRoundsTable, Database, RoundRatersTable } from '../schema.ts';
import { inTransaction } from '../transaction.ts';

/** A 360 round: whose, against which installed framework, when. */
export type RoundRow = Selectable<AssessmentRoundsTable>;
/** One rater invited to a round, and their answer once given. */
export type RoundRaterRow = Selectable<RoundRatersTable>;

/** Stores a round and its invited raters atomically. */
export async function insertRound(db: Kysely<Database>, round: RoundRow, raters: RoundRaterRow[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.insertInto('assessment_rounds').values(round).execute();
    await trx.insertInto('round_raters').values(raters).execute();
  });
}

/** One round. */
export function findRound(db: Kysely<Database>, roundId: string): Promise<RoundRow | undefined> {
  return db.selectFrom('assessment_rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
}

/** A person's rounds, newest first. */
export function listRoundsOf(db: Kysely<Database>, personId: string): Promise<RoundRow[]> {
  return db
    .selectFrom('assessment_rounds')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** One rater's invitation to a round. */
export function findRoundRater(
  db: Kysely<Database>,
  roundId: string,
  raterId: string,
): Promise<RoundRaterRow | undefined> {
  return db
    .selectFrom('round_raters')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('rater_id', '=', raterId)
    .executeTakeFirst();
}

/** A round's raters with their names and whether (with which assessment) they answered. */
export function listRoundRaters(
  db: Kysely<Database>,
  roundId: string,
): Promise<Array<{ relation: string; assessment_id: string | null; name: string }>> {
  return db
    .selectFrom('round_raters')
    .innerJoin('people', 'people.id', 'round_raters.rater_id')
    .select(['round_raters.relation', 'round_raters.assessment_id', 'people.name'])
    .where('round_raters.round_id', '=', roundId)
    .execute();
}

/** Records a rater's answer (the assessment they submitted) on their invitation. */
export async function recordRating(
  db: Kysely<Database>,
  roundId: string,
  raterId: string,
  assessmentId: string,
): Promise<void> {
  await db
    .updateTable('round_raters')
    .set({ assessment_id: assessmentId })
    .where('round_id', '=', roundId)
    .where('rater_id', '=', raterId)
    .execute();
}

/** A round someone is asked to rate in and has not answered yet, with whose round it is. */
export interface PendingRatingRow {
  round_id: string;
  relation: string;
  created_at: string;
  person_id: string;
  name: string;
}

/** The rounds a rater has not answered yet, newest first. */
export function listPendingRatings(db: Kysely<Database>, raterId: string): Promise<PendingRatingRow[]> {
  return db
    .selectFrom('round_raters')
    .innerJoin('assessment_rounds', 'assessment_rounds.id', 'round_raters.round_id')
    .innerJoin('people', 'people.id', 'assessment_rounds.person_id')
    .select([
      'round_raters.round_id',
      'round_raters.relation',
      'assessment_rounds.created_at',
      'people.id as person_id',
      'people.name',
    ])
    .where('round_raters.rater_id', '=', raterId)
    .where('round_raters.assessment_id', 'is', null)
    .orderBy('assessment_rounds.created_at', 'desc')
    .execute();
}
