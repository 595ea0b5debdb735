import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Actor, type Subject, SYSTEM } from '../domain/access/policy.ts';

/** What every use-case receives: the database and the sources of time and ids (replaceable in tests). */
export interface ServiceContext {
  db: Kysely<Database>;
  /** Current time; tests pass a fixed or stepping clock. */
  clock: () => Date;
  /** New unique id; tests may pass a counter. */
  newId: () => string;
  /** Who is acting; the system (CLI, start-up) unless a request says otherwise. */
  actor?: Actor;
  /**
   * What this request has already loaded for access checks (see `withRequestCache`). Only a
   * context made for one request has it; the CLI's and tests' long-lived contexts load afresh.
   */
  requestCache?: RequestCache;
}

/**
 * Access facts loaded once per request instead of once per check: a journal write checks the
 * person's relations when it changes the entry and again when it reads it back. Lives as long as
 * the request's context; services that change relations call `forgetRelations` (services/access.ts).
 */
export interface RequestCache {
  /** Manager, mentors and team of each person looked at, by id. */
  subjects: Map<string, Subject>;
  /** The acting person's team (null: none); undefined until known. */
  actorTeamId: string | null | undefined;
  /**
   * When set, every audit line this request records is also noted here, so that an answer
   * served again from the server's answer cache records the same lines (server/answer-cache.ts).
   */
  audited?: AuditedAccess[];
}

/** One audit line a request recorded: who was read or changed, and what. */
export interface AuditedAccess {
  subjectId: string;
  action: 'read' | 'change';
  resource: string;
}

/** The same context with a fresh per-request cache; `actorTeamId` when sign-in already read it. */
export function withRequestCache(ctx: ServiceContext, actorTeamId?: string | null): ServiceContext {
  return { ...ctx, requestCache: { subjects: new Map(), actorTeamId } };
}

/** The same context acting as someone else (the signed-in person of a request). */
export function asActor(ctx: ServiceContext, actor: Actor): ServiceContext {
  return { ...ctx, actor };
}

/** The acting party of a context (the system when none is set). */
export function actorOf(ctx: ServiceContext): Actor {
  return ctx.actor ?? SYSTEM;
}

/** A context with the real clock and random UUIDs. */
export function createContext(db: Kysely<Database>): ServiceContext {
  return { db, clock: () => new Date(), newId: () => randomUUID() };
}

/** The context's current time as an ISO-8601 string. */
export function nowIso(ctx: ServiceContext): string {
  return ctx.clock().toISOString();
}
