import { findActiveApiToken, touchApiToken } from '../../db/repositories/api-tokens.ts';
import { findAccountHolder } from '../../db/repositories/people.ts';
import { findSessionWithHolder } from '../../db/repositories/sessions.ts';
import type { Actor } from '../../domain/access/policy.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { secretHash } from './passwords.ts';

/** Who a request is from, once its session or token is checked. */
export interface Authenticated {
  actor: Actor;
  /** The session's CSRF token (null when signed in with an API token). */
  csrfToken: string | null;
  via: 'session' | 'token';
  sessionId?: string;
  /** The person's team (null: none), read here so access checks need not read it again. */
  teamId: string | null;
}

/** Who a session token or API token belongs to, or null. Expired sessions and revoked tokens do not count. */
export async function authenticate(
  ctx: ServiceContext,
  credentials: { sessionToken?: string | undefined; bearer?: string | undefined },
): Promise<Authenticated | null> {
  if (credentials.sessionToken && !credentials.bearer) {
    // The session and its person in one statement: every request of the web app starts here.
    const row = await findSessionWithHolder(ctx.db, secretHash(credentials.sessionToken));
    if (!row || row.expires_at < nowIso(ctx)) return null;
    return {
      actor: { kind: 'person', id: row.person_id, isAdmin: Number(row.is_admin) === 1 },
      csrfToken: row.csrf_token,
      via: 'session',
      sessionId: row.id,
      teamId: row.team_id,
    };
  }
  if (!credentials.bearer) return null;
  const token = await findActiveApiToken(ctx.db, secretHash(credentials.bearer));
  if (!token) return null;
  await touchApiToken(ctx.db, token.id, nowIso(ctx));
  const person = await findAccountHolder(ctx.db, token.person_id);
  if (!person) return null;
  return {
    actor: { kind: 'person', id: person.id, isAdmin: Number(person.is_admin) === 1 },
    csrfToken: null,
    via: 'token',
    teamId: person.team_id,
  };
}
