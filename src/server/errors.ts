import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, type AppErrorKind, type FieldErrors, fieldsFromIssues } from '../domain/errors.ts';

/** The one JSON shape every API error has. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors };
}

const STATUS_BY_KIND: Record<AppErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 409,
  unauthenticated: 401,
  too_many: 429,
  too_large: 413,
};

/** Fastify's own client errors, mapped to a stable code and a message a person can act on. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'INVALID_JSON',
    message: 'The request body is empty; send a JSON object.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'BODY_TOO_LARGE',
    message: 'The request body is larger than the 1 MiB limit.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the request body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'INVALID_CONTENT_LENGTH',
    message: 'The Content-Length header does not match the body.',
  },
  // Raised by the router before any hook runs; they reach handleError through `frameworkErrors`.
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'INVALID_URL',
    message: 'The URL is not valid: a "%" must start an escape such as %20, and escapes must spell UTF-8.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'URL_TOO_LONG',
    message: 'A part of the URL path is longer than 100 characters.',
  },
};

/** Codes for other client errors (Fastify's, plugins'), by status, so no FST_… code leaks out. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'BODY_TOO_LARGE',
  414: 'URL_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  431: 'HEADERS_TOO_LARGE',
};

function send(reply: FastifyReply, status: number, code: string, message: string, fields?: FieldErrors) {
  const body: ErrorBody = { error: { code, message, ...(fields && Object.keys(fields).length > 0 ? { fields } : {}) } };
  // Written as built, not through the route's error schema: re-encoding `fields` would turn a field
  // named "__proto__" into a prototype and lose it (the schema documents this very shape).
  return reply.code(status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

/** parseInput's message when a service names no other (domain/errors.ts). */
const GENERIC_INVALID = 'The request is not valid.';
/** At most this many field problems are spelled out in an error's message (all are in `fields`). */
const FIELDS_IN_MESSAGE = 3;

/**
 * The message of a validation error: what to fix, field by field, in words ("The request body has
 * a problem: why: At most 4,000 characters."), the first few of them.
 */
export function summarise(fields: FieldErrors, what: string): string {
  const entries = Object.entries(fields);
  if (entries.length === 0) return `${what} is not valid.`;
  const listed = entries
    .slice(0, FIELDS_IN_MESSAGE)
    .map(([field, problem]) => (field === '(root)' ? problem : `${field}: ${problem}`))
    .join('; ');
  const more = entries.length > FIELDS_IN_MESSAGE ? ` (and ${entries.length - FIELDS_IN_MESSAGE} more)` : '';
  const count = entries.length === 1 ? 'a problem' : `${entries.length} problems`;
  return `${what} has ${count}: ${listed}${more}`;
}

/**
 * Maps every thrown error to `{ error: { code, message, fields? } }`. Expected failures keep
 * their status; anything unexpected is logged and answered with a bland 500 — never a stack trace.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    // A service's parseInput refusal says only "The request is not valid."; name what to fix.
    const message =
      error.code === 'VALIDATION_FAILED' && error.message === GENERIC_INVALID && error.fields
        ? summarise(error.fields, 'The request')
        : error.message;
    return send(reply, STATUS_BY_KIND[error.kind], error.code, message, error.fields);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Each issue's message is already in words (contracts/messages.ts); `fields` is keyed by the
    // input's path ("title", "ratings.0.comment"), which is what a form maps to its inputs.
    const where = (error as FastifyError).validationContext ?? 'body';
    const fields: FieldErrors = {};
    for (const v of error.validation) {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const keys = (v.params as { keys?: string[] }).keys;
      if (v.keyword === 'unrecognized_keys' && keys) {
        for (const key of keys) fields[path ? `${path}.${key}` : key] = 'unknown field';
      } else {
        fields[path || '(root)'] ??= v.message ?? 'Not valid here.';
      }
    }
    return send(reply, 400, 'VALIDATION_FAILED', summarise(fields, `The request ${where}`), fields);
  }
  if (error instanceof ZodError) {
    const fields = fieldsFromIssues(error.issues);
    return send(reply, 400, 'VALIDATION_FAILED', summarise(fields, 'The request'), fields);
  }
  const code = (error as FastifyError).code;
  const known = code ? FASTIFY_ERRORS[code] : undefined;
  if (known) return send(reply, known.status, known.code, known.message);
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const stable = code && !code.startsWith('FST_') ? code : (CODE_BY_STATUS[status] ?? 'BAD_REQUEST');
    return send(reply, status, stable, error.message);
  }
  request.log.error({ err: error }, 'unexpected error');
  return send(
    reply,
    500,
    'INTERNAL',
    'Something went wrong on the server; nothing was changed. The details are in the server log.',
  );
}

/**
 * For Fastify's `frameworkErrors` (a bad percent-escape or an over-long parameter, refused by the
 * router before any hook runs, so without helmet's headers): the same shape as every other error.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-content-type-options', 'nosniff');
  return handleError(error, request, reply);
}

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (a malformed request
 * line or header, headers too large, a timeout) in the same `{ error: { code, message } }` shape;
 * Fastify's default answer has another shape. Then closes the connection, as Node does.
 */
export function handleClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'The request headers are larger than the server accepts.']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
