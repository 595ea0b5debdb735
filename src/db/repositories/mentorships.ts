import type { Kysely, Selectable } from 'kysely';
import type { Database, MentorshipsTable } from '../schema.ts';

/** Who mentors whom. */
export type MentorshipRow = Selectable<MentorshipsTable>;

/** Mentor–mentee pairs ordered by mentor, for everyone or only for the given mentees. */
export function listMentorships(
  db: Kysely<Database>,
  menteeIds?: string[],
): Promise<Array<Pick<MentorshipRow, 'mentor_id' | 'mentee_id'>>> {
  let query = db.selectFrom('mentorships').select(['mentor_id', 'mentee_id']).orderBy('mentor_id');
  if (menteeIds) query = query.where('mentee_id', 'in', menteeIds.length > 0 ? menteeIds : ['']);
  return query.execute();
}

/** Records that `mentor_id` mentors `mentee_id`. */
export async function insertMentorship(db: Kysely<Database>, row: MentorshipRow): Promise<void> {
  await db.insertInto('mentorships').values(row).execute();
}

/** Replaces a person's mentors with `mentorIds` (duplicates ignored). Run it inside a transaction. */
export async function replaceMentors(
  db: Kysely<Database>,
  menteeId: string,
  mentorIds: string[],
  now: string,
): Promise<void> {
  await db.deleteFrom('mentorships').where('mentee_id', '=', menteeId).execute();
  for (const mentorId of new Set(mentorIds)) {
    await insertMentorship(db, { mentor_id: mentorId, mentee_id: menteeId, created_at: now });
  }
}
