import { z } from 'zod';
import { emailAddress, personOutput } from './index.ts';
import { MAX_LENGTH, MIN_PASSWORD_LENGTH } from './limits.ts';

/**
 * Accounts: signing up, in and out, passwords, personal API tokens, invitations. The routes
 * document these bodies and hand them to the services unparsed; the services validate them with
 * `parseInput` (so the CLI and the API refuse the same input with the same answer).
 */

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_LENGTH.password);

/** The first run's sign-up: the admin's profile and password. */
export const signupInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(MAX_LENGTH.personName),
  email: emailAddress,
  password,
  roleTitle: z.string().trim().min(1, 'required').max(MAX_LENGTH.roleTitle),
  team: z.string().trim().max(MAX_LENGTH.team).optional(),
});
export type SignupInput = z.input<typeof signupInput>;

/** Signing in with email and password. */
export const loginInput = z.strictObject({
  email: emailAddress,
  password: z.string().min(1, 'required').max(MAX_LENGTH.password),
});
export type LoginInput = z.input<typeof loginInput>;

/** A password change: the current one and the next. */
export const passwordChangeInput = z.strictObject({
  current: z.string().min(1).max(MAX_LENGTH.password),
  next: password,
});
export type PasswordChangeInput = z.input<typeof passwordChangeInput>;

/** An invitation: whom, into which team, under which manager and mentor. */
export const invitationInput = z.strictObject({
  email: emailAddress,
  team: z.string().trim().max(MAX_LENGTH.team).optional(),
  managerId: z.string().min(1).max(100).optional(),
  mentorId: z.string().min(1).max(100).optional(),
  isAdmin: z.boolean().default(false),
});
export type InvitationInput = z.input<typeof invitationInput>;

/** Accepting an invitation: the new member's name, password and role. */
export const acceptInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(MAX_LENGTH.personName),
  password,
  roleTitle: z.string().trim().min(1, 'required').max(MAX_LENGTH.roleTitle),
});
export type AcceptInput = z.input<typeof acceptInput>;

/** A personal API token's label. */
export const tokenName = z.string().trim().min(1, 'name the token, e.g. "laptop CLI"').max(MAX_LENGTH.tokenName);

/** Creating a personal API token. */
export const createTokenInput = z.strictObject({ name: tokenName });
export type CreateTokenInput = z.input<typeof createTokenInput>;

export const tokenIdParams = z.object({ tokenId: z.string().min(1).max(100) });
export const pendingInvitationParams = z.object({ invitationId: z.string().min(1).max(100) });
export const invitationTokenParams = z.object({ token: z.string().min(1).max(200) });

/** A new session: who signed in, and the CSRF token the page sends with every change. */
export const sessionOutput = z.object({ person: personOutput, csrfToken: z.string() });
export type SessionOutput = z.infer<typeof sessionOutput>;

/** Whether the first account must be created, and who is signed in (with the CSRF token for writes). */
export const authStateOutput = z.object({
  setupRequired: z.boolean(),
  person: personOutput.nullable(),
  csrfToken: z.string().nullable(),
});
export type AuthStateOutput = z.infer<typeof authStateOutput>;

/** How many sessions "sign out everywhere" ended. */
export const logOutEverywhereOutput = z.object({ ended: z.number() });
export type LogOutEverywhereOutput = z.infer<typeof logOutEverywhereOutput>;

/** A personal API token as listed: never its secret nor its hash. */
export const apiTokenOutput = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenOutput = z.infer<typeof apiTokenOutput>;

/** A token just created: the only answer that carries the secret. */
export const newApiTokenOutput = z.object({ id: z.string(), name: z.string(), token: z.string() });
export type NewApiTokenOutput = z.infer<typeof newApiTokenOutput>;

/** An invitation just made: the link's token is shown this once. */
export const newInvitationOutput = z.object({
  email: z.string(),
  token: z.string(),
  path: z.string(),
  expiresAt: z.string(),
});
export type NewInvitationOutput = z.infer<typeof newInvitationOutput>;

/** What an invitation link is for, shown to whoever opens it before accepting. */
export const invitationOutput = z.object({ email: z.string(), invitedBy: z.string(), expiresAt: z.string() });
export type InvitationOutput = z.infer<typeof invitationOutput>;

/**
 * An invitation not yet used, revoked or expired, as admins (all) and managers (the ones they sent
 * or that name them as manager) see it. Never its link: only the link's hash is stored, so a link
 * is shown when made and a new one can be made (`renewInvitationLink`).
 */
export const pendingInvitationOutput = z.object({
  id: z.string(),
  email: z.string(),
  team: z.string().nullable(),
  managerId: z.string().nullable(),
  managerName: z.string().nullable(),
  isAdmin: z.boolean(),
  invitedById: z.string(),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type PendingInvitationOutput = z.infer<typeof pendingInvitationOutput>;
