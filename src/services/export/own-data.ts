import { AppError } from '../../domain/errors.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { requirePerson } from '../people/people.ts';

/**
 * Allows downloading a person's own data to that person only (and to the system, for the CLI).
 * Nobody else gets it, not even an admin (whose way to everyone's data is the installation's
 * backup): for them it does not exist, and an unknown id answers exactly alike.
 */
export async function ensureOwnData(ctx: ServiceContext, personId: string): Promise<void> {
  const actor = actorOf(ctx);
  if (actor.kind === 'person' && actor.id === personId) return;
  if (actor.kind === 'system') {
    await requirePerson(ctx, personId);
    return;
  }
  throw new AppError('not_found', 'NOT_FOUND', 'No data to download here: each person downloads their own.');
}

/** Most rows read per statement for a download: memory holds a page, not a whole journal. */
export const EXPORT_PAGE = 500;
