import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_HOURS,
  IDEMPOTENCY_KEY_MAX,
  idempotencyKeyProblem,
} from '../contracts/idempotency.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  dropStaleIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
} from '../db/repositories/idempotency.ts';
import { AppError } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';

/**
 * Idempotency keys for every POST that creates something (goals, entries, rounds, tokens, …), in
 * one place instead of per route. A client sends `Idempotency-Key: <random>` with a submission and
 * the same key when it retries that submission (a double click, a lost answer):
 *
 * - first request: a row (person, SHA-256 of the key) is inserted as 'in_progress' *before* the
 *   route runs; the primary key makes this the one place that decides, so of two requests with
 *   the same key at the same instant only one runs. Its 2xx answer is then stored; an error
 *   answer releases the key (nothing was created, so a retry may run it again).
 * - same key, same request (method, path and body) after that: the first answer again (same
 *   status and body, header `Idempotent-Replayed: true`), and the route does not run.
 * - same key while the first is still running: 409 IDEMPOTENCY_IN_PROGRESS with `Retry-After: 1`
 *   (the web app waits and asks again with the key, and then gets the first answer).
 * - same key, another request: 409 IDEMPOTENCY_KEY_REUSED.
 * - keys belong to the signed-in person (someone else's identical key is another key) and expire
 *   after 24 hours; expired rows are deleted lazily (at most once an hour, on a keyed request). A
 *   claim left 'in_progress' for 10 minutes (the server stopped mid-request) may be claimed again.
 *
 * Nothing readable is kept: the key is stored hashed, the request as an HMAC under the key, and the
 * answer (which may hold a new API token or an invitation link) encrypted with a key derived from
 * the idempotency key, which only its client knows.
 *
 * Covered: every POST route that needs a signed-in person, except those in NOT_CREATING. Routes
 * reachable without signing in (sign-up, sign-in, accepting an invitation, restoring a backup on
 * first run) have no person to keep keys for and ignore the header. `test/api/idempotency.test.ts`
 * derives the POST routes from the app and fails on one that is neither covered nor listed here.
 */

/** POST operations that create nothing, by operationId, and why they take no key. */
export const NOT_CREATING: Readonly<Record<string, string>> = {
  recommendTrack: 'a preview: it writes nothing, so asking twice is harmless',
  changePassword: 'changes the password (nothing is created), and its body holds passwords',
  logOutEverywhere: 'ends sessions (nothing is created); a second call ends nothing more',
};

/** The header as Node.js names it (lower case). */
const HEADER = IDEMPOTENCY_HEADER.toLowerCase();
const DAY_MS = IDEMPOTENCY_KEY_HOURS * 60 * 60 * 1000;
/** A claim older than this that never finished belongs to a request the server did not finish. */
const ABANDONED_MS = 10 * 60 * 1000;
/** How often the expired keys of everyone are deleted (lazily, by a keyed request). */
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

/** What a route needs to say whether it takes a key (a Fastify route, or one being documented). */
interface RouteFacts {
  method: string | string[];
  config?: { public?: boolean; setup?: boolean } | undefined;
  schema?: { operationId?: string } | undefined;
}

/** True for the routes that accept `Idempotency-Key`: signed-in POSTs not listed in NOT_CREATING. */
export function acceptsIdempotencyKey(route: RouteFacts): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.includes('POST')) return false;
  if (route.config?.public || route.config?.setup) return false;
  const operationId = route.schema?.operationId;
  return !(operationId && Object.hasOwn(NOT_CREATING, operationId));
}

/** The header's OpenAPI description (server/openapi.ts adds it to every operation that takes it). */
export const IDEMPOTENCY_HEADER_DOC = {
  type: 'object',
  properties: {
    [IDEMPOTENCY_HEADER]: {
      type: 'string',
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_MAX,
      description:
        'A fresh random key (e.g. a UUID) per submission; send the same key to retry it. Same key and body within 24 h: ' +
        'the first answer again (header Idempotent-Replayed: true), nothing created twice. Same key while the first ' +
        'is still running: 409 IDEMPOTENCY_IN_PROGRESS (retry after a second). Same key, another body: 409 ' +
        'IDEMPOTENCY_KEY_REUSED. Keys are per signed-in person.',
    },
  },
} as const;

/** The secrets derived from one key: its stored hash, the request's HMAC key and the answer's cipher key. */
interface KeyMaterial {
  hash: string;
  fingerprintKey: Buffer;
  cipherKey: Buffer;
}

function derive(key: string): KeyMaterial {
  const digest = (label: string) => createHash('sha256').update(`leadway-idempotency:${label}\u0000${key}`).digest();
  return { hash: digest('id').toString('hex'), fingerprintKey: digest('request'), cipherKey: digest('answer') };
}

