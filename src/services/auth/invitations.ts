import {
  acceptInput,
  type InvitationOutput,
  invitationInput,
  type NewInvitationOutput,
  type PendingInvitationOutput,
} from '../../contracts/auth.ts';
import { insertCredential } from '../../db/repositories/credentials.ts';
import { findEmailOwner } from '../../db/repositories/emails.ts';
import {
  claimInvitation,
  findInvitationById,
  findInvitationByTokenHash,
  findPendingInvitationByEmail,
  type InvitationRow,
  insertInvitation,
  listPendingInvitations as listPendingInvitationRows,
  renewInvitationToken,
  revokeInvitationRow,
} from '../../db/repositories/invitations.ts';
import { insertMentorship } from '../../db/repositories/mentorships.ts';
import {
  findPersonById,
  insertPersonUnlessEmailTaken,
  managesAnyone,
  personExists,
} from '../../db/repositories/people.ts';
import { findOrCreateTeam } from '../../db/repositories/teams.ts';
import { inTransaction } from '../../db/transaction.ts';
import { canAdminister } from '../../domain/access/policy.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { presentInvitation, presentNewInvitation, presentPendingInvitation } from '../../presenters/auth.ts';
import { audit } from '../access.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';
import { hashPassword, newSecret, secretHash } from './passwords.ts';
import { type NewSession, startSession } from './sessions.ts';

/** How long an invitation link works. */
const INVITATION_DAYS = 7;

function expiryFrom(ctx: ServiceContext): string {
  return new Date(ctx.clock().getTime() + INVITATION_DAYS * 86_400_000).toISOString();
}

/** The answer for an address that already belongs to someone (primary or extra address). */
function accountExists(email: string): AppError {
  return new AppError(
    'conflict',
    'ACCOUNT_EXISTS',
    `There is already an account for ${email}. Sign in with it instead; if the password is lost, an admin can help.`,
  );
}

/** The answer for a link that does not work: unknown, revoked, or replaced by a newer link. */
function unknownInvitation(): AppError {
  return new AppError('not_found', 'INVITATION_NOT_FOUND', 'This invitation link is not valid. Ask for a new one.');
}

/**
 * Whether the acting party may see, revoke and renew an invitation: admins (and the CLI) all of
 * them; anyone the ones they sent or that name them as the new person's manager.
 */
function mayManage(ctx: ServiceContext, row: Pick<InvitationRow, 'invited_by' | 'manager_id'>): boolean {
  const actor = actorOf(ctx);
  if (actor.kind === 'system' || canAdminister(actor)) return true;
  return row.invited_by === actor.id || row.manager_id === actor.id;
}

/**
 * Invites someone by email: admins may invite anyone (optionally as admin); managers may invite
 * people into their own reporting line. The link works once, for seven days. An address that
 * already has an account, or a pending invitation, is refused (409) rather than invited twice.
 */
