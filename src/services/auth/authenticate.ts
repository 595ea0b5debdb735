import { findActiveApiToken, touchApiToken } from '../../db/repositories/api-tokens.ts';
import { findAccountHolder } from '../../db/repositories/people.ts';
import { findSession } from '../../db/repositories/sessions.ts';
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
  let personId: string | null = null;
  let csrfToken: string | null = null;
  let via: 'session' | 'token' = 'session';
  let sessionId: string | undefined;
  if (credentials.bearer) {
    const row = await findActiveApiToken(ctx.db, secretHash(credentials.bearer));
    if (!row) return null;
    personId = row.person_id;
    via = 'token';
    await touchApiToken(ctx.db, row.id, nowIso(ctx));
  } else if (credentials.sessionToken) {
    const row = await findSession(ctx.db, secretHash(credentials.sessionToken));
    if (!row || row.expires_at < nowIso(ctx)) return null;
    personId = row.person_id;
    csrfToken = row.csrf_token;
    sessionId = row.id;
  }
  if (!personId) return null;
  const person = await findAccountHolder(ctx.db, personId);
  if (!person) return null;
  return {
    actor: { kind: 'person', id: person.id, isAdmin: Number(person.is_admin) === 1 },
    csrfToken,
    via,
    ...(sessionId ? { sessionId } : {}),
    teamId: person.team_id,
  };
}
