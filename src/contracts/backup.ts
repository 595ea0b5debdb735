import { z } from 'zod';

/** The format tag of a backup document; bumped only on an incompatible change. */
export const BACKUP_FORMAT = 'leadway.backup/v1';

/** The tables a backup holds, in the order a restore inserts them (parents before children). */
export const BACKUP_TABLES = [
  'frameworks',
  'teams',
  'people',
  'path_reflections',
  'assessments',
  'assessment_ratings',
  'action_states',
  'goals',
  'goal_actions',
  'goal_checkins',
  'journal_entries',
  'journal_entry_areas',
  'journal_entry_links',
  'person_emails',
  'git_repositories',
  'git_import_marks',
  'git_credits',
  'mentorships',
  'credentials',
  'api_tokens',
  'invitations',
  'audit_log',
  'assessment_rounds',
  'round_raters',
] as const;
export type BackupTableName = (typeof BACKUP_TABLES)[number];

type TableRows = z.ZodDefault<z.ZodArray<z.ZodRecord<z.ZodString, z.ZodUnknown>>>;

/**
 * A whole backup: every table's rows in primary-key order (a table left out restores as empty).
 * Restoring validates it in the service (BACKUP_INVALID), after checking that restoring is allowed.
 */
export const backupDocument = z.object({
  format: z.literal(BACKUP_FORMAT, { message: `not a Leadway backup (expected format "${BACKUP_FORMAT}")` }),
  exportedAt: z.string(),
  tables: z.object(
    Object.fromEntries(BACKUP_TABLES.map((name) => [name, z.array(z.record(z.string(), z.unknown())).default([])])) as {
      [K in BackupTableName]: TableRows;
    },
  ),
});
export type BackupDocument = z.infer<typeof backupDocument>;
export type BackupDocumentInput = z.input<typeof backupDocument>;

/** What a restore inserted: rows per table. */
export const restoreOutput = z.object({ restored: z.record(z.string(), z.number()) });
export type RestoreOutput = z.infer<typeof restoreOutput>;
