import type { Kysely, Selectable } from 'kysely';
import { precompiled } from '../precompiled.ts';
import type { ApiTokensTable, Database } from '../schema.ts';

/** A personal API token as stored (its hash, never the token). */
export type ApiTokenRow = Selectable<ApiTokensTable>;

/** Stores a new token. */
export async function insertApiToken(db: Kysely<Database>, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** The unrevoked token with this hash: its id and owner. */
export function findActiveApiToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<{ id: string; person_id: string } | undefined> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'person_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** An unrevoked token with its person's admin flag and team and the data version, as signing in reads them. */
export type ApiTokenWithHolder = Pick<ApiTokenRow, 'id' | 'person_id' | 'last_used_at'> & {
  is_admin: number;
  team_id: string | null;
  data_version: number | string | null;
};

/**
 * The unrevoked token with this hash with what signing in needs about its person (admin or not,
 * team) and the data version (migration 0009), in one statement. Every request signed in with a
 * token runs it, so it is compiled once (db/precompiled.ts).
 */
export const findActiveApiTokenWithHolder: (
  db: Kysely<Database>,
  tokenHash: string,
) => Promise<ApiTokenWithHolder | undefined> = precompiled((db, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('people', 'people.id', 'api_tokens.person_id')
    .select([
      'api_tokens.id',
      'api_tokens.person_id',
      'api_tokens.last_used_at',
      'people.is_admin',
      'people.team_id',
      (eb) => eb.selectFrom('data_version').select('version').where('id', '=', 1).as('data_version'),
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null),
);

/** Records when a token was last used. */
export async function touchApiToken(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** A person's tokens, newest first, without their hashes. */
export function listApiTokensOf(
  db: Kysely<Database>,
  personId: string,
): Promise<Array<Omit<ApiTokenRow, 'person_id' | 'token_hash'>>> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revokes a person's active token; returns false when they have no active token with that id. */
export async function revokeApiTokenOf(
  db: Kysely<Database>,
  id: string,
  personId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
