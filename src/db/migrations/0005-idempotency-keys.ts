import type { Kysely } from 'kysely';

/**
 * Idempotency keys: one row per signed-in person and `Idempotency-Key` header of a creating POST
 * (server/idempotency.ts). The primary key (person, key hash) is what makes two requests with the
 * same key, even at the same instant, run the operation once: the second insert finds the first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    // SHA-256 of the key: the key itself is never stored (it also unlocks the stored answer).
    .addColumn('key_hash', 'text', (c) => c.notNull())
    // HMAC of method, path and body under the key: "same request?" without keeping the body.
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    // 'in_progress' while the first request runs, then 'done'.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('content_type', 'text')
    // The first answer's body, encrypted with a key derived from the idempotency key.
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['person_id', 'key_hash'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
}

/** Drops the table (migrations run forward only; kept for symmetry with Kysely's interface). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
