import { AppError } from '../domain/errors.ts';
import { actorOf, type ServiceContext } from './context.ts';

/** Who read or changed the acting person's data, newest first (at most `limit` rows). */
export async function myAuditLog(ctx: ServiceContext, limit = 200) {
  const actor = actorOf(ctx);
  if (actor.kind !== 'person') throw new AppError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first.');
  const rows = await ctx.db
    .selectFrom('audit_log')
    .leftJoin('people', 'people.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.resource',
      'audit_log.at',
      'audit_log.actor_id',
      'people.name',
    ])
    .where('audit_log.subject_id', '=', actor.id)
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    who: r.name ?? 'someone removed',
    whoId: r.actor_id,
    action: r.action,
    resource: r.resource,
    at: r.at,
  }));
}
