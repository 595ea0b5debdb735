import type { Kysely, Selectable } from 'kysely';
import { isUniqueViolation } from '../constraint-errors.ts';
import type { Database, InvitationsTable } from '../schema.ts';

/** An invitation as stored (the hash of its link's token, never the token). */
export type InvitationRow = Selectable<InvitationsTable>;

/**
 * Stores a new invitation; false when the address already has a pending one (the partial unique
 * index `invitations_pending_email_idx` decides, so two invitations made at once cannot both land).
 */
export async function insertInvitation(db: Kysely<Database>, row: InvitationRow): Promise<boolean> {
  try {
    await db.insertInto('invitations').values(row).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** The invitation whose token has this hash, used or not. */
export function findInvitationByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** One invitation by id, whatever its state. */
export function findInvitationById(db: Kysely<Database>, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The address's pending invitation (unused, not revoked; maybe expired), if any. */
export function findPendingInvitationByEmail(db: Kysely<Database>, email: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** A pending invitation as listed: with the names of who sent it and of the manager it names. */
export type PendingInvitationRow = Omit<InvitationRow, 'token_hash'> & {
  team_name: string | null;
  inviter_name: string | null;
  manager_name: string | null;
};

/**
 * Pending invitations (unused, not revoked, not expired at `now`), newest first: all of them, or
 * only those sent by `involving` or naming them as manager.
 */
export function listPendingInvitations(
  db: Kysely<Database>,
  now: string,
  involving?: string,
): Promise<PendingInvitationRow[]> {
  let query = db
    .selectFrom('invitations')
    .leftJoin('teams', 'teams.id', 'invitations.team_id')
    .leftJoin('people as inviter', 'inviter.id', 'invitations.invited_by')
    .leftJoin('people as manager', 'manager.id', 'invitations.manager_id')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.team_id',
      'invitations.manager_id',
      'invitations.mentor_id',
      'invitations.is_admin',
      'invitations.invited_by',
      'invitations.created_at',
      'invitations.expires_at',
      'invitations.used_at',
      'invitations.revoked_at',
      'teams.name as team_name',
      'inviter.name as inviter_name',
      'manager.name as manager_name',
    ])
    .where('invitations.used_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now);
  if (involving !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('invitations.invited_by', '=', involving), eb('invitations.manager_id', '=', involving)]),
    );
  }
  return query.orderBy('invitations.created_at', 'desc').orderBy('invitations.id').execute();
}

/**
 * Marks an invitation used. Single use even under a race: only the first call finds it unused (and
 * not revoked) and gets true.
 */
export async function claimInvitation(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes a pending invitation; false when it was used or revoked meanwhile. */
export async function revokeInvitationRow(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Gives a pending invitation a new link (the old one stops working) and a new expiry; false when
 * it was used or revoked meanwhile.
 */
export async function renewInvitationToken(
  db: Kysely<Database>,
  id: string,
  tokenHash: string,
  expiresAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ token_hash: tokenHash, expires_at: expiresAt })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
