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
};

function send(reply: FastifyReply, status: number, code: string, message: string, fields?: FieldErrors) {
  const body: ErrorBody = { error: { code, message, ...(fields && Object.keys(fields).length > 0 ? { fields } : {}) } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Maps every thrown error to `{ error: { code, message, fields? } }`. Expected failures keep
 * their status; anything unexpected is logged and answered with a bland 500 — never a stack trace.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return send(reply, STATUS_BY_KIND[error.kind], error.code, error.message, error.fields);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'body';
    const fields: FieldErrors = {};
    for (const v of error.validation) {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const keys = (v.params as { keys?: string[] }).keys;
      if (v.keyword === 'unrecognized_keys' && keys) {
        for (const key of keys) fields[path ? `${path}.${key}` : key] = 'unknown field';
      } else {
        fields[path || '(root)'] ??= v.message ?? 'invalid';
      }
    }
    const names = Object.keys(fields).join(', ');
    return send(reply, 400, 'VALIDATION_FAILED', `The request ${where} is not valid (${names}).`, fields);
  }
  if (error instanceof ZodError) {
    return send(reply, 400, 'VALIDATION_FAILED', 'The request is not valid.', fieldsFromIssues(error.issues));
  }
  const code = (error as FastifyError).code;
  const known = code ? FASTIFY_ERRORS[code] : undefined;
  if (known) return send(reply, known.status, known.code, known.message);
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return send(reply, status, code ?? 'BAD_REQUEST', error.message);
  }
  request.log.error({ err: error }, 'unexpected error');
  return send(
    reply,
    500,
    'INTERNAL',
    'Something went wrong on the server; nothing was changed. The details are in the server log.',
  );
}
