import { type Kysely, sql } from 'kysely';

/**
 * Invitations can be revoked (`revoked_at`), and an address has at most one pending invitation
 * (unused and not revoked): a partial unique index, so two admins inviting the same address at
 * once get one invitation and a clear conflict, on both engines. Before the index, pending
 * invitations left over from when duplicates were accepted are revoked: all but the newest per
 * address, and every one whose address already belongs to somebody.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitations').addColumn('revoked_at', 'text').execute();
  await sql`
    update invitations set revoked_at = created_at
    where used_at is null
      and (
        exists (
          select 1 from invitations newer
          where newer.email = invitations.email and newer.used_at is null and newer.id <> invitations.id
            and (newer.created_at > invitations.created_at
              or (newer.created_at = invitations.created_at and newer.id > invitations.id))
        )
        or exists (select 1 from people where people.email = invitations.email)
        or exists (select 1 from person_emails where person_emails.email = invitations.email)
      )
  `.execute(db);
  await db.schema
    .createIndex('invitations_pending_email_idx')
    .on('invitations')
    .column('email')
    .unique()
    .where(sql.ref('used_at'), 'is', null)
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('invitations_pending_email_idx').execute();
  await db.schema.alterTable('invitations').dropColumn('revoked_at').execute();
}
