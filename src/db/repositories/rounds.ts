import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  AssessmentRatingsTable,
  AssessmentRoundsTable,
  AssessmentsTable,
  Database,
  RoundRatersTable,
} from '../schema.ts';
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

/** A rater of one of a person's rounds, with their name and their answer once given. */
export interface RoundRaterWithName {
  round_id: string;
  relation: string;
  assessment_id: string | null;
  name: string;
}

/** The raters of every round of a person (one statement, however many rounds), with their names. */
export function listRoundRatersOf(db: Kysely<Database>, personId: string): Promise<RoundRaterWithName[]> {
  return db
    .selectFrom('round_raters')
    .innerJoin('assessment_rounds', 'assessment_rounds.id', 'round_raters.round_id')
    .innerJoin('people', 'people.id', 'round_raters.rater_id')
    .select(['round_raters.round_id', 'round_raters.relation', 'round_raters.assessment_id', 'people.name'])
    .where('assessment_rounds.person_id', '=', personId)
    .orderBy('round_raters.round_id')
    .orderBy('round_raters.invited_at')
    .orderBy('round_raters.rater_id')
    .execute();
}

/** One rating of a rater's answer to a round. */
export interface RoundAnswerRating {
  assessment_id: string;
  area_id: string;
  level: number;
  comment: string;
}

/**
 * The ratings of every answer given to a person's rounds (one statement, however many rounds and
 * answers): only answers recorded on an invitation count.
 */
export async function listRoundAnswerRatingsOf(db: Kysely<Database>, personId: string): Promise<RoundAnswerRating[]> {
  const rows = await db
    .selectFrom('assessment_ratings')
    .innerJoin('round_raters', 'round_raters.assessment_id', 'assessment_ratings.assessment_id')
    .innerJoin('assessment_rounds', 'assessment_rounds.id', 'round_raters.round_id')
    .select([
      'assessment_ratings.assessment_id',
      'assessment_ratings.area_id',
      'assessment_ratings.level',
      'assessment_ratings.comment',
    ])
    .where('assessment_rounds.person_id', '=', personId)
    .execute();
  return rows.map((r) => ({ ...r, level: Number(r.level) }));
}

/**
 * Records a rater's answer: claims their invitation (only while it has no answer) and stores the
 * answer's assessment and ratings. Run it inside a transaction (`inTransaction`): false, and nothing
 * written, when the invitation was answered already — by an earlier request or one running at the
 * same moment (the claim waits for the other transaction and then finds the answer). The unique
 * (round_id, rater_id) index on assessments (migration 0006) backs this up.
 */
export async function recordRoundAnswer(
  db: Kysely<Database>,
  roundId: string,
  raterId: string,
  assessment: Insertable<AssessmentsTable>,
  ratings: Array<Selectable<AssessmentRatingsTable>>,
): Promise<boolean> {
  const claimed = await db
    .updateTable('round_raters')
    .set({ assessment_id: assessment.id })
    .where('round_id', '=', roundId)
    .where('rater_id', '=', raterId)
    .where('assessment_id', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return false;
  await db.insertInto('assessments').values(assessment).execute();
  if (ratings.length > 0) await db.insertInto('assessment_ratings').values(ratings).execute();
  return true;
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
