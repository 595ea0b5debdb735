import { type AuditRow, insertAuditRow, insertAuditRows } from '../db/repositories/audit.ts';
import { findPersonRelations, findTeamIdOf } from '../db/repositories/people.ts';
import {
  type Actor,
  canAdminister,
  canChange,
  canSee,
  type Relation,
  relationTo,
  type Subject,
  visibilitiesFor,
} from '../domain/access/policy.ts';
import { AppError } from '../domain/errors.ts';
import { actorOf, nowIso, type ServiceContext } from './context.ts';

/**
 * Loads what the policies need about a person, or throws PERSON_NOT_FOUND. Within one request
 * (a context with a request cache) each person is loaded once.
 */
export async function loadSubject(ctx: ServiceContext, personId: string): Promise<Subject> {
  const cached = ctx.requestCache?.subjects.get(personId);
  if (cached) return cached;
  const person = await findPersonRelations(ctx.db, personId);
  if (!person) throw new AppError('not_found', 'PERSON_NOT_FOUND', `No person with id "${personId}".`);
  const subject: Subject = {
    id: person.id,
    managerId: person.manager_id,
    mentorIds: person.mentor_ids,
    teamId: person.team_id,
  };
  ctx.requestCache?.subjects.set(personId, subject);
  return subject;
}

/** The acting person's own team, read once per request. */
async function actorTeamId(ctx: ServiceContext, actor: Extract<Actor, { kind: 'person' }>): Promise<string | null> {
  const cache = ctx.requestCache;
  if (cache && cache.actorTeamId !== undefined) return cache.actorTeamId;
  const teamId = await findTeamIdOf(ctx.db, actor.id);
  if (cache) cache.actorTeamId = teamId;
  return teamId;
}

/**
 * Forgets what this request loaded about a person's relations (call it after changing their
 * manager, mentors or team, so later checks in the same request see the change).
 */
export function forgetRelations(ctx: ServiceContext, personId: string): void {
  const cache = ctx.requestCache;
  if (!cache) return;
  cache.subjects.delete(personId);
  const actor = actorOf(ctx);
  if (actor.kind === 'person' && actor.id === personId) cache.actorTeamId = undefined;
}

/** The acting party's relation to a person (throws PERSON_NOT_FOUND for an unknown id). */
async function relationToPerson(ctx: ServiceContext, personId: string): Promise<Relation> {
  const actor = actorOf(ctx);
  // People reading their own data (most requests) exist (signing in read them): nothing to load.
  if (actor.kind === 'person' && actor.id === personId) return 'self';
  const subject = await loadSubject(ctx, personId);
  if (actor.kind === 'system') return 'system';
  return relationTo(actor, subject, await actorTeamId(ctx, actor));
}

/**
 * Records that someone read or changed another person's data, so that person can see who looked.
 * Reads of one's own data, and the system's own work, are not recorded.
 */
export async function audit(
  ctx: ServiceContext,
  subjectId: string,
  action: 'read' | 'change',
  resource: string,
): Promise<void> {
  const actor = actorOf(ctx);
  if (actor.kind === 'system' || actor.id === subjectId) return;
  ctx.requestCache?.audited?.push({ subjectId, action, resource });
  const at = nowIso(ctx);
  const repeat =
    action === 'read' ? readRecordedThisMinute(ctx, `${actor.id}\u0000${subjectId}\u0000${resource}`, at) : undefined;
  if (repeat?.recorded) return;
  try {
    await recordAuditRow(ctx, { id: ctx.newId(), actor_id: actor.id, subject_id: subjectId, action, resource, at });
  } catch (error) {
    repeat?.forget();
    throw error;
  }
}

/** Reads already recorded in the current minute, per database handle: `minute` and its keys. */
const readsThisMinute = new WeakMap<object, { minute: string; keys: Set<string> }>();

/**
 * "Who looked at your data" shows each line to the minute, so a second read of the same data by
 * the same person in the same minute would be a line identical to the first: it is recorded once.
 * (A manager's page polled by fifty tabs costs one audit line a minute, not fifty inserts.) Only
 * outside transactions; another server records its own first read, which is harmless.
 */
function readRecordedThisMinute(
  ctx: ServiceContext,
  key: string,
  at: string,
): { recorded: boolean; forget: () => void } | undefined {
  if (ctx.db.isTransaction) return undefined;
  const minute = at.slice(0, 16);
  let seen = readsThisMinute.get(ctx.db);
  if (!seen || seen.minute !== minute) {
    seen = { minute, keys: new Set() };
    readsThisMinute.set(ctx.db, seen);
  }
  const keys = seen.keys;
  if (keys.has(key)) return { recorded: true, forget: () => {} };
  keys.add(key);
  return { recorded: false, forget: () => keys.delete(key) };
}

/** Audit lines waiting for the next commit, per database handle. */
type PendingAudit = Array<{ row: AuditRow; resolve: () => void; reject: (error: unknown) => void }>;
const pendingAudit = new WeakMap<object, PendingAudit>();

/**
 * Stores an audit line together with the others recorded in the same turn of the event loop: one
 * statement and one commit for all of them (group commit). Each caller still waits until its own
 * line is durable, but fifty managers reading at once cost one disk flush instead of fifty (on
 * SQLite with synchronous=FULL each commit waits for the disk). Inside a transaction the line is
 * written at once, with it.
 */
