import { type ApiTokenOutput, createTokenInput, type NewApiTokenOutput } from '../../contracts/auth.ts';
import { insertApiToken, listApiTokensOf, revokeApiTokenOf } from '../../db/repositories/api-tokens.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { presentApiToken, presentNewApiToken } from '../../presenters/auth.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { newSecret, secretHash } from './passwords.ts';
import { signedInPersonId } from './sessions.ts';

/** Creates a personal API token for the CLI and scripts (`raw`: `{ name }`); the token is returned only now. */
export async function createApiToken(ctx: ServiceContext, raw: unknown): Promise<NewApiTokenOutput> {
  const { name: label } = parseInput(createTokenInput, raw, { message: 'The token needs a name.' });
  const token = newSecret('lw_');
  const id = ctx.newId();
  await insertApiToken(ctx.db, {
    id,
    person_id: signedInPersonId(ctx),
    name: label,
    token_hash: secretHash(token),
    created_at: nowIso(ctx),
    last_used_at: null,
    revoked_at: null,
  });
  return presentNewApiToken(id, label, token);
}

/** The acting person's tokens, newest first (never the secrets). */
export async function listApiTokens(ctx: ServiceContext): Promise<ApiTokenOutput[]> {
  return (await listApiTokensOf(ctx.db, signedInPersonId(ctx))).map(presentApiToken);
}

/** Revokes one of the acting person's active tokens. */
export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<void> {
  if (!(await revokeApiTokenOf(ctx.db, id, signedInPersonId(ctx), nowIso(ctx))))
    throw new AppError('not_found', 'TOKEN_NOT_FOUND', `No active token with id "${id}".`);
}