export async function createInvitation(ctx: ServiceContext, raw: unknown): Promise<NewInvitationOutput> {
  const input = parseInput(invitationInput, raw);
  const actor = actorOf(ctx);
  const isAdmin = canAdminister(actor);
  const inviterId = actor.kind === 'person' ? actor.id : null;
  if (!isAdmin) {
    if (input.isAdmin) throw new AppError('forbidden', 'FORBIDDEN', 'Only an admin can invite another admin.');
    // A member who manages nobody cannot make themself someone's manager by inviting them.
    const managesSomeone = inviterId ? await managesAnyone(ctx.db, inviterId) : false;
    if (!inviterId || !managesSomeone || (input.managerId && input.managerId !== inviterId)) {
      throw new AppError(
        'forbidden',
        'FORBIDDEN',
        'Only admins, or managers inviting their own reports, can invite people.',
      );
    }
    input.managerId = inviterId;
  }
  if (!inviterId) throw new AppError('forbidden', 'FORBIDDEN', 'Invitations come from a person.');
  if (await findEmailOwner(ctx.db, input.email)) {
    throw new AppError('conflict', 'EMAIL_TAKEN', `${input.email} already has an account; they can sign in.`, {
      email: 'already has an account',
    });
  }
  for (const id of [input.managerId, input.mentorId]) {
    if (id && !(await personExists(ctx.db, id))) {
      throw new AppError('invalid', 'PERSON_NOT_FOUND', `No person with id "${id}".`);
    }
  }
  const token = newSecret();
  const now = nowIso(ctx);
  const expiresAt = expiryFrom(ctx);
  const alreadyInvited = (pending: InvitationRow | undefined) =>
    new AppError(
      'conflict',
      'INVITATION_PENDING',
      pending && mayManage(ctx, pending)
        ? `${input.email} has already been invited (until ${pending.expires_at.slice(0, 10)}). Copy a new link for that invitation, or revoke it first.`
        : `${input.email} has already been invited. Ask an admin to send that invitation's link again or to revoke it.`,
      { email: 'already invited' },
    );
  await inTransaction(ctx.db, async (trx) => {
    const pending = await findPendingInvitationByEmail(trx, input.email);
    if (pending && pending.expires_at >= now) throw alreadyInvited(pending);
    // An expired invitation for the address is done with: the new one replaces it.
    if (pending) await revokeInvitationRow(trx, pending.id, now);
    const teamId = input.team ? await findOrCreateTeam(trx, input.team, ctx.newId(), now) : null;
    const inserted = await insertInvitation(trx, {
      id: ctx.newId(),
      token_hash: secretHash(token),
      email: input.email,
      team_id: teamId,
      manager_id: input.managerId ?? null,
      mentor_id: input.mentorId ?? null,
      is_admin: input.isAdmin ? 1 : 0,
      invited_by: inviterId,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      revoked_at: null,
    });
    // Someone invited the same address at the same moment, and won.
    if (!inserted) throw alreadyInvited(undefined);
  });
  return presentNewInvitation(input.email, token, expiresAt);
}

/**
 * The invitation of a link, when it can still be used; otherwise says why not. A revoked link, or
 * one replaced by a newer link, answers exactly like a link that never existed.
 */
async function usableInvitation(ctx: ServiceContext, token: string): Promise<InvitationRow> {
  const row = await findInvitationByTokenHash(ctx.db, secretHash(token));
  if (!row || row.revoked_at) throw unknownInvitation();
  if (row.used_at)
    throw new AppError('conflict', 'INVITATION_USED', 'This invitation has been used already. Sign in instead.');
  if (row.expires_at < nowIso(ctx))
    throw new AppError('conflict', 'INVITATION_EXPIRED', 'This invitation has expired. Ask for a new one.');
  return row;
}

/** What an invitation link is for (shown before accepting); says so when the address got an account meanwhile. */
export async function describeInvitation(ctx: ServiceContext, token: string): Promise<InvitationOutput> {
  const row = await usableInvitation(ctx, token);
  if (await findEmailOwner(ctx.db, row.email)) throw accountExists(row.email);
  const inviter = await findPersonById(ctx.db, row.invited_by);
  return presentInvitation(row, inviter?.name);
}

/**
 * Accepts an invitation: creates the profile and account, links manager and mentor, signs in.
 * When the address got an account meanwhile (another invitation, an extra address, a race of
 * two accepts), the answer is 409 ACCOUNT_EXISTS and nothing is written.
 */
