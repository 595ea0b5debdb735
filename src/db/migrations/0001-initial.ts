import type { Kysely } from 'kysely';

/** People, teams, installed frameworks, path reflections, self-assessments and action states. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role_title', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('track', 'text')
    .addColumn('stage', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('frameworks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull().unique())
    .addColumn('framework_key', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('installed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('frameworks_key_version_unique', ['framework_key', 'version'])
    .execute();

  await db.schema
    .createTable('path_reflections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull().references('frameworks.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('recommended_track', 'text', (c) => c.notNull())
    .addColumn('strength', 'text', (c) => c.notNull())
    .addColumn('chosen_track', 'text', (c) => c.notNull())
    .addColumn('chosen_stage', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('path_reflections_person_idx')
    .on('path_reflections')
    .columns(['person_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull().references('frameworks.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('track', 'text')
    .addColumn('stage', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessments_person_idx')
    .on('assessments')
    .columns(['person_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('assessment_ratings')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_ratings_pk', ['assessment_id', 'area_id'])
    .execute();

  await db.schema
    .createTable('action_states')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_states_pk', ['person_id', 'action_id'])
    .execute();
}

/** Drops everything the migration created, in reverse order. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'action_states',
    'assessment_ratings',
    'assessments',
    'path_reflections',
    'frameworks',
    'people',
    'teams',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
