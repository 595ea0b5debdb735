import { hasAnyCredential } from '../../db/repositories/credentials.ts';
import type { ServiceContext } from '../context.ts';

/** True until the first account exists (the first run then signs up the admin). */
export async function isSetupRequired(ctx: ServiceContext): Promise<boolean> {
  return !(await hasAnyCredential(ctx.db));
}
