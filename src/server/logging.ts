import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** What replaces a secret in the server log. */
export const REDACTED = '[redacted]';

/** Fastify's logger options (pino's): `serve --verbose` logs every request with them. */
export type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** Where log lines go: stdout unless a test captures them. */
export interface LogStream {
  write(line: string): void;
}

// The path segment after /invitations/ (API) or /invite/ (the web app's page) is a live invitation
// token: whoever reads it can join as the invited person.
const INVITATION_PATH = /((?:\/|%2f)(?:invitations|invite)(?:\/|%2f)+)[^/?#\s"]+/gi;
// Query parameters whose name says they carry a secret (?token=, ?password=, ?api_key=, ?session=…).
const SECRET_QUERY =
  /([?&;][^=&#\s"]*(?:token|passw|pwd|secret|key|auth|session|csrf|signature|credential|invit)[^=&#\s"]*=)[^&;#\s"]*/gi;
// Personal API tokens (`lw_` + 43 base64url characters), wherever they appear.
const PERSONAL_TOKEN = /lw_[A-Za-z0-9_-]{8,}/g;

/** Replaces invitation tokens, secret query parameters and personal API tokens in a URL or message. */
export function redactSecrets(text: string): string {
  return text
    .replace(INVITATION_PATH, `$1${REDACTED}`)
    .replace(SECRET_QUERY, `$1${REDACTED}`)
    .replace(PERSONAL_TOKEN, REDACTED);
}

/**
 * The request as logged: method, URL with its secrets redacted, host and client address. Headers
 * are never logged (Authorization and Cookie carry credentials).
 */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactSecrets(request.url ?? ''),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** An error as logged: its type, code, message and stack, with secrets redacted (Fastify puts URLs in some messages). */
export function serializeError(error: Error & { code?: unknown; statusCode?: unknown }) {
  return {
    type: error?.constructor?.name ?? 'Error',
    message: redactSecrets(String(error?.message ?? error)),
    stack: redactSecrets(String(error?.stack ?? '')),
    ...(error?.code === undefined ? {} : { code: error.code }),
    ...(error?.statusCode === undefined ? {} : { statusCode: error.statusCode }),
  };
}

// Credentials that must never reach the log, even if some code logs headers directly.
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'x-csrf-token', 'set-cookie', 'proxy-authorization'];

/** The Fastify logger options for a log level (and an optional stream, for tests). */
export function loggerOptions(level: string, stream?: LogStream): LoggerOptions {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: serializeRequest as never,
      err: serializeError as never,
    },
    redact: {
      paths: CREDENTIAL_HEADERS.flatMap((name) => [
        `headers["${name}"]`,
        `req.headers["${name}"]`,
        `res.headers["${name}"]`,
        `request.headers["${name}"]`,
      ]),
      censor: REDACTED,
    },
    hooks: {
      // Messages too: Fastify writes raw URLs into a few of its own ("Reply was already sent … in "/api/…"").
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)) as typeof args);
      },
    },
  };
}
