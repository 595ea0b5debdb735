import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { personOutput } from '../../contracts/index.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/api-tokens.ts';
import { changePassword } from '../../services/auth/change-password.ts';
import { acceptInvitation, createInvitation, describeInvitation } from '../../services/auth/invitations.ts';
import { logIn } from '../../services/auth/log-in.ts';
import { logOut, logOutEverywhere } from '../../services/auth/sessions.ts';
import { isSetupRequired } from '../../services/auth/setup.ts';
import { signUp } from '../../services/auth/sign-up.ts';
import { findSignedInPerson } from '../../services/auth/signed-in-person.ts';
import type { ServiceContext } from '../../services/context.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { errorResponses, zodRoutes } from './types.ts';

/** Signing up, in and out; passwords; API tokens; invitations. */
export function registerAuthRoutes(app: FastifyInstance, ctx: ServiceContext, options: { secureCookies: boolean }) {
  const r = zodRoutes(app);
  const tags = ['auth'];
  const loginLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };
  const sessionReply = z.object({ person: personOutput, csrfToken: z.string() });

  r.get(
    '/auth/state',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Whether the first account must be created, and who is signed in (with the CSRF token for writes)',
        response: {
          200: z.object({
            setupRequired: z.boolean(),
            person: personOutput.extend({ isAdmin: z.boolean() }).nullable(),
            csrfToken: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const setupRequired = await isSetupRequired(ctx);
      const actor = request.actor;
      const person = actor?.kind === 'person' ? await findSignedInPerson(ctx, actor.id) : undefined;
      return {
        setupRequired,
        person: person ?? null,
        csrfToken: request.csrfToken,
      };
    },
  );

  const signedIn = async (personId: string, csrfToken: string) => {
    const person = await findSignedInPerson(ctx, personId);
    if (!person) throw new Error('the new account vanished');
    return { person, csrfToken };
  };

  r.post(
    '/auth/signup',
    {
      config: { public: true, ...loginLimit },
      schema: {
        tags,
        summary: 'First run only: create the first account, an admin, and sign in',
        body: z.unknown(),
        response: { 201: sessionReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await signUp(ctx, request.body);
      setSessionCookie(reply, session.token, session.expiresAt, options.secureCookies);
      return reply.code(201).send(await signedIn(session.personId, session.csrfToken));
    },
  );
  r.post(
    '/auth/login',
    {
      config: { public: true, ...loginLimit },
      schema: {
        tags,
        summary: 'Sign in with email and password (10 tries a minute)',
        body: z.unknown(),
        response: { 200: sessionReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await logIn(ctx, request.body);
      setSessionCookie(reply, session.token, session.expiresAt, options.secureCookies);
      return signedIn(session.personId, session.csrfToken);
    },
  );
  r.post(
    '/auth/logout',
    { config: { public: true }, schema: { tags, summary: 'Sign out of this browser' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(ctx, token);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );
  r.post(
    '/auth/logout-everywhere',
    { schema: { tags, summary: 'End every session of yours' } },
    async (request, reply) => {
      const result = await logOutEverywhere(request.ctx);
      clearSessionCookie(reply);
      return result;
    },
  );
  r.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your password (other sessions end)',
        body: z.unknown(),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await changePassword(request.ctx, request.body, request.cookies[SESSION_COOKIE]);
      return reply.code(204).send(null);
    },
  );
  r.get(
    '/auth/tokens',
    { schema: { tags, summary: 'Your personal API tokens (never the secrets)' } },
    async (request) => listApiTokens(request.ctx),
  );
  r.post(
    '/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token; the token is shown only in this answer',
        body: z.strictObject({ name: z.string().max(200) }),
      },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(request.ctx, request.body.name)),
  );
  r.delete(
    '/auth/tokens/:tokenId',
    {
      schema: {
        tags,
        params: z.object({ tokenId: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(request.ctx, request.params.tokenId);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone (admins; managers for their own reports); the link is shown once',
        body: z.unknown(),
      },
    },
    async (request, reply) => reply.code(201).send(await createInvitation(request.ctx, request.body)),
  );
  r.get(
    '/invitations/:token',
    {
      config: { public: true, ...loginLimit },
      schema: { tags, params: z.object({ token: z.string().min(1).max(200) }) },
    },
    async (request) => describeInvitation(ctx, request.params.token),
  );
  r.post(
    '/invitations/:token/accept',
    {
      config: { public: true, ...loginLimit },
      schema: {
        tags,
        summary: 'Accept an invitation: name, password, role; signs in',
        params: z.object({ token: z.string().min(1).max(200) }),
        body: z.unknown(),
        response: { 201: sessionReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await acceptInvitation(ctx, request.params.token, request.body);
      setSessionCookie(reply, session.token, session.expiresAt, options.secureCookies);
      return reply.code(201).send(await signedIn(session.personId, session.csrfToken));
    },
  );
}
