import type {
  ApiTokenOutput,
  InvitationOutput,
  NewApiTokenOutput,
  NewInvitationOutput,
  PendingInvitationOutput,
} from '../contracts/auth.ts';
import type { ApiTokenRow } from '../db/repositories/api-tokens.ts';
import type { InvitationRow, PendingInvitationRow } from '../db/repositories/invitations.ts';

/** A stored token as its owner sees it in the list: never its secret nor its hash. */
export function presentApiToken(row: Omit<ApiTokenRow, 'person_id' | 'token_hash'>): ApiTokenOutput {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** A new token with its secret: the only answer that carries it. */
export function presentNewApiToken(id: string, name: string, token: string): NewApiTokenOutput {
  return { id, name, token };
}

/** A new invitation with its one-time link. */
export function presentNewInvitation(email: string, token: string, expiresAt: string): NewInvitationOutput {
  return { email, token, path: `/invite/${token}`, expiresAt };
}

/** An invitation for the person who opened its link; the inviter by name only. */
export function presentInvitation(row: InvitationRow, inviterName: string | undefined): InvitationOutput {
  return { email: row.email, invitedBy: inviterName ?? 'an admin', expiresAt: row.expires_at };
}

/** A pending invitation as listed for those who may revoke it: never its token nor the token's hash. */
export function presentPendingInvitation(row: PendingInvitationRow): PendingInvitationOutput {
  return {
    id: row.id,
    email: row.email,
    team: row.team_name,
    managerId: row.manager_id,
    managerName: row.manager_name,
    isAdmin: Number(row.is_admin) === 1,
    invitedById: row.invited_by,
    invitedBy: row.inviter_name ?? 'someone who left',
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
