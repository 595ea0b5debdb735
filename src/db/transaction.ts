import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Runs `work` in one database transaction: every repository call made with `trx` lands together
 * or not at all. This is the one place outside repositories that opens a transaction, so services
 * compose repository writes (`inTransaction(ctx.db, (trx) => …)`) without writing any query.
 * Repository functions take a `Kysely<Database>` that may be such a transaction.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
