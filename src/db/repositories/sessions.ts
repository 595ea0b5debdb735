import type { Kysely, Selectable } from 'kysely';
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

/** A session with what signing in needs about its person (admin or not, team), in one statement. */
export function findSessionWithHolder(
  db: Kysely<Database>,
  id: string,
): Promise<
  | (Pick<SessionRow, 'id' | 'person_id' | 'csrf_token' | 'expires_at'> & { is_admin: number; team_id: string | null })
  | undefined
> {
  return db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select([
      'sessions.id',
      'sessions.person_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'people.is_admin',
      'people.team_id',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

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
