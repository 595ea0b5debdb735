import { deleteSession, deleteSessionsOf, insertSession } from '../../db/repositories/sessions.ts';
import { AppError } from '../../domain/errors.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';
import { newSecret, secretHash } from './passwords.ts';

/** How long a login lasts. */
const SESSION_DAYS = 30;

/** A new login: the token goes in an HttpOnly cookie, the CSRF token to the page. */
export interface NewSession {
  token: string;
  csrfToken: string;
  personId: string;
  expiresAt: string;
}

/** Starts a login for a person (after sign-up, sign-in or accepting an invitation). */
export async function startSession(ctx: ServiceContext, personId: string): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expires = new Date(ctx.clock().getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await insertSession(ctx.db, {
    id: secretHash(token),
    person_id: personId,
    csrf_token: csrfToken,
    created_at: nowIso(ctx),
    expires_at: expires,
  });
  return { token, csrfToken, personId, expiresAt: expires };
}

/** The signed-in person acting, or UNAUTHENTICATED (the system has no account). */
export function signedInPersonId(ctx: ServiceContext): string {
  const actor = actorOf(ctx);
  if (actor.kind !== 'person') throw new AppError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first.');
  return actor.id;
}

/** Ends one session. */
export async function logOut(ctx: ServiceContext, sessionToken: string): Promise<void> {
  await deleteSession(ctx.db, secretHash(sessionToken));
}

/** Ends every session of the acting person (all browsers and devices). */
export async function logOutEverywhere(ctx: ServiceContext): Promise<{ ended: number }> {
  return { ended: await deleteSessionsOf(ctx.db, signedInPersonId(ctx)) };
}
