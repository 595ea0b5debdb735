import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../contracts/index.ts';
import { SESSION_COOKIE } from './auth.ts';
import { acceptsIdempotencyKey, IDEMPOTENCY_HEADER_DOC } from './idempotency.ts';

/**
 * The OpenAPI document served at /api/docs, built from the routes' contract schemas.
 * `test/api/openapi.test.ts` lints it (redocly, recommended rules) and generates a typed client from it.
 */

// The error body is written once, as components.schemas.Error, and referenced from every operation.
// (zod's global registry: it also holds the `.meta()` descriptions and formats the schemas carry.)
z.globalRegistry.add(errorResponseSchema, { id: 'Error' });

/** Methods that never change anything: the session cookie alone signs them in (no CSRF token). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Each route's schema (zod → JSON Schema) with its security: none for the public and first-run
 * routes (`config.public`, `config.setup`), the global requirement for reads, and for writes the
 * session cookie together with the CSRF header, or a personal API token.
 */
const documentRoute: SwaggerTransform = (input) => {
  const result = jsonSchemaTransform(input);
  const { schema } = result;
  if (!schema || (schema as { hide?: boolean }).hide) return result;
  const { config, method } = input.route;
  const methods = Array.isArray(method) ? method : [method];
  if (config?.public || config?.setup) return { ...result, schema: { ...schema, security: [] } };
  if (methods.every((m) => SAFE_METHODS.has(m))) return result;
  // Creating POSTs take an Idempotency-Key header (server/idempotency.ts).
  const headers = acceptsIdempotencyKey(input.route) ? { headers: IDEMPOTENCY_HEADER_DOC } : {};
  return { ...result, schema: { ...schema, ...headers, security: [{ session: [], csrf: [] }, { bearer: [] }] } };
};

/**
 * The document with its components; zod's registries emit an input and an output copy of each
 * registered schema, so only those an operation refers to are kept.
 */
const documentObject: SwaggerTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as {
    paths?: unknown;
    components?: { schemas?: Record<string, unknown> };
  };
  const used = JSON.stringify(document.paths ?? {});
  const schemas = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).filter(([name]) =>
      used.includes(`"#/components/schemas/${name}"`),
    ),
  );
  return { ...document, components: { ...document.components, schemas } } as ReturnType<SwaggerTransformObject>;
};

/** @fastify/swagger's options: the document's frame, and the two transforms above. */
export const openapiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Leadway API',
      description:
        'Leadway: framework, path, assessments, 360 feedback, growth plan, evidence journal, readiness report, git evidence. ' +
        'Sign in with the session cookie (writes also need the X-CSRF-Token header) or a personal API token ' +
        '(Authorization: Bearer lw_…). Bodies are JSON; unknown fields are refused. ' +
        'Errors are always { error: { code, message, fields? } }: `code` is stable, `fields` names each bad field.',
      version: '0.1.0',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    // The API is served by the same server as the web app and this document.
    servers: [{ url: '/', description: 'This Leadway server' }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            'The session cookie set by sign-up, sign-in or accepting an invitation (HttpOnly, SameSite=Strict, Path=/api).',
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description:
            "The session's CSRF token (in the sign-in answer and GET /api/auth/state): required with the cookie on every write.",
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (lw_…), made in Settings or with POST /api/auth/tokens.',
        },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  },
  transform: documentRoute,
  transformObject: documentObject,
};
