import type { Kysely, Selectable } from 'kysely';
import type { CredentialsTable, Database } from '../schema.ts';

/** A stored password hash. */
export type CredentialRow = Selectable<CredentialsTable>;

/** Whether any account (a person with a password) exists yet. */
export async function hasAnyCredential(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('credentials').select('person_id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Stores the first password of a person. */
export async function insertCredential(db: Kysely<Database>, row: CredentialRow): Promise<void> {
  await db.insertInto('credentials').values(row).execute();
}

/** The password hash of a person, if they have an account. */
export async function findPasswordHash(db: Kysely<Database>, personId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select('password_hash')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row?.password_hash;
}

/** The account with this (lower-cased) email: the person's id and password hash. */
export function findAccountByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<{ id: string; password_hash: string } | undefined> {
  return db
    .selectFrom('people')
    .innerJoin('credentials', 'credentials.person_id', 'people.id')
    .select(['people.id', 'credentials.password_hash'])
    .where('people.email', '=', email)
    .executeTakeFirst();
}

/** Replaces a person's password hash. */
export async function updatePasswordHash(
  db: Kysely<Database>,
  personId: string,
  passwordHash: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('credentials')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('person_id', '=', personId)
    .execute();
}
