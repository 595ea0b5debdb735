import type { Kysely } from 'kysely';
import type { Database, IdempotencyKeysTable } from '../schema.ts';

/** A stored idempotency key, as server/idempotency.ts reads it. */
export type IdempotencyRow = IdempotencyKeysTable;

/**
 * Claims a key for a person: inserts the row as 'in_progress' unless one exists. True when this
 * call inserted it, so of two requests racing with the same key exactly one gets true (the primary
 * key decides, on both engines, with no error to parse).
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  row: { person_id: string; key_hash: string; fingerprint: string; created_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ ...row, state: 'in_progress' })
    .onConflict((oc) => oc.columns(['person_id', 'key_hash']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** The stored row of a person's key, if any. */
export async function findIdempotencyKey(
  db: Kysely<Database>,
  personId: string,
  keyHash: string,
): Promise<IdempotencyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('person_id', '=', personId)
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

/** Records the first answer of a claimed key. */
export async function completeIdempotencyKey(
  db: Kysely<Database>,
  personId: string,
  keyHash: string,
  answer: { status_code: number; content_type: string | null; response: string | null; completed_at: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ ...answer, state: 'done' })
    .where('person_id', '=', personId)
    .where('key_hash', '=', keyHash)
    .execute();
}

/** Lets a key go (its request failed, so a retry may run it again). */
export async function releaseIdempotencyKey(db: Kysely<Database>, personId: string, keyHash: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('person_id', '=', personId)
    .where('key_hash', '=', keyHash)
    .where('state', '=', 'in_progress')
    .execute();
}

/**
 * Removes a person's key when it has expired (created before `expiredBefore`) or was left
 * 'in_progress' by a request that never finished (claimed before `abandonedBefore`: the server
 * stopped mid-request), so a new request may claim it.
 */
export async function dropStaleIdempotencyKey(
  db: Kysely<Database>,
  personId: string,
  keyHash: string,
  limits: { expiredBefore: string; abandonedBefore: string },
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('person_id', '=', personId)
    .where('key_hash', '=', keyHash)
    .where((eb) =>
      eb.or([
        eb('created_at', '<', limits.expiredBefore),
        eb.and([eb('state', '=', 'in_progress'), eb('created_at', '<', limits.abandonedBefore)]),
      ]),
    )
    .execute();
}

/** Deletes every key created before `expiredBefore` (the lazy clean-up); returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Kysely<Database>, expiredBefore: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', expiredBefore).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0n);
}

/** How many rows the table holds (tests). */
export async function countIdempotencyKeys(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
