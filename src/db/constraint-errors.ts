/**
 * Recognises the database's own refusals, so repositories can turn a lost race into an answer
 * (a unique index decided) instead of letting the driver's error reach the client as a 500.
 */

/** Whether `error` is a unique or primary-key violation, from SQLite (better-sqlite3) or PostgreSQL (pg). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