function recordAuditRow(ctx: ServiceContext, row: AuditRow): Promise<void> {
  const { db } = ctx;
  if (db.isTransaction) return insertAuditRow(db, row);
  let queue = pendingAudit.get(db);
  if (!queue) {
    const started: PendingAudit = [];
    queue = started;
    pendingAudit.set(db, started);
    setImmediate(() => {
      pendingAudit.delete(db);
      insertAuditRows(
        db,
        started.map((p) => p.row),
      ).then(
        () => {
          for (const p of started) p.resolve();
        },
        (error: unknown) => {
          for (const p of started) p.reject(error);
        },
      );
    });
  }
  const waiting = queue;
  return new Promise<void>((resolve, reject) => waiting.push({ row, resolve, reject }));
}

/** What one reader may see of one person's data, worked out once per call. */
export interface ReaderScope {
  personId: string;
  relation: Relation;
  /** The visibilities shown to this reader; undefined when everything is (the person themself, the system). */
  visibilities: string[] | undefined;
}

/**
 * The acting party's view of a person's data: their relation and the visibilities they may see.
 * Every access decision about someone's data (list, count, total, derived field, one object,
 * a change) starts here.
 */
export async function readerScope(ctx: ServiceContext, personId: string): Promise<ReaderScope> {
  const relation = await relationToPerson(ctx, personId);
  const all = relation === 'self' || relation === 'system';
  return { personId, relation, visibilities: all ? undefined : visibilitiesFor(relation) };
}

/**
 * Records a read of someone's data through a list, count or aggregate: whenever the reader's
 * relation lets them see any of it (even if this answer happened to be empty), never for readers
 * who can see nothing of the person's (their answer is always empty).
 */
export async function auditRead(ctx: ServiceContext, scope: ReaderScope, resource: string): Promise<void> {
  if (scope.visibilities && scope.visibilities.length === 0) return;
  await audit(ctx, scope.personId, 'read', resource);
}

/** Whether a scope shows data of this visibility. */
export function scopeSees(scope: ReaderScope, visibility: string): boolean {
  return canSee(scope.relation, visibility);
}

/** The answer for data a reader may not see: by default the same as for data that does not exist. */
type Hidden = () => AppError;
const hiddenDefault =
  (resource: string): Hidden =>
  () =>
    new AppError('not_found', 'NOT_FOUND', `No ${resource} to show here.`);

/**
 * Allows reading a person's data of some visibility, recording the read; otherwise throws
 * `hidden()` — for one object, pass the very error a missing id gets (`notFound('entry', id)`),
 * so hidden and missing answer alike and nothing leaks about it.
 */
export async function ensureCanSee(
  ctx: ServiceContext,
  personId: string,
  visibility: string,
  resource: string,
  hidden: Hidden = hiddenDefault(resource),
): Promise<ReaderScope> {
  const scope = await readerScope(ctx, personId);
  if (!scopeSees(scope, visibility)) throw hidden();
  await audit(ctx, personId, 'read', resource);
  return scope;
}

/**
 * Allows changing a person's own data only to that person (or the system). Someone who may not
 * even see the data (`visibility`, when it is one object) gets `hidden()`, as for a missing id;
 * someone who may see it is told they cannot change it.
 */
export async function ensureCanChange(
  ctx: ServiceContext,
  personId: string,
  resource: string,
  object: { visibility?: string; hidden?: Hidden } = {},
): Promise<void> {
  const { relation } = await readerScope(ctx, personId);
  if (canChange(relation)) return;
  const hidden = object.hidden ?? hiddenDefault(resource);
  if (relation === 'none' || (object.visibility !== undefined && !canSee(relation, object.visibility))) throw hidden();
  throw new AppError('forbidden', 'FORBIDDEN', `Only the person themself can change their ${resource}.`);
}

/** Allows the call only to admins (and the system). */
export function ensureAdmin(ctx: ServiceContext, what: string): void {
  if (!canAdminister(actorOf(ctx))) throw new AppError('forbidden', 'FORBIDDEN', `Only an admin can ${what}.`);
}

/** Filters rows by visibility for the acting party, and records the read of someone else's data. */
export async function visibleTo<T extends { visibility: string }>(
  ctx: ServiceContext,
  personId: string,
  rows: T[],
  resource: string,
): Promise<T[]> {
  const scope = await readerScope(ctx, personId);
  const shown = rows.filter((r) => scopeSees(scope, r.visibility));
  await auditRead(ctx, scope, resource);
  return shown;
}

/** The acting party may act for this person: the person themself, an admin, or the system. */
export function ensureSelfOrAdmin(ctx: ServiceContext, personId: string, what: string): void {
  if (isSelf(ctx, personId) || canAdminister(actorOf(ctx))) return;
  throw new AppError('forbidden', 'FORBIDDEN', `Only the person themself or an admin can ${what}.`);
}

/** True when the acting party is the person themself (or the system). */
export function isSelf(ctx: ServiceContext, personId: string): boolean {
  const actor = actorOf(ctx);
  return actor.kind === 'system' || actor.id === personId;
}
