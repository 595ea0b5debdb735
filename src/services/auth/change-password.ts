import { passwordChangeInput } from '../../contracts/auth.ts';
import { findPasswordHash, updatePasswordHash } from '../../db/repositories/credentials.ts';
import { deleteSessionsOf } from '../../db/repositories/sessions.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { hashPassword, secretHash, verifyPassword } from './passwords.ts';
import { signedInPersonId } from './sessions.ts';

/** Changes the acting person's password after checking the current one; other sessions end. */
export async function changePassword(ctx: ServiceContext, raw: unknown, keepSessionToken?: string): Promise<void> {
  const input = parseInput(passwordChangeInput, raw);
  const personId = signedInPersonId(ctx);
  const stored = await findPasswordHash(ctx.db, personId);
  if (!stored || !(await verifyPassword(input.current, stored))) {
    throw new AppError('invalid', 'BAD_CREDENTIALS', 'The current password is not right.', { current: 'not right' });
  }
  await updatePasswordHash(ctx.db, personId, await hashPassword(input.next), nowIso(ctx));
  await deleteSessionsOf(ctx.db, personId, keepSessionToken ? secretHash(keepSessionToken) : undefined);
}
