import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** A person's extra email addresses (besides the primary one), sorted. */
export async function listExtraEmails(db: Kysely<Database>, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('person_emails')
    .select('email')
    .where('person_id', '=', personId)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/** Who owns an email, as their primary or as an extra address (undefined: nobody). */
export async function findEmailOwner(db: Kysely<Database>, email: string): Promise<string | undefined> {
  return (
    (await db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst())?.id ??
    (await db.selectFrom('person_emails').select('person_id').where('email', '=', email).executeTakeFirst())?.person_id
  );
}

/** Adds an extra email to a person. */
export async function insertExtraEmail(
  db: Kysely<Database>,
  row: { email: string; person_id: string; created_at: string },
): Promise<void> {
  await db.insertInto('person_emails').values(row).execute();
}

/** Removes one of a person's extra emails; returns false when they had no such email. */
export async function deleteExtraEmail(db: Kysely<Database>, personId: string, email: string): Promise<boolean> {
  const result = await db
    .deleteFrom('person_emails')
    .where('person_id', '=', personId)
    .where('email', '=', email)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
