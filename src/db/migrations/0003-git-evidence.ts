import type { Kysely } from 'kysely';

/**
 * Git evidence: registered repositories, where each import stopped per repository and branch,
 * the credits read from history (one row per person, commit and kind, so re-imports add nothing
 * twice), and a person's extra email addresses for matching git identities.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_emails')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_emails_person_idx').on('person_emails').column('person_id').execute();

  await db.schema
    .createTable('git_repositories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rev', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_imported_at', 'text')
    .execute();

  await db.schema
    .createTable('git_import_marks')
    .addColumn('repository_id', 'text', (c) => c.notNull().references('git_repositories.id').onDelete('cascade'))
    .addColumn('rev', 'text', (c) => c.notNull())
    .addColumn('last_sha', 'text', (c) => c.notNull())
    // Fingerprint of the emails matched in that import: when people or emails change, the next
    // import reads the whole history again so nobody's older work is missed.
    .addColumn('identities', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('git_import_marks_pk', ['repository_id', 'rev'])
    .execute();

  await db.schema
    .createTable('git_credits')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('repository_id', 'text', (c) => c.notNull().references('git_repositories.id').onDelete('cascade'))
    .addColumn('sha', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('helped_email', 'text')
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('git_credits_pk', ['person_id', 'repository_id', 'sha', 'kind'])
    .execute();
  await db.schema
    .createIndex('git_credits_person_idx')
    .on('git_credits')
    .columns(['person_id', 'occurred_on'])
    .execute();
}

/** Drops what `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['git_credits', 'git_import_marks', 'git_repositories', 'person_emails']) {
    await db.schema.dropTable(table).execute();
  }
}