/** JSON with object keys sorted, so the same body sent with its fields in another order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprintOf(request: FastifyRequest, material: KeyMaterial): string {
  return createHmac('sha256', material.fingerprintKey)
    .update(`${request.method} ${request.url}\n${canonicalJson(request.body)}`)
    .digest('hex');
}

function encrypt(text: string, material: KeyMaterial): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', material.cipherKey, iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function decrypt(stored: string, material: KeyMaterial): string {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', material.cipherKey, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** The claim a request holds while its route runs. */
interface Claim {
  ctx: ServiceContext;
  personId: string;
  material: KeyMaterial;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency key this request claimed (set while the route runs, then cleared). */
    idempotencyClaim: Claim | null;
  }
}

/** The key of a request to a covered route, checked; undefined when none was sent. */
function readKey(request: FastifyRequest): string | undefined {
  const raw = request.headers[HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw.join(', ') : raw;
  const problem = idempotencyKeyProblem(key);
  if (problem) throw new AppError('invalid', 'IDEMPOTENCY_KEY_INVALID', problem, { [IDEMPOTENCY_HEADER]: problem });
  return key;
}

/**
 * Registers the hooks at the root (after server/auth.ts, whose preHandler must have found the
 * person and refused anonymous requests first).
 */
export function registerIdempotency(app: FastifyInstance): void {
  let lastCleanup = 0;
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const { config, schema } = request.routeOptions;
    if (!acceptsIdempotencyKey({ method: request.method, config, schema: schema as RouteFacts['schema'] })) return;
    const key = readKey(request);
    const personId = request.actor?.kind === 'person' ? request.actor.id : undefined;
    if (key === undefined || !personId) return;
    const { ctx } = request;
    const now = ctx.clock().getTime();
    if (now - lastCleanup > CLEANUP_EVERY_MS) {
      lastCleanup = now;
      await deleteExpiredIdempotencyKeys(ctx.db, new Date(now - DAY_MS).toISOString());
    }
    const material = derive(key);
    const fingerprint = fingerprintOf(request, material);
    const row = { person_id: personId, key_hash: material.hash, fingerprint, created_at: new Date(now).toISOString() };
    // Twice at most: the second time after dropping an expired or abandoned claim of the same key.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await claimIdempotencyKey(ctx.db, row)) {
        request.idempotencyClaim = { ctx, personId, material };
        return;
      }
      const found = await findIdempotencyKey(ctx.db, personId, material.hash);
      if (!found) continue; // released between the two statements: claim it now
      const createdAt = Date.parse(found.created_at);
      const isStale = now - createdAt >= DAY_MS || (found.state === 'in_progress' && now - createdAt >= ABANDONED_MS);
      if (isStale) {
        await dropStaleIdempotencyKey(ctx.db, personId, material.hash, {
          expiredBefore: new Date(now - DAY_MS).toISOString(),
          abandonedBefore: new Date(now - ABANDONED_MS).toISOString(),
        });
        continue;
      }
      if (found.fingerprint !== fingerprint) {
        throw new AppError(
          'conflict',
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for another request; send a new key for a new submission.',
        );
      }
      if (found.state === 'in_progress') {
        reply.header('retry-after', '1');
        throw new AppError(
          'conflict',
          'IDEMPOTENCY_IN_PROGRESS',
          'The first request with this Idempotency-Key is still being processed; try again in a moment to get its answer.',
        );
      }
      reply.code(found.status_code ?? 200).header('idempotent-replayed', 'true');
      if (found.content_type) reply.header('content-type', found.content_type);
      return reply.send(found.response === null ? undefined : decrypt(found.response, material));
    }
    throw new AppError(
      'conflict',
      'IDEMPOTENCY_IN_PROGRESS',
      'Another request with this Idempotency-Key is being processed; try again in a moment.',
    );
  });

  // The first answer: kept when it succeeded, otherwise the key is let go.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    const isText = payload === null || payload === undefined || typeof payload === 'string' || Buffer.isBuffer(payload);
    if (reply.statusCode >= 200 && reply.statusCode < 300 && isText) {
      const text = payload === null || payload === undefined ? null : String(payload);
      const contentType = reply.getHeader('content-type');
      await completeIdempotencyKey(claim.ctx.db, claim.personId, claim.material.hash, {
        status_code: reply.statusCode,
        content_type: typeof contentType === 'string' ? contentType : null,
        response: text === null ? null : encrypt(text, claim.material),
        completed_at: claim.ctx.clock().toISOString(),
      });
    } else {
      await releaseIdempotencyKey(claim.ctx.db, claim.personId, claim.material.hash);
    }
    return payload;
  });

  // A request that ended without an answer (the connection dropped) lets its key go too.
  app.addHook('onResponse', async (request: FastifyRequest) => {
    const claim = request.idempotencyClaim;
    if (!claim) return;
    request.idempotencyClaim = null;
    await releaseIdempotencyKey(claim.ctx.db, claim.personId, claim.material.hash);
  });
}
