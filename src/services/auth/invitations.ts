import { acceptInput, type InvitationOutput, invitationInput, type NewInvitationOutput } from '../../contracts/auth.ts';
import { insertCredential } from '../../db/repositories/credentials.ts';
import {
  claimInvitation,
  findInvitationByTokenHash,
  type InvitationRow,
  insertInvitation,
} from '../../db/repositories/invitations.ts';
import { insertMentorship } from '../../db/repositories/mentorships.ts';
import {
  findPersonByEmail,
  findPersonById,
  insertPerson,
  managesAnyone,
  personExists,
} from '../../db/repositories/people.ts';
import { findOrCreateTeam } from '../../db/repositories/teams.ts';
import { inTransaction } from '../../db/transaction.ts';
import { canAdminister } from '../../domain/access/policy.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { presentInvitation, presentNewInvitation } from '../../presenters/auth.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';
import { hashPassword, newSecret, secretHash } from './passwords.ts';
import { type NewSession, startSession } from './sessions.ts';

/** How long an invitation link works. */
const INVITATION_DAYS = 7;

/**
 * Invites someone by email: admins may invite anyone (optionally as admin); managers may invite
 * people into their own reporting line. The link works once, for seven days.
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
  if (await findPersonByEmail(ctx.db, input.email)) {
    throw new AppError('conflict', 'EMAIL_TAKEN', `${input.email} already has a profile.`, { email: 'already in use' });
  }
  for (const id of [input.managerId, input.mentorId]) {
    if (id && !(await personExists(ctx.db, id))) {
      throw new AppError('invalid', 'PERSON_NOT_FOUND', `No person with id "${id}".`);
    }
  }
  const token = newSecret();
  const now = nowIso(ctx);
  const teamId = input.team ? await findOrCreateTeam(ctx.db, input.team, ctx.newId(), now) : null;
  const expiresAt = new Date(ctx.clock().getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  await insertInvitation(ctx.db, {
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
  });
  return presentNewInvitation(input.email, token, expiresAt);
}

/** The invitation of a link, when it can still be used; otherwise says why not. */
async function usableInvitation(ctx: ServiceContext, token: string): Promise<InvitationRow> {
  const row = await findInvitationByTokenHash(ctx.db, secretHash(token));
  if (!row)
    throw new AppError('not_found', 'INVITATION_NOT_FOUND', 'This invitation link is not valid. Ask for a new one.');
  if (row.used_at)
    throw new AppError('conflict', 'INVITATION_USED', 'This invitation has been used already. Sign in instead.');
  if (row.expires_at < nowIso(ctx))
    throw new AppError('conflict', 'INVITATION_EXPIRED', 'This invitation has expired. Ask for a new one.');
  return row;
}

/** What an invitation link is for (shown before accepting). */
export async function describeInvitation(ctx: ServiceContext, token: string): Promise<InvitationOutput> {
  const row = await usableInvitation(ctx, token);
  const inviter = await findPersonById(ctx.db, row.invited_by);
  return presentInvitation(row, inviter?.name);
}

/** Accepts an invitation: creates the profile and account, links manager and mentor, signs in. */
export async function acceptInvitation(ctx: ServiceContext, token: string, raw: unknown): Promise<NewSession> {
  const input = parseInput(acceptInput, raw);
  const invitation = await usableInvitation(ctx, token);
  const hash = await hashPassword(input.password);
  const now = nowIso(ctx);
  const id = ctx.newId();
  await inTransaction(ctx.db, async (trx) => {
    if (!(await claimInvitation(trx, invitation.id, now)))
      throw new AppError('conflict', 'INVITATION_USED', 'This invitation has been used already.');
    await insertPerson(trx, {
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
    await insertCredential(trx, { person_id: id, password_hash: hash, updated_at: now });
    if (invitation.mentor_id)
      await insertMentorship(trx, { mentor_id: invitation.mentor_id, mentee_id: id, created_at: now });
  });
  return startSession(ctx, id);
}
