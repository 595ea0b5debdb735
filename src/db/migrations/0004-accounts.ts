import { type Kysely, sql } from 'kysely';

/**
 * Accounts and sharing: admins and managers on people, mentorships, credentials, sessions, API
 * tokens, invitations, the audit log, visibility on goals and assessments, and 360 rounds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('people')
    .addColumn('manager_id', 'text', (c) => c.references('people.id'))
    .execute();
  await db.schema
    .alterTable('goals')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
    .execute();
  await db.schema
    .alterTable('assessments')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
    .execute();
  await db.schema.alterTable('assessments').addColumn('round_id', 'text').execute();
  await db.schema.alterTable('assessments').addColumn('rater_id', 'text').execute();

  await db.schema
    .createTable('mentorships')
    .addColumn('mentor_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('mentee_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mentorships_pk', ['mentor_id', 'mentee_id'])
    .execute();
  await db.schema.createIndex('mentorships_mentee_idx').on('mentorships').column('mentee_id').execute();

  await db.schema
    .createTable('credentials')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_person_idx').on('sessions').column('person_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('manager_id', 'text', (c) => c.references('people.id'))
    .addColumn('mentor_id', 'text', (c) => c.references('people.id'))
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invited_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject_idx').on('audit_log').columns(['subject_id', 'at']).execute();

  await db.schema
    .createTable('assessment_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('framework_id', 'text', (c) => c.notNull().references('frameworks.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('round_raters')
    .addColumn('round_id', 'text', (c) => c.notNull().references('assessment_rounds.id').onDelete('cascade'))
    .addColumn('rater_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('assessment_id', 'text')
    .addPrimaryKeyConstraint('round_raters_pk', ['round_id', 'rater_id'])
    .execute();
  await db.schema.createIndex('round_raters_rater_idx').on('round_raters').column('rater_id').execute();
  await sql`select 1`.execute(db);
}

/** Drops what `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'round_raters',
    'assessment_rounds',
    'audit_log',
    'invitations',
    'api_tokens',
    'sessions',
    'credentials',
    'mentorships',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
