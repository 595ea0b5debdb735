import { type Kysely, type Selectable, sql } from 'kysely';
import { engineOf } from '../client.ts';
import type { CredentialsTable, Database } from '../schema.ts';

/** A stored password hash. */
export type CredentialRow = Selectable<CredentialsTable>;

/** Whether any account (a person with a password) exists yet. */
export async function hasAnyCredential(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('credentials').select('person_id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Arbitrary key of the PostgreSQL advisory lock that orders first-run sign-ups. */
const FIRST_ACCOUNT_LOCK = 7_420_002;

/**
 * Call first in the transaction that makes the first account: two first-run sign-ups at once
 * then happen one after the other, so the second sees the first's account and is refused.
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: writes are already serialised; the
 * file's write lock is taken here by a no-op write.
 */
export async function lockFirstAccount(db: Kysely<Database>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`.execute(db);
  } else {
    await db.updateTable('credentials').set({ updated_at: '' }).where('person_id', '=', '').execute();
  }
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
