import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { audit, ensureSelfOrAdmin } from '../access.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { requirePerson } from './people.ts';

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address such as ada@example.com').max(254));

/** A person's addresses: the primary one and the extra ones git identities are matched on. */
export async function listEmails(ctx: ServiceContext, personId: string): Promise<{ primary: string; extra: string[] }> {
  const person = await requirePerson(ctx, personId);
  ensureSelfOrAdmin(ctx, personId, 'see these email addresses');
  await audit(ctx, personId, 'read', 'email addresses');
  const rows = await ctx.db
    .selectFrom('person_emails')
    .select('email')
    .where('person_id', '=', personId)
    .orderBy('email')
    .execute();
  return { primary: person.email, extra: rows.map((r) => r.email) };
}

/** Adds an email (e.g. a work and a personal git address) to a person; each email has one owner. */
export async function addEmail(ctx: ServiceContext, personId: string, raw: string) {
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('invalid', 'VALIDATION_FAILED', `"${raw}" is not an email address.`, {
      email: parsed.error.issues[0]?.message ?? 'invalid',
    });
  }
  const email = parsed.data;
  await requirePerson(ctx, personId);
  ensureSelfOrAdmin(ctx, personId, 'add email addresses');
  await ctx.db.transaction().execute(async (trx) => {
    const owner =
      (await trx.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst())?.id ??
      (await trx.selectFrom('person_emails').select('person_id').where('email', '=', email).executeTakeFirst())
        ?.person_id;
    if (owner === personId) return;
    if (owner)
      throw new AppError('conflict', 'EMAIL_TAKEN', `${email} already belongs to someone else.`, {
        email: 'already in use',
      });
    await trx
      .insertInto('person_emails')
      .values({ email, person_id: personId, created_at: nowIso(ctx) })
      .execute();
  });
  return listEmails(ctx, personId);
}

/** Removes an extra email (the primary one stays). */
export async function removeEmail(ctx: ServiceContext, personId: string, raw: string) {
  ensureSelfOrAdmin(ctx, personId, 'remove email addresses');
  const email = raw.trim().toLowerCase();
  const result = await ctx.db
    .deleteFrom('person_emails')
    .where('person_id', '=', personId)
    .where('email', '=', email)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) {
    throw new AppError('not_found', 'EMAIL_NOT_FOUND', `${email} is not one of this person's extra emails.`);
  }
  return listEmails(ctx, personId);
}
