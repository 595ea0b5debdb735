import { signupInput } from '../../contracts/auth.ts';
import { hasAnyCredential, insertCredential, lockFirstAccount } from '../../db/repositories/credentials.ts';
import { findPersonByEmail, insertPerson, updatePersonRow } from '../../db/repositories/people.ts';
import { findOrCreateTeam } from '../../db/repositories/teams.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { hashPassword } from './passwords.ts';
import { type NewSession, startSession } from './sessions.ts';
import { isSetupRequired } from './setup.ts';

/**
 * The first run: creates the first account, an admin. A profile made earlier from the CLI with
 * the same email becomes that account. Refused once any account exists.
 */
export async function signUp(ctx: ServiceContext, raw: unknown): Promise<NewSession> {
  const input = parseInput(signupInput, raw);
  const alreadySetUp = () =>
    new AppError(
      'conflict',
      'ALREADY_SET_UP',
      'Leadway already has an admin. Sign in, or ask an admin for an invitation.',
    );
  if (!(await isSetupRequired(ctx))) throw alreadySetUp();
  const hash = await hashPassword(input.password);
  const now = nowIso(ctx);
  const personId = await inTransaction(ctx.db, async (trx) => {
    // Two first runs at once: the second waits here, then finds the first's account.
    await lockFirstAccount(trx);
    if (await hasAnyCredential(trx)) throw alreadySetUp();
    const existing = await findPersonByEmail(trx, input.email);
    const teamId = input.team ? await findOrCreateTeam(trx, input.team, ctx.newId(), now) : (existing?.team_id ?? null);
    const id = existing?.id ?? ctx.newId();
    if (existing) {
      await updatePersonRow(trx, id, {
        name: input.name,
        role_title: input.roleTitle,
        team_id: teamId,
        is_admin: 1,
        updated_at: now,
      });
    } else {
      await insertPerson(trx, {
        id,
        name: input.name,
        email: input.email,
        role_title: input.roleTitle,
        team_id: teamId,
        track: null,
        stage: null,
        is_admin: 1,
        created_at: now,
        updated_at: now,
      });
    }
    await insertCredential(trx, { person_id: id, password_hash: hash, updated_at: now });
    return id;
  });
  return startSession(ctx, personId);
}