export async function acceptInvitation(ctx: ServiceContext, token: string, raw: unknown): Promise<NewSession> {
  const input = parseInput(acceptInput, raw);
  const invitation = await usableInvitation(ctx, token);
  if (await findEmailOwner(ctx.db, invitation.email)) throw accountExists(invitation.email);
  const hash = await hashPassword(input.password);
  const now = nowIso(ctx);
  const id = ctx.newId();
  await inTransaction(ctx.db, async (trx) => {
    if (!(await claimInvitation(trx, invitation.id, now))) {
      // Used or revoked since it was read.
      if ((await findInvitationById(trx, invitation.id))?.revoked_at) throw unknownInvitation();
      throw new AppError('conflict', 'INVITATION_USED', 'This invitation has been used already. Sign in instead.');
    }
    if (await findEmailOwner(trx, invitation.email)) throw accountExists(invitation.email);
    const inserted = await insertPersonUnlessEmailTaken(trx, {
      id,
      name: input.name,
      email: invitation.email,
      role_title: input.roleTitle,
      team_id: invitation.team_id,
      track: null,
      stage: null,
      is_admin: invitation.is_admin,
      manager_id: invitation.manager_id,
      created_at: now,
      updated_at: now,
    });
    // Another account with this address was committed at the same moment (the unique index decided).
    if (!inserted) throw accountExists(invitation.email);
    await insertCredential(trx, { person_id: id, password_hash: hash, updated_at: now });
    if (invitation.mentor_id)
      await insertMentorship(trx, { mentor_id: invitation.mentor_id, mentee_id: id, created_at: now });
  });
  return startSession(ctx, id);
}

/**
 * Pending invitations (not used, revoked or expired), newest first: admins see all of them; anyone
 * else the ones they sent or that name them as the new person's manager (for a manager: their
 * line), which is also what they may revoke or renew. Not recorded in the audit log: like the
 * directory, it holds nobody's personal data but the invitee's address.
 */
export async function listPendingInvitations(ctx: ServiceContext): Promise<PendingInvitationOutput[]> {
  const actor = actorOf(ctx);
  const everyone = actor.kind === 'system' || canAdminister(actor);
  const rows = await listPendingInvitationRows(ctx.db, nowIso(ctx), everyone ? undefined : actor.id);
  return rows.map(presentPendingInvitation);
}

/** A pending invitation the acting party may manage; any other id answers like an unknown one. */
async function managedInvitation(ctx: ServiceContext, invitationId: string): Promise<InvitationRow> {
  const row = await findInvitationById(ctx.db, invitationId);
  if (!row || row.used_at || row.revoked_at || !mayManage(ctx, row)) {
    throw new AppError('not_found', 'INVITATION_NOT_FOUND', `No pending invitation with id "${invitationId}".`);
  }
  return row;
}

/**
 * Revokes a pending invitation: its link then answers like an unknown one. The inviter sees in
 * their log when someone else revoked it.
 */
export async function revokeInvitation(ctx: ServiceContext, invitationId: string): Promise<void> {
  const row = await managedInvitation(ctx, invitationId);
  if (!(await revokeInvitationRow(ctx.db, row.id, nowIso(ctx)))) {
    throw new AppError('not_found', 'INVITATION_NOT_FOUND', `No pending invitation with id "${invitationId}".`);
  }
  await audit(ctx, row.invited_by, 'change', `invitation for ${row.email} (revoked)`);
}

/**
 * A new link for a pending invitation, valid seven days from now; the previous link stops working.
 * Only a hash of each link is stored (a leaked database or backup holds no working link), so a
 * link cannot be shown again: "copy the link" makes a new one.
 */
export async function renewInvitationLink(ctx: ServiceContext, invitationId: string): Promise<NewInvitationOutput> {
  const row = await managedInvitation(ctx, invitationId);
  const token = newSecret();
  const expiresAt = expiryFrom(ctx);
  if (!(await renewInvitationToken(ctx.db, row.id, secretHash(token), expiresAt))) {
    throw new AppError('not_found', 'INVITATION_NOT_FOUND', `No pending invitation with id "${invitationId}".`);
  }
  await audit(ctx, row.invited_by, 'change', `invitation for ${row.email} (new link)`);
  return presentNewInvitation(row.email, token, expiresAt);
}
