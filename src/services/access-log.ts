import type { AuditLineOutput } from '../contracts/audit.ts';
import { listAuditLinesAbout } from '../db/repositories/audit.ts';
import { AppError } from '../domain/errors.ts';
import { presentAuditLine } from '../presenters/audit.ts';
import { actorOf, type ServiceContext } from './context.ts';

/** Who read or changed the acting person's data, newest first (at most `limit` rows). */
export async function myAuditLog(ctx: ServiceContext, limit = 200): Promise<AuditLineOutput[]> {
  const actor = actorOf(ctx);
  if (actor.kind !== 'person') throw new AppError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first.');
  return (await listAuditLinesAbout(ctx.db, actor.id, limit)).map(presentAuditLine);
}
