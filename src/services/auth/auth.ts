import { z } from 'zod';
import { findOrCreateTeam, findPersonByEmail } from '../../db/repositories/people.ts';
import { type Actor, canAdminister } from '../../domain/access/policy.ts';
import { AppError, fieldsFromIssues, parseInput } from '../../domain/errors.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';
import { hashPassword, newSecret, secretHash, verifyPassword } from './passwords.ts';

/** How long a login lasts. */
const SESSION_DAYS = 30;
/** How long an invitation link works. */
const INVITATION_DAYS = 7;

const password = z.string().min(10, 'use at least 10 characters').max(200);
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address such as ada@example.com').max(254));

export const signupInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(120),
  email,
  password,
  roleTitle: z.string().trim().min(1, 'required').max(120),
  team: z.string().trim().max(120).optional(),
});
export const loginInput = z.strictObject({ email, password: z.string().min(1, 'required').max(200) });
export const passwordChangeInput = z.strictObject({ current: z.string().min(1).max(200), next: password });
export const invitationInput = z.strictObject({
  email,
  team: z.string().trim().max(120).optional(),
  managerId: z.string().min(1).max(100).optional(),
  mentorId: z.string().min(1).max(100).optional(),
  isAdmin: z.boolean().default(false),
});
export const acceptInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(120),
  password,
  roleTitle: z.string().trim().min(1, 'required').max(120),
});

/** A new login: the token goes in an HttpOnly cookie, the CSRF token to the page. */
export interface NewSession {
  token: string;
  csrfToken: string;
  personId: string;
  expiresAt: string;
}

/** True until the first account exists (the first run then signs up the admin). */
export async function isSetupRequired(ctx: ServiceContext): Promise<boolean> {
  const any = await ctx.db.selectFrom('credentials').select('person_id').limit(1).executeTakeFirst();
  return !any;
}

async function startSession(ctx: ServiceContext, personId: string): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expires = new Date(ctx.clock().getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await ctx.db
    .insertInto('sessions')
    .values({
      id: secretHash(token),
      person_id: personId,
      csrf_token: csrfToken,
      created_at: nowIso(ctx),
      expires_at: expires,
    })
    .execute();
  return { token, csrfToken, personId, expiresAt: expires };
}

/**
 * The first run: creates the first account, an admin. A profile made earlier from the CLI with
 * the same email becomes that account. Refused once any account exists.
 */
