import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Actor } from '../domain/access/policy.ts';
import { AppError } from '../domain/errors.ts';
import { authenticate } from '../services/auth/authenticate.ts';
import { isSetupRequired } from '../services/auth/setup.ts';
import { asActor, type ServiceContext, withRequestCache } from '../services/context.ts';

/** Name of the session cookie (HttpOnly, SameSite=Strict, Path=/api). */
export const SESSION_COOKIE = 'leadway_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The service context acting as this request's person (or anonymous: no actor). */
    ctx: ServiceContext;
    /** The signed-in person, or null. */
    actor: Actor | null;
    /** The session's CSRF token when signed in with the cookie. */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** Reachable without signing in while no account exists yet (first run). */
    setup?: boolean;
  }
}

/** Paths outside the API routes (docs UI, web app files) that never need a login. */
function isOpenPath(url: string): boolean {
  return !url.startsWith('/api/') || url.startsWith('/api/docs');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sign-in for every API route: a session cookie (with a CSRF token header on writes) or a personal
 * API token (Authorization: Bearer). Until the first account exists only the first-run routes answer.
 */
export async function registerAuth(app: FastifyInstance, ctx: ServiceContext, options: { secureCookies: boolean }) {
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  // Security headers (Content-Security-Policy, HSTS when public, …) are the same for every answer:
  // worked out once by helmet, then set as they are (@fastify/helmet ran helmet anew per request).
  const securityHeaders = securityHeadersOf({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: options.secureCookies,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  app.decorateRequest('ctx', null as unknown as ServiceContext);
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    request.ctx = ctx;
    request.actor = null;
    request.csrfToken = null;
    request.dataVersion = null;
    if (isOpenPath(request.url)) return;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const sessionToken = request.cookies[SESSION_COOKIE];
    const found = bearer || sessionToken ? await authenticate(ctx, { bearer, sessionToken }) : null;
    if (bearer && !found)
      throw new AppError('unauthenticated', 'BAD_TOKEN', 'That API token is not valid (revoked or mistyped).');
    if (found) {
      request.actor = found.actor;
      request.dataVersion = found.dataVersion;
      request.csrfToken = found.csrfToken;
      // A context for this request only: what access checks load is loaded once per request.
      request.ctx = withRequestCache(asActor(ctx, found.actor), found.teamId);
      if (found.via === 'session' && !SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (sent !== found.csrfToken) {
          throw new AppError(
            'forbidden',
            'CSRF_FAILED',
            'This change lacks the page’s CSRF token; reload the page and try again.',
          );
        }
      }
    }
  });

  // After routing, so the route's config (public, setup) is known.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (isOpenPath(request.url)) return;
    const config = request.routeOptions.config;
    if (config.public) return;
    if (await isSetupRequired(ctx)) {
      if (config.setup) return;
      throw new AppError(
        'unauthenticated',
        'SETUP_REQUIRED',
        'Leadway has no account yet: open the web app and create the first one (it becomes the admin).',
      );
    }
    if (!request.actor)
      throw new AppError(
        'unauthenticated',
        'UNAUTHENTICATED',
        'Sign in first (or send a personal API token as "Authorization: Bearer …").',
      );
  });
}

/** The headers helmet sets with these options (they depend on nothing in the request). */
export function securityHeadersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as never, response as never, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  return headers;
}

/** Sets the session cookie for a new login. */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/api',
    expires: new Date(expiresAt),
  });
}

/** Removes the session cookie (signing out). */
export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/api' });
}
