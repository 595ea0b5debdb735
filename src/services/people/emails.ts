import { emailAddress } from '../../contracts/index.ts';
import type { EmailsOutput } from '../../contracts/people.ts';
import { deleteExtraEmail, findEmailOwner, insertExtraEmail, listExtraEmails } from '../../db/repositories/emails.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { presentEmails } from '../../presenters/index.ts';
import { audit, ensureSelfOrAdmin } from '../access.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { requirePerson } from './people.ts';

/** A person's addresses: the primary one and the extra ones git identities are matched on. */
export async function listEmails(ctx: ServiceContext, personId: string): Promise<EmailsOutput> {
  const person = await requirePerson(ctx, personId);
  ensureSelfOrAdmin(ctx, personId, 'see these email addresses');
  await audit(ctx, personId, 'read', 'email addresses');
  return presentEmails(person.email, await listExtraEmails(ctx.db, personId));
}

/** Adds an email (e.g. a work and a personal git address) to a person; each email has one owner. */
export async function addEmail(ctx: ServiceContext, personId: string, raw: string): Promise<EmailsOutput> {
  const email = parseInput(emailAddress, raw, { message: `"${raw}" is not an email address.`, at: 'email' });
  await requirePerson(ctx, personId);
  ensureSelfOrAdmin(ctx, personId, 'add email addresses');
  await inTransaction(ctx.db, async (trx) => {
    const owner = await findEmailOwner(trx, email);
    if (owner === personId) return;
    if (owner)
      throw new AppError('conflict', 'EMAIL_TAKEN', `${email} already belongs to someone else.`, {
        email: 'already in use',
      });
    await insertExtraEmail(trx, { email, person_id: personId, created_at: nowIso(ctx) });
  });
  return listEmails(ctx, personId);
}

/** Removes an extra email (the primary one stays). */
export async function removeEmail(ctx: ServiceContext, personId: string, raw: string): Promise<EmailsOutput> {
  ensureSelfOrAdmin(ctx, personId, 'remove email addresses');
  const email = raw.trim().toLowerCase();
  if (!(await deleteExtraEmail(ctx.db, personId, email))) {
    throw new AppError('not_found', 'EMAIL_NOT_FOUND', `${email} is not one of this person's extra emails.`);
  }
  return listEmails(ctx, personId);
}
