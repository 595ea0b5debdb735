import { hasAnyCredential } from '../../db/repositories/credentials.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Databases known to have an account. Accounts are never all removed (no route or command deletes
 * credentials), so once the first exists the answer stays "set up" for the life of the handle and
 * no request needs to ask the database again.
 */
const setUpDatabases = new WeakSet<object>();

/** True until the first account exists (the first run then signs up the admin). */
export async function isSetupRequired(ctx: ServiceContext): Promise<boolean> {
  if (setUpDatabases.has(ctx.db)) return false;
  const required = !(await hasAnyCredential(ctx.db));
  if (!required) setUpDatabases.add(ctx.db);
  return required;
}
