import { findActiveApiTokenWithHolder, touchApiToken } from '../../db/repositories/api-tokens.ts';
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
  /**
   * The data version read in the same statement (migration 0009), as text: what the server's
   * answer cache compares against. Null only on a database without it.
   */
  dataVersion: string | null;
}

/** How long a token's "last used" may lag: a token used all day costs one write a minute, not one per request. */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** Who a session token or API token belongs to, or null. Expired sessions and revoked tokens do not count. */
export async function authenticate(
  ctx: ServiceContext,
  credentials: { sessionToken?: string | undefined; bearer?: string | undefined },
): Promise<Authenticated | null> {
  if (credentials.sessionToken && !credentials.bearer) {
    // The session, its person and the data version in one statement: every request of the web app starts here.
    const row = await findSessionWithHolder(ctx.db, secretHash(credentials.sessionToken));
    if (!row || row.expires_at < nowIso(ctx)) return null;
    return {
      actor: { kind: 'person', id: row.person_id, isAdmin: Number(row.is_admin) === 1 },
      csrfToken: row.csrf_token,
      via: 'session',
      sessionId: row.id,
      teamId: row.team_id,
      dataVersion: row.data_version === null ? null : String(row.data_version),
    };
  }
  if (!credentials.bearer) return null;
  const token = await findActiveApiTokenWithHolder(ctx.db, secretHash(credentials.bearer));
  if (!token) return null;
  const now = ctx.clock();
  if (!token.last_used_at || now.getTime() - Date.parse(token.last_used_at) >= TOKEN_TOUCH_INTERVAL_MS) {
    await touchApiToken(ctx.db, token.id, now.toISOString());
  }
  return {
    actor: { kind: 'person', id: token.person_id, isAdmin: Number(token.is_admin) === 1 },
    csrfToken: null,
    via: 'token',
    teamId: token.team_id,
    dataVersion: token.data_version === null ? null : String(token.data_version),
  };
}
