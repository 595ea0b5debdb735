import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../helpers/throwaway-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Gives the database tests a real PostgreSQL: LEADWAY_TEST_DATABASE_URL if set, otherwise a
 * throwaway cluster (durability off for speed), removed again when the run ends.
 */
export default async function setup(project: TestProject) {
  const given = process.env.LEADWAY_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  const cluster = await startThrowawayPostgres({
    settings: ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'],
    stopMode: 'immediate',
    missingHint: 'Install postgresql-15 (apt-get install -y postgresql-15) or set LEADWAY_TEST_DATABASE_URL.',
  });
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
