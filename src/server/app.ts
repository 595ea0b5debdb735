import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { LOOPBACK_HOSTS } from '../config.ts';
import { healthOutput } from '../contracts/index.ts';
import { packageRoot } from '../package-root.ts';
import type { ServiceContext } from '../services/context.ts';
import { AnswerCache, registerAnswerCache } from './answer-cache.ts';
import { registerAuth } from './auth.ts';
import { handleClientError, handleError, handleFrameworkError } from './errors.ts';
import { registerIdempotency } from './idempotency.ts';
import { rejectNulCharacters } from './input-guards.ts';
import { type LogStream, loggerOptions } from './logging.ts';
import { openapiOptions } from './openapi.ts';
import { registerAssessmentRoutes } from './routes/assessments.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerBackupRoutes } from './routes/backup.ts';
import { registerFrameworkRoutes } from './routes/framework.ts';
import { registerGitRoutes } from './routes/git.ts';
import { registerGoalRoutes } from './routes/goals.ts';
import { registerJournalRoutes } from './routes/journal.ts';
import { registerPathRoutes } from './routes/path.ts';
import { registerPeopleRoutes } from './routes/people.ts';
import { registerProgressRoutes } from './routes/progress.ts';
import { registerReportRoutes } from './routes/report.ts';
import { registerRoundRoutes } from './routes/rounds.ts';
import { errorResponses, validatorCompiler, zodRoutes } from './routes/types.ts';

/** The built web app (vite build output). */
export const WEB_DIST_DIR = path.join(packageRoot(), 'dist/web');

/** Largest request body accepted, in bytes (1 MiB). */
export const BODY_LIMIT = 1024 * 1024;

/** How much the server logs. */
export type LogLevel = 'silent' | 'warn' | 'info';

export interface AppOptions {
  ctx: ServiceContext;
  /** Folder of the built web app; omit to serve the API only. */
  webDir?: string | null;
  /** Server log level: 'warn' shows problems only, 'info' every request; 'silent' in tests. */
  logLevel?: LogLevel;
  /** Where log lines go (stdout by default); tests pass a stream to read them. */
  logStream?: LogStream;
  /**
   * False (the default) while Leadway listens on loopback only: requests must then be addressed to
   * 127.0.0.1 or localhost. True when it listens on other interfaces (behind login): cookies are
   * then marked Secure, so serve it over HTTPS (a reverse proxy).
   */
  isPublic?: boolean;
  /** Where answers of the most read pages are kept (server/answer-cache.ts); tests may pass their own. */
  answerCache?: AnswerCache;
}

/** Builds the Fastify app: API under /api, OpenAPI at /api/docs, the web app everywhere else. */
export async function buildApp({
  ctx,
  webDir = null,
  logLevel = 'silent',
  logStream,
  isPublic = false,
  answerCache,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Request URLs are logged with their tokens redacted, and headers never (see logging.ts).
    logger: logLevel === 'silent' ? false : loggerOptions(logLevel, logStream),
    bodyLimit: BODY_LIMIT,
    // Reject duplicate JSON keys' prototype tricks outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Bad percent-escapes and over-long path parameters are refused by the router before any hook:
    // answer them in our error shape too (Fastify's own answer has another one).
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // The API speaks JSON only: a text/plain body is refused with 415 instead of reaching a schema as a string.
  app.removeContentTypeParser('text/plain');

  // On loopback, refuse requests whose Host header names another site (DNS rebinding from a web
  // page the person has open).
  app.addHook('onRequest', async (request, reply) => {
    const hostname = (request.hostname ?? '').replace(/^\[|\]$/g, '');
    if (!isPublic && !LOOPBACK_HOSTS.includes(hostname)) {
      return reply.code(403).send({
        error: {
          code: 'HOST_NOT_ALLOWED',
          message: `Leadway only answers requests addressed to 127.0.0.1 or localhost, not "${request.hostname}".`,
        },
      });
    }
  });

  // U+0000 in any parameter, query or body string: 400 on both engines (PostgreSQL cannot store it).
  app.addHook('preValidation', rejectNulCharacters);

  // The document's frame (servers, security schemes) and how route schemas become OpenAPI: openapi.ts.
  await app.register(fastifySwagger, openapiOptions);
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await registerAuth(app, ctx, { secureCookies: isPublic });
  // Idempotency-Key on creating POSTs: after sign-in, so keys belong to the person (idempotency.ts).
  registerIdempotency(app);
  // After sign-in (its hooks run first): the most read pages' answers, kept while no write happened.
  registerAnswerCache(app, answerCache ?? new AnswerCache());

  await app.register(
    async (api) => {
      zodRoutes(api).get(
        '/health',
        {
          config: { public: true },
          schema: {
            tags: ['system'],
            operationId: 'health',
            summary: 'Whether the server is up (no sign-in needed)',
            response: { 200: healthOutput, ...errorResponses() },
          },
        },
        async () => ({ status: 'ok' as const }),
      );
      registerAuthRoutes(api, ctx, { secureCookies: isPublic });
      registerFrameworkRoutes(api, ctx);
      registerPeopleRoutes(api, ctx);
      registerPathRoutes(api, ctx);
      registerAssessmentRoutes(api, ctx);
      registerProgressRoutes(api, ctx);
      registerGoalRoutes(api, ctx);
      registerJournalRoutes(api, ctx);
      registerReportRoutes(api, ctx);
      registerGitRoutes(api, ctx);
      registerRoundRoutes(api, ctx);
      registerBackupRoutes(api, ctx);
    },
    { prefix: '/api' },
  );

  const hasWeb = webDir && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api');
    if (isPage && hasWeb) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.code(404).send({
      error: { code: 'ROUTE_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}.` },
    });
  });
  return app;
}
