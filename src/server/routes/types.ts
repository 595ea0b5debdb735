import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { type ZodTypeProvider, validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorResponseSchema } from '../../contracts/index.ts';

/** Route registrars take the plain instance and switch it to the zod type provider. */
export function zodRoutes(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** What each error status means on this API (server/errors.ts maps every error to one). */
const ERROR_MEANINGS = {
  400: 'Not valid: a field of the body (VALIDATION_FAILED, with `fields`), a parameter, the query, the JSON or the URL itself, or a NUL character',
  401: 'Not signed in (UNAUTHENTICATED, or SETUP_REQUIRED before the first account), a bad API token (BAD_TOKEN) or wrong credentials',
  403: 'Not allowed for you (FORBIDDEN), a write with the session cookie but without its CSRF token (CSRF_FAILED), or a Host header other than 127.0.0.1/localhost on a loopback install (HOST_NOT_ALLOWED)',
  404: 'No such object, or not one you may see (both answer alike)',
  409: 'In conflict with what is stored (e.g. already exists, already used, not empty)',
  413: 'The body is larger than this operation accepts (BODY_TOO_LARGE)',
  414: 'A path parameter is longer than 100 characters (URL_TOO_LONG)',
  415: 'The body is not application/json (UNSUPPORTED_MEDIA_TYPE)',
  429: 'Too many attempts from this address; wait a minute (TOO_MANY_REQUESTS)',
} as const;

/** An error status a route lists besides the three every route can answer. */
export type ErrorStatus = 404 | 409 | 413 | 414 | 415 | 429;

/** One error response: its meaning, and the one error body (`components.schemas.Error`). */
type ErrorResponse = {
  description: string;
  content: { 'application/json': { schema: typeof errorResponseSchema } };
};

/**
 * The error responses of a route. Every API route can answer 400 (a malformed URL escape or a NUL
 * character anywhere), 401 (a bad API token is refused on any route; most need a sign-in) and 403
 * (the Host check, CSRF, permissions); name the others it really gives: 404 and 414 with path
 * parameters, 413 and 415 with a body, 409 for conflicts, 429 when rate-limited.
 */
export function errorResponses(
  ...statuses: ErrorStatus[]
): Partial<Record<400 | 401 | 403 | ErrorStatus, ErrorResponse>> {
  const all = [400, 401, 403, ...statuses] as const;
  return Object.fromEntries(
    all.map((status) => [
      status,
      { description: ERROR_MEANINGS[status], content: { 'application/json': { schema: errorResponseSchema } } },
    ]),
  );
}

/** Error statuses of an operation that takes a JSON body (besides its own). */
export const BODY_ERRORS = [413, 415] as const satisfies readonly ErrorStatus[];
/** Error statuses of an operation with path parameters (besides its own). */
export const PARAM_ERRORS = [404, 414] as const satisfies readonly ErrorStatus[];

/** Bodies whose service validates them itself (see checkedByService). */
const CHECKED_BY_SERVICE = new WeakSet<object>();

/**
 * A body its service validates itself with `parseInput`: after the sign-in and permission checks,
 * with its own error codes and messages (FRAMEWORK_INVALID, BACKUP_INVALID, "The token needs a
 * name."), exactly as the CLI gets them. The contract documents the body in OpenAPI; the route
 * hands it to the service unparsed, typed `unknown` so no handler reads it unvalidated.
 */
export function checkedByService(schema: z.ZodType): z.ZodType<unknown> {
  const documented = schema.clone();
  CHECKED_BY_SERVICE.add(documented);
  return documented;
}

/** Fastify's validator compiler: zod's, except for the bodies left to their service. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === 'body' && CHECKED_BY_SERVICE.has(route.schema)
    ? (data) => ({ value: data })
    : zodValidatorCompiler(route);
