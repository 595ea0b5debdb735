import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type Actor, SYSTEM } from '../domain/access/policy.ts';

/** What every use-case receives: the database and the sources of time and ids (replaceable in tests). */
export interface ServiceContext {
  db: Kysely<Database>;
  /** Current time; tests pass a fixed or stepping clock. */
  clock: () => Date;
  /** New unique id; tests may pass a counter. */
  newId: () => string;
  /** Who is acting; the system (CLI, start-up) unless a request says otherwise. */
  actor?: Actor;
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
