import type { FastifyInstance } from 'fastify';
import {
  acceptInput,
  apiTokenOutput,
  authStateOutput,
  createTokenInput,
  invitationInput,
  invitationOutput,
  invitationTokenParams,
  loginInput,
  logOutEverywhereOutput,
  newApiTokenOutput,
  newInvitationOutput,
  passwordChangeInput,
  pendingInvitationOutput,
  pendingInvitationParams,
  sessionOutput,
  signupInput,
  tokenIdParams,
} from '../../contracts/auth.ts';
import { noContent } from '../../contracts/index.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/api-tokens.ts';
import { changePassword } from '../../services/auth/change-password.ts';
import {
  acceptInvitation,
  createInvitation,
  describeInvitation,
  listPendingInvitations,
  renewInvitationLink,
  revokeInvitation,
} from '../../services/auth/invitations.ts';
import { logIn } from '../../services/auth/log-in.ts';
import { logOut, logOutEverywhere } from '../../services/auth/sessions.ts';
import { isSetupRequired } from '../../services/auth/setup.ts';
import { signUp } from '../../services/auth/sign-up.ts';
import { findSignedInPerson } from '../../services/auth/signed-in-person.ts';
import type { ServiceContext } from '../../services/context.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { BODY_ERRORS, checkedByService, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

/**
 * Signing up, in and out; passwords; API tokens; invitations. Their bodies are validated by the
 * services (`checkedByService`), which the CLI and tests call directly too.
 */
export function registerAuthRoutes(app: FastifyInstance, ctx: ServiceContext, options: { secureCookies: boolean }) {
  const r = zodRoutes(app);
  const tags = ['auth'];
  const loginLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

  r.get(
    '/auth/state',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'getAuthState',
        summary: 'Whether the first account must be created, and who is signed in (with the CSRF token for writes)',
        response: { 200: authStateOutput, ...errorResponses() },
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
        operationId: 'signUp',
        summary: 'First run only: create the first account, an admin, and sign in (sets the session cookie)',
        body: checkedByService(signupInput),
        response: { 201: sessionOutput, ...errorResponses(...BODY_ERRORS, 409, 429) },
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
        operationId: 'logIn',
        summary: 'Sign in with email and password (10 tries a minute); sets the session cookie',
        body: checkedByService(loginInput),
        response: { 200: sessionOutput, ...errorResponses(...BODY_ERRORS, 429) },
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
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'logOut',
        summary: 'Sign out of this browser (no body; with the cookie, send the CSRF header too)',
        response: { 204: noContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(ctx, token);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );
  r.post(
    '/auth/logout-everywhere',
    {
      schema: {
        tags,
        operationId: 'logOutEverywhere',
        summary: 'End every session of yours (no body)',
        response: { 200: logOutEverywhereOutput, ...errorResponses() },
      },
    },
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
        operationId: 'changePassword',
        summary: 'Change your password (other sessions end)',
        body: checkedByService(passwordChangeInput),
        response: { 204: noContent, ...errorResponses(...BODY_ERRORS) },
      },
    },
    async (request, reply) => {
      await changePassword(request.ctx, request.body, request.cookies[SESSION_COOKIE]);
      return reply.code(204).send();
    },
  );
  r.get(
    '/auth/tokens',
    {
      schema: {
        tags,
        operationId: 'listApiTokens',
        summary: 'Your personal API tokens, newest first (never the secrets)',
        response: { 200: apiTokenOutput.array(), ...errorResponses() },
      },
    },
    async (request) => listApiTokens(request.ctx),
  );
  r.post(
    '/auth/tokens',
    {
      schema: {
        tags,
        operationId: 'createApiToken',
        summary: 'Create a personal API token; the token is shown only in this answer',
        body: checkedByService(createTokenInput),
        response: { 201: newApiTokenOutput, ...errorResponses(...BODY_ERRORS) },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(request.ctx, request.body)),
  );
  r.delete(
    '/auth/tokens/:tokenId',
    {
      schema: {
        tags,
        operationId: 'revokeApiToken',
        summary: 'Revoke one of your API tokens',
        params: tokenIdParams,
        response: { 204: noContent, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request, reply) => {
      await revokeApiToken(request.ctx, request.params.tokenId);
      return reply.code(204).send();
    },
  );
  r.post(
    '/invitations',
    {
      schema: {
        tags,
        operationId: 'createInvitation',
        summary: 'Invite someone (admins; managers for their own reports); the link is shown once',
        body: checkedByService(invitationInput),
        response: { 201: newInvitationOutput, ...errorResponses(...BODY_ERRORS, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createInvitation(request.ctx, request.body)),
  );
  r.get(
    '/pending-invitations',
    {
      schema: {
        tags,
        operationId: 'listPendingInvitations',
        summary:
          'Invitations not yet used, revoked or expired: admins see all, others those they sent or that name them as manager',
        response: { 200: pendingInvitationOutput.array(), ...errorResponses() },
      },
    },
    async (request) => listPendingInvitations(request.ctx),
  );
  r.delete(
    '/pending-invitations/:invitationId',
    {
      schema: {
        tags,
        operationId: 'revokeInvitation',
        summary: 'Revoke a pending invitation: its link then answers like an unknown one',
        params: pendingInvitationParams,
        response: { 204: noContent, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request, reply) => {
      await revokeInvitation(request.ctx, request.params.invitationId);
      return reply.code(204).send();
    },
  );
  r.post(
    '/pending-invitations/:invitationId/link',
    {
      schema: {
        tags,
        operationId: 'renewInvitationLink',
        summary:
          'A new link for a pending invitation, valid seven days (no body); the previous link stops working, since only its hash is stored',
        params: pendingInvitationParams,
        response: { 200: newInvitationOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => renewInvitationLink(request.ctx, request.params.invitationId),
  );
  r.get(
    '/invitations/:token',
    {
      config: { public: true, ...loginLimit },
      schema: {
        tags,
        operationId: 'getInvitation',
        summary:
          'What an invitation link is for: the email invited and by whom (before accepting); 409 when the address has an account',
        params: invitationTokenParams,
        response: { 200: invitationOutput, ...errorResponses(...PARAM_ERRORS, 409, 429) },
      },
    },
    async (request) => describeInvitation(ctx, request.params.token),
  );
  r.post(
    '/invitations/:token/accept',
    {
      config: { public: true, ...loginLimit },
      schema: {
        tags,
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation: name, password, role; signs in (sets the session cookie)',
        params: invitationTokenParams,
        body: checkedByService(acceptInput),
        response: { 201: sessionOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS, 409, 429) },
      },
    },
    async (request, reply) => {
      const session = await acceptInvitation(ctx, request.params.token, request.body);
      setSessionCookie(reply, session.token, session.expiresAt, options.secureCookies);
      return reply.code(201).send(await signedIn(session.personId, session.csrfToken));
    },
  );
}
