import { loginInput } from '../../contracts/auth.ts';
import { findAccountByEmail } from '../../db/repositories/credentials.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';
import { verifyPassword } from './passwords.ts';
import { type NewSession, startSession } from './sessions.ts';

/** Signs in with email and password; the same answer for an unknown email and a wrong password. */
export async function logIn(ctx: ServiceContext, raw: unknown): Promise<NewSession> {
  const input = parseInput(loginInput, raw);
  const row = await findAccountByEmail(ctx.db, input.email);
  // Hash even for an unknown email so the answer takes as long either way.
  const ok = await verifyPassword(
    input.password,
    row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
  );
  if (!row || !ok)
    throw new AppError('unauthenticated', 'BAD_CREDENTIALS', 'That email and password do not match an account.');
  return startSession(ctx, row.id);
}
