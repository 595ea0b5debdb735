import { z } from 'zod';

/**
 * Input schemas of the account use-cases (their bodies arrive unparsed: `z.unknown()` in the
 * routes, so the service validates them with parseInput). The use-cases live beside this file,
 * one per file: setup, sign-up, log-in, authenticate, sessions, change-password, api-tokens,
 * invitations, signed-in-person.
 */

const password = z.string().min(10, 'use at least 10 characters').max(200);
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address such as ada@example.com').max(254));

/** The first run's sign-up: the admin's profile and password. */
export const signupInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(120),
  email,
  password,
  roleTitle: z.string().trim().min(1, 'required').max(120),
  team: z.string().trim().max(120).optional(),
});
/** Signing in with email and password. */
export const loginInput = z.strictObject({ email, password: z.string().min(1, 'required').max(200) });
/** A password change: the current one and the next. */
export const passwordChangeInput = z.strictObject({ current: z.string().min(1).max(200), next: password });
/** An invitation: whom, into which team, under which manager and mentor. */
export const invitationInput = z.strictObject({
  email,
  team: z.string().trim().max(120).optional(),
  managerId: z.string().min(1).max(100).optional(),
  mentorId: z.string().min(1).max(100).optional(),
  isAdmin: z.boolean().default(false),
});
/** Accepting an invitation: the new member's name, password and role. */
export const acceptInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(120),
  password,
  roleTitle: z.string().trim().min(1, 'required').max(120),
});
