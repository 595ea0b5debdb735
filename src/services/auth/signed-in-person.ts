import type { PersonOutput } from '../../contracts/index.ts';
import { findPersonById } from '../../db/repositories/people.ts';
import { presentPerson } from '../../presenters/index.ts';
import type { ServiceContext } from '../context.ts';

/**
 * The profile of someone who just signed in (or is signed in), for the session answers of the
 * auth routes; mentors are not listed there. Undefined when the person is gone.
 */
export async function findSignedInPerson(ctx: ServiceContext, personId: string): Promise<PersonOutput | undefined> {
  const row = await findPersonById(ctx.db, personId);
  return row ? presentPerson(row) : undefined;
}