export async function signUp(ctx: ServiceContext, raw: unknown): Promise<NewSession> {
  const input = parseInput(signupInput, raw);
  if (!(await isSetupRequired(ctx))) {
    throw new AppError(
      'conflict',
      'ALREADY_SET_UP',
      'Leadway already has an admin. Sign in, or ask an admin for an invitation.',
    );
  }
  const hash = await hashPassword(input.password);
  const now = nowIso(ctx);
  const personId = await ctx.db.transaction().execute(async (trx) => {
    const existing = await findPersonByEmail(trx, input.email);
    const teamId = input.team ? await findOrCreateTeam(trx, input.team, ctx.newId(), now) : (existing?.team_id ?? null);
    const id = existing?.id ?? ctx.newId();
    if (existing) {
      await trx
        .updateTable('people')
        .set({ name: input.name, role_title: input.roleTitle, team_id: teamId, is_admin: 1, updated_at: now })
        .where('id', '=', id)
        .execute();
    } else {
      await trx
        .insertInto('people')
        .values({
          id,
          name: input.name,
          email: input.email,
          role_title: input.roleTitle,
          team_id: teamId,
          track: null,
          stage: null,
          is_admin: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await trx.insertInto('credentials').values({ person_id: id, password_hash: hash, updated_at: now }).execute();
    return id;
  });
  return startSession(ctx, personId);
}

/** Signs in with email and password; the same answer for an unknown email and a wrong password. */
export async function logIn(ctx: ServiceContext, raw: unknown): Promise<NewSession> {
  const input = parseInput(loginInput, raw);
  const row = await ctx.db
    .selectFrom('people')
    .innerJoin('credentials', 'credentials.person_id', 'people.id')
    .select(['people.id', 'credentials.password_hash'])
    .where('people.email', '=', input.email)
    .executeTakeFirst();
  // Hash even for an unknown email so the answer takes as long either way.
  const ok = await verifyPassword(
    input.password,
    row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
  );
  if (!row || !ok)
    throw new AppError('unauthenticated', 'BAD_CREDENTIALS', 'That email and password do not match an account.');
  return startSession(ctx, row.id);
}

/** Who a session token or API token belongs to, or null. Expired sessions and revoked tokens do not count. */
export async function authenticate(
  ctx: ServiceContext,
  credentials: { sessionToken?: string | undefined; bearer?: string | undefined },
): Promise<{ actor: Actor; csrfToken: string | null; via: 'session' | 'token'; sessionId?: string } | null> {
  let personId: string | null = null;
  let csrfToken: string | null = null;
  let via: 'session' | 'token' = 'session';
  let sessionId: string | undefined;
  if (credentials.bearer) {
    const row = await ctx.db
      .selectFrom('api_tokens')
      .select(['id', 'person_id'])
      .where('token_hash', '=', secretHash(credentials.bearer))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    personId = row.person_id;
    via = 'token';
    await ctx.db
      .updateTable('api_tokens')
      .set({ last_used_at: nowIso(ctx) })
      .where('id', '=', row.id)
      .execute();
  } else if (credentials.sessionToken) {
    const row = await ctx.db
      .selectFrom('sessions')
      .select(['id', 'person_id', 'csrf_token', 'expires_at'])
      .where('id', '=', secretHash(credentials.sessionToken))
      .executeTakeFirst();
    if (!row || row.expires_at < nowIso(ctx)) return null;
    personId = row.person_id;
    csrfToken = row.csrf_token;
    sessionId = row.id;
  }
  if (!personId) return null;
  const person = await ctx.db
    .selectFrom('people')
    .select(['id', 'is_admin'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return null;
  return {
    actor: { kind: 'person', id: person.id, isAdmin: Number(person.is_admin) === 1 },
    csrfToken,
    via,
    ...(sessionId ? { sessionId } : {}),
  };
}

/** Ends one session. */
export async function logOut(ctx: ServiceContext, sessionToken: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', secretHash(sessionToken)).execute();
}

function me(ctx: ServiceContext): string {
  const actor = actorOf(ctx);
  if (actor.kind !== 'person') throw new AppError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first.');
  return actor.id;
}

/** Ends every session of the acting person (all browsers and devices). */
export async function logOutEverywhere(ctx: ServiceContext): Promise<{ ended: number }> {
  const result = await ctx.db.deleteFrom('sessions').where('person_id', '=', me(ctx)).executeTakeFirst();
  return { ended: Number(result.numDeletedRows) };
}

/** Changes the acting person's password after checking the current one; other sessions end. */
export async function changePassword(ctx: ServiceContext, raw: unknown, keepSessionToken?: string): Promise<void> {
  const input = parseInput(passwordChangeInput, raw);
  const personId = me(ctx);
  const row = await ctx.db
    .selectFrom('credentials')
    .select('password_hash')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!row || !(await verifyPassword(input.current, row.password_hash))) {
    throw new AppError('invalid', 'BAD_CREDENTIALS', 'The current password is not right.', { current: 'not right' });
  }
  await ctx.db
    .updateTable('credentials')
    .set({ password_hash: await hashPassword(input.next), updated_at: nowIso(ctx) })
    .where('person_id', '=', personId)
    .execute();
  let query = ctx.db.deleteFrom('sessions').where('person_id', '=', personId);
  if (keepSessionToken) query = query.where('id', '!=', secretHash(keepSessionToken));
  await query.execute();
}

/** Creates a personal API token for the CLI and scripts; the token is returned only now. */
export async function createApiToken(ctx: ServiceContext, name: string) {
  const label = z.string().trim().min(1, 'name the token, e.g. "laptop CLI"').max(80).safeParse(name);
  if (!label.success)
    throw new AppError('invalid', 'VALIDATION_FAILED', 'The token needs a name.', {
      name: label.error.issues[0]?.message ?? 'required',
    });
  const token = newSecret('lw_');
  const id = ctx.newId();
  await ctx.db
    .insertInto('api_tokens')
    .values({
      id,
      person_id: me(ctx),
      name: label.data,
      token_hash: secretHash(token),
      created_at: nowIso(ctx),
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, name: label.data, token };
}

export async function listApiTokens(ctx: ServiceContext) {
  const rows = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('person_id', '=', me(ctx))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<void> {
  const result = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso(ctx) })
    .where('id', '=', id)
    .where('person_id', '=', me(ctx))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new AppError('not_found', 'TOKEN_NOT_FOUND', `No active token with id "${id}".`);
}

/**
 * Invites someone by email: admins may invite anyone (optionally as admin); managers may invite
 * people into their own reporting line. The link works once, for seven days.
 */
export async function createInvitation(ctx: ServiceContext, raw: unknown) {
  const input = parseInput(invitationInput, raw);
  const actor = actorOf(ctx);
  const isAdmin = canAdminister(actor);
  const inviterId = actor.kind === 'person' ? actor.id : null;
  if (!isAdmin) {
    if (input.isAdmin) throw new AppError('forbidden', 'FORBIDDEN', 'Only an admin can invite another admin.');
    // A member who manages nobody cannot make themself someone's manager by inviting them.
    const managesSomeone = inviterId
      ? await ctx.db.selectFrom('people').select('id').where('manager_id', '=', inviterId).limit(1).executeTakeFirst()
      : undefined;
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
    if (id && !(await ctx.db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst())) {
      throw new AppError('invalid', 'PERSON_NOT_FOUND', `No person with id "${id}".`);
    }
  }
  const token = newSecret();
  const now = nowIso(ctx);
  const teamId = input.team ? await findOrCreateTeam(ctx.db, input.team, ctx.newId(), now) : null;
  const expiresAt = new Date(ctx.clock().getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  await ctx.db
    .insertInto('invitations')
    .values({
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
    })
    .execute();
  return { email: input.email, token, path: `/invite/${token}`, expiresAt };
}

async function usableInvitation(ctx: ServiceContext, token: string) {
  const row = await ctx.db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', secretHash(token))
    .executeTakeFirst();
  if (!row)
    throw new AppError('not_found', 'INVITATION_NOT_FOUND', 'This invitation link is not valid. Ask for a new one.');
  if (row.used_at)
    throw new AppError('conflict', 'INVITATION_USED', 'This invitation has been used already. Sign in instead.');
  if (row.expires_at < nowIso(ctx))
    throw new AppError('conflict', 'INVITATION_EXPIRED', 'This invitation has expired. Ask for a new one.');
  return row;
}

/** What an invitation link is for (shown before accepting). */
export async function describeInvitation(ctx: ServiceContext, token: string) {
  const row = await usableInvitation(ctx, token);
  const inviter = await ctx.db.selectFrom('people').select('name').where('id', '=', row.invited_by).executeTakeFirst();
  return { email: row.email, invitedBy: inviter?.name ?? 'an admin', expiresAt: row.expires_at };
}

/** Accepts an invitation: creates the profile and account, links manager and mentor, signs in. */
export async function acceptInvitation(ctx: ServiceContext, token: string, raw: unknown): Promise<NewSession> {
  const input = parseInput(acceptInput, raw);
  const invitation = await usableInvitation(ctx, token);
  const hash = await hashPassword(input.password);
  const now = nowIso(ctx);
  const id = ctx.newId();
  await ctx.db.transaction().execute(async (trx) => {
    // Single use even under a race: only the first update finds the invitation unused.
    const claimed = await trx
      .updateTable('invitations')
      .set({ used_at: now })
      .where('id', '=', invitation.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new AppError('conflict', 'INVITATION_USED', 'This invitation has been used already.');
    await trx
      .insertInto('people')
      .values({
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
      })
      .execute();
    await trx.insertInto('credentials').values({ person_id: id, password_hash: hash, updated_at: now }).execute();
    if (invitation.mentor_id)
      await trx
        .insertInto('mentorships')
        .values({ mentor_id: invitation.mentor_id, mentee_id: id, created_at: now })
        .execute();
  });
  return startSession(ctx, id);
}
