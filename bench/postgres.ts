import { startThrowawayPostgres, type ThrowawayPostgres } from '../test/helpers/throwaway-postgres.ts';

export type { ThrowawayPostgres };

/**
 * A throwaway PostgreSQL 15 cluster for a benchmark: the tests' helper, with the server's durable
 * defaults (fsync and synchronous commit on) and room for the load's connections.
 */
export function startPostgres(): Promise<ThrowawayPostgres> {
  return startThrowawayPostgres({
    settings: ['max_connections=50'],
    missingHint: 'Install postgresql-15 or pass --database-url.',
  });
}
