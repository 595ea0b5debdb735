import type { Kysely, Selectable } from 'kysely';
import type { Database, InvitationsTable } from '../schema.ts';

/** An invitation as stored (the hash of its link's token, never the token). */
export type InvitationRow = Selectable<InvitationsTable>;

/** Stores a new invitation. */
export async function insertInvitation(db: Kysely<Database>, row: InvitationRow): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

/** The invitation whose token has this hash, used or not. */
export function findInvitationByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Marks an invitation used. Single use even under a race: only the first call finds it unused and
 * gets true.
 */
export async function claimInvitation(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
