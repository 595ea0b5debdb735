import { canAdminister, canChange, canSee, type Relation, relationTo, type Subject } from '../domain/access/policy.ts';
import { AppError } from '../domain/errors.ts';
import { actorOf, nowIso, type ServiceContext } from './context.ts';

/** Loads what the policies need about a person, or throws PERSON_NOT_FOUND. */
export async function loadSubject(ctx: ServiceContext, personId: string): Promise<Subject> {
  const person = await ctx.db
    .selectFrom('people')
    .select(['id', 'manager_id', 'team_id'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new AppError('not_found', 'PERSON_NOT_FOUND', `No person with id "${personId}".`);
  const mentors = await ctx.db
    .selectFrom('mentorships')
    .select('mentor_id')
    .where('mentee_id', '=', personId)
    .execute();
  return {
    id: person.id,
    managerId: person.manager_id,
    mentorIds: mentors.map((m) => m.mentor_id),
    teamId: person.team_id,
  };
}

/** The acting person's relation to a subject. */
export async function relationOf(ctx: ServiceContext, subject: Subject): Promise<Relation> {
  const actor = actorOf(ctx);
  if (actor.kind === 'system') return 'system';
  const me = await ctx.db.selectFrom('people').select('team_id').where('id', '=', actor.id).executeTakeFirst();
  return relationTo(actor, subject, me?.team_id ?? null);
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
  await ctx.db
    .insertInto('audit_log')
    .values({ id: ctx.newId(), actor_id: actor.id, subject_id: subjectId, action, resource, at: nowIso(ctx) })
    .execute();
}

/**
 * Allows reading a person's data of some visibility, recording the read; otherwise answers as if
 * the data did not exist (404), so nothing leaks about it.
 */
export async function ensureCanSee(
  ctx: ServiceContext,
  personId: string,
  visibility: string,
  resource: string,
): Promise<Relation> {
  const relation = await relationOf(ctx, await loadSubject(ctx, personId));
  if (!canSee(relation, visibility)) throw new AppError('not_found', 'NOT_FOUND', `No ${resource} to show here.`);
  await audit(ctx, personId, 'read', resource);
  return relation;
}

/** Allows changing a person's own data only to that person (or the system). */
export async function ensureCanChange(ctx: ServiceContext, personId: string, resource: string): Promise<void> {
  const relation = await relationOf(ctx, await loadSubject(ctx, personId));
  if (canChange(relation)) return;
  if (relation === 'none') throw new AppError('not_found', 'NOT_FOUND', `No ${resource} to show here.`);
  throw new AppError('forbidden', 'FORBIDDEN', `Only the person themself can change their ${resource}.`);
}

/** Allows the call only to admins (and the system). */
export function ensureAdmin(ctx: ServiceContext, what: string): void {
  if (!canAdminister(actorOf(ctx))) throw new AppError('forbidden', 'FORBIDDEN', `Only an admin can ${what}.`);
}

/** Filters rows by visibility for the acting party; records one read when anything is shown. */
export async function visibleTo<T extends { visibility: string }>(
  ctx: ServiceContext,
  personId: string,
  rows: T[],
  resource: string,
): Promise<T[]> {
  const relation = await relationOf(ctx, await loadSubject(ctx, personId));
  const shown = rows.filter((r) => canSee(relation, r.visibility));
  if (shown.length > 0) await audit(ctx, personId, 'read', resource);
  return shown;
}

/** The acting party may act for this person: the person themself, an admin, or the system. */
export function ensureSelfOrAdmin(ctx: ServiceContext, personId: string, what: string): void {
  const actor = actorOf(ctx);
  if (actor.kind === 'system' || actor.id === personId || actor.isAdmin) return;
  throw new AppError('forbidden', 'FORBIDDEN', `Only the person themself or an admin can ${what}.`);
}

/** True when the acting party is the person themself (or the system). */
export function isSelf(ctx: ServiceContext, personId: string): boolean {
  const actor = actorOf(ctx);
  return actor.kind === 'system' || actor.id === personId;
}
