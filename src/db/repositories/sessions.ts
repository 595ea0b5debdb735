import type { Kysely, Selectable } from 'kysely';
import { precompiled } from '../precompiled.ts';
import type { Database, SessionsTable } from '../schema.ts';

/** A login: its id is the SHA-256 of the cookie's token. */
export type SessionRow = Selectable<SessionsTable>;

/** Stores a new login. */
export async function insertSession(db: Kysely<Database>, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session with this id (the token's hash), expired or not. */
export function findSession(db: Kysely<Database>, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .select(['id', 'person_id', 'csrf_token', 'created_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A session with its person's admin flag and team and the data version, as signing in reads them. */
export type SessionWithHolder = Pick<SessionRow, 'id' | 'person_id' | 'csrf_token' | 'expires_at'> & {
  is_admin: number;
  team_id: string | null;
  data_version: number | string | null;
};

/**
 * A session with what signing in needs about its person (admin or not, team) and the data version
 * (migration 0009: what the answer caches compare against), in one statement. Every request of the
 * web app runs it, so it is compiled once (db/precompiled.ts).
 */
export const findSessionWithHolder: (db: Kysely<Database>, id: string) => Promise<SessionWithHolder | undefined> =
  precompiled((db, id: string) =>
    db
      .selectFrom('sessions')
      .innerJoin('people', 'people.id', 'sessions.person_id')
      .select([
        'sessions.id',
        'sessions.person_id',
        'sessions.csrf_token',
        'sessions.expires_at',
        'people.is_admin',
        'people.team_id',
        (eb) => eb.selectFrom('data_version').select('version').where('id', '=', 1).as('data_version'),
      ])
      .where('sessions.id', '=', id),
  );

/** Ends one session. */
export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a person, except `keepId` when given; returns how many ended. */
export async function deleteSessionsOf(db: Kysely<Database>, personId: string, keepId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('person_id', '=', personId);
  if (keepId) query = query.where('id', '!=', keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
