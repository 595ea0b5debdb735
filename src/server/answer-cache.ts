import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../services/access.ts';
import { type AuditedAccess, nowIso } from '../services/context.ts';

/**
 * The pages read most (the bench's pages: docs/benchmarks.md), whose answers depend only on the
 * stored data, the reader and today's date. Their serialised answers are kept and sent again while
 * nothing was written since. Only GET; a route is added here only when its answer has no other
 * input (no clock finer than the day, no request header, nothing held only in memory).
 */
export const CACHED_ROUTES: ReadonlySet<string> = new Set([
  '/api/people/:personId/standing',
  '/api/people/:personId/next-actions',
  '/api/people/:personId/entries',
  '/api/people/:personId/timeline',
  '/api/people/:personId/goals',
  '/api/people/:personId/readiness',
  '/api/people/:personId/rounds',
]);

/** Most characters of answers kept (least recently used out): about 32 MB of JSON. */
export const ANSWER_CACHE_CHARS = 32_000_000;

/** One kept answer and what makes it valid. */
interface KeptAnswer {
  /** The data version it was computed at (migration 0009). */
  version: string;
  /** The UTC day it was computed on (answers such as "last 90 days" and "overdue" use it). */
  day: string;
  /** The answer as sent (UTF-8): encoded once, not at every send. */
  body: Buffer;
  /** The audit lines the request that computed it recorded: a reuse records them again. */
  audited: AuditedAccess[];
}

/**
 * Answers kept by reader and URL. The key is the reader's id and admin flag and the whole URL
 * (path with the subject's id, and query), so one reader's answer is never sent to another; the
 * entry holds the data version and day it was computed at, and is used only while both still
 * hold. The version is read in the sign-in statement of every request (one statement, see
 * services/auth/authenticate.ts), so a write by anyone, on any server sharing the database, is
 * seen by the next request.
 */
export class AnswerCache {
  private readonly entries = new Map<string, KeptAnswer>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxChars = ANSWER_CACHE_CHARS) {}

  /** The answer kept for this key if it was computed at this version on this day. */
  get(key: string, version: string, day: string): KeptAnswer | undefined {
    const kept = this.entries.get(key);
    if (!kept || kept.version !== version || kept.day !== day) {
      this.misses++;
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, kept);
    this.hits++;
    return kept;
  }

  set(key: string, answer: KeptAnswer): void {
    const size = answer.body.length + key.length;
    if (size > this.maxChars / 8) return;
    this.delete(key);
    this.entries.set(key, answer);
    this.chars += size;
    for (const [oldest, kept] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= kept.body.length + oldest.length;
    }
  }

  private delete(key: string): void {
    const kept = this.entries.get(key);
    if (!kept) return;
    this.entries.delete(key);
    this.chars -= kept.body.length + key.length;
  }

  get size(): number {
    return this.entries.size;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The data version read when signing this request in (null: anonymous or unknown). */
    dataVersion: string | null;
    /** Set when this request's answer may be kept: its cache key and day. */
    answerSlot: { key: string; version: string; day: string } | null;
  }
}

/**
 * Serves the pages of CACHED_ROUTES from an AnswerCache: right after sign-in, a kept
 * answer still valid is sent as it is (recording the audit lines its computation recorded);
 * otherwise the route runs and its 200 answer is kept.
 */
export function registerAnswerCache(app: FastifyInstance, cache: AnswerCache = new AnswerCache()): AnswerCache {
  app.decorateRequest('dataVersion', null);
  app.decorateRequest('answerSlot', null);

  // Right after sign-in, before validation: a URL is only kept once it was answered with 200, so it
  // passed the same validation then.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = request.actor;
    const version = request.dataVersion;
    if (request.method !== 'GET' || actor?.kind !== 'person' || version === null) return;
    if (!CACHED_ROUTES.has(request.routeOptions.url ?? '')) return;
    const key = `${actor.id}\u0000${actor.isAdmin ? 1 : 0}\u0000${request.url}`;
    const day = nowIso(request.ctx).slice(0, 10);
    const kept = cache.get(key, version, day);
    if (kept) {
      // All at once, so they join one group commit (one after the other, each would wait for its own).
      await Promise.all(kept.audited.map((line) => audit(request.ctx, line.subjectId, line.action, line.resource)));
      return reply.header('content-type', 'application/json; charset=utf-8').send(kept.body);
    }
    request.answerSlot = { key, version, day };
    // Note the audit lines this computation records, to record them again on every reuse.
    if (request.ctx.requestCache) request.ctx.requestCache.audited = [];
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const slot = request.answerSlot;
    if (!slot || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    cache.set(slot.key, {
      version: slot.version,
      day: slot.day,
      body: Buffer.from(payload),
      audited: request.ctx.requestCache?.audited ?? [],
    });
    return payload;
  });
  return cache;
}
