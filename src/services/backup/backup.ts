import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  type BackupDocument,
  type BackupTableName,
  backupDocument,
} from '../../contracts/backup.ts';
import { countTableRows, deleteAllRows, insertTableRows, listTableRows } from '../../db/repositories/backup.ts';
import { updatePersonRow } from '../../db/repositories/people.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';

/**
 * The columns that order each table's rows in a backup (so two backups of the same data are
 * identical). The tables and their restore order are the contract's (`contracts/backup.ts`).
 */
const ORDER_BY = {
  frameworks: ['revision'],
  teams: ['id'],
  people: ['id'],
  path_reflections: ['id'],
  assessments: ['id'],
  assessment_ratings: ['assessment_id', 'area_id'],
  action_states: ['person_id', 'action_id'],
  goals: ['id'],
  goal_actions: ['id'],
  goal_checkins: ['id'],
  journal_entries: ['id'],
  journal_entry_areas: ['entry_id', 'area_id'],
  journal_entry_links: ['entry_id', 'position'],
  person_emails: ['email'],
  git_repositories: ['id'],
  git_import_marks: ['repository_id', 'rev'],
  git_credits: ['person_id', 'repository_id', 'sha', 'kind'],
  mentorships: ['mentor_id', 'mentee_id'],
  credentials: ['person_id'],
  api_tokens: ['id'],
  invitations: ['id'],
  audit_log: ['id'],
  assessment_rounds: ['id'],
  round_raters: ['round_id', 'rater_id'],
} as const satisfies Record<BackupTableName, readonly string[]>;

/** Tables in restore order, each with its ordering columns. */
const TABLES = BACKUP_TABLES.map((name) => [name, ORDER_BY[name]] as const);

/** Columns stored as integers; PostgreSQL and SQLite both give numbers, but a JSON file may not. */
const INTEGER_COLUMNS = new Set(['revision', 'level', 'position', 'confidence', 'is_admin']);

/** Columns the database computes itself and a backup leaves out. */
const COMPUTED_COLUMNS = new Set(['search']);

/** Everything in the database (framework versions, people, assessments, goals, journal) as one document. */
export async function exportBackup(ctx: ServiceContext): Promise<BackupDocument> {
  // A backup holds everyone's private entries: it is made on the server (`leadway export`) by
  // whoever runs the database, never through the API, where admins must not read private data.
  if (actorOf(ctx).kind !== 'system') {
    throw new AppError('forbidden', 'FORBIDDEN', 'Backups are made on the server with `leadway export FILE`.');
  }
  const tables = {} as BackupDocument['tables'];
  for (const [name, order] of TABLES) {
    const rows = await listTableRows(ctx.db, name, order);
    tables[name] = rows.map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([k]) => !COMPUTED_COLUMNS.has(k))
          .map(([k, v]) => [k, INTEGER_COLUMNS.has(k) && v !== null ? Number(v) : v]),
      ),
    );
  }
  return { format: BACKUP_FORMAT, exportedAt: nowIso(ctx), tables };
}

/**
 * Restores a backup into an empty database (one with no people yet; a framework installed by a
 * first start is replaced). All or nothing: any bad row rolls the whole restore back.
 */
export async function importBackup(ctx: ServiceContext, document: unknown): Promise<Record<BackupTableName, number>> {
  if (actorOf(ctx).kind !== 'system') {
    throw new AppError(
      'forbidden',
      'FORBIDDEN',
      'A backup can be restored only into a new Leadway (before the first account), or with `leadway import FILE`.',
    );
  }
  const backup = parseInput(backupDocument, document, {
    code: 'BACKUP_INVALID',
    message: (fields) => {
      const [where, problem] = Object.entries(fields)[0] ?? [];
      return `The backup cannot be read: ${where === '(root)' ? 'document' : where}: ${problem}`;
    },
  });
  for (const [name] of TABLES) {
    if (name !== 'frameworks' && (await countTableRows(ctx.db, name)) > 0) {
      throw new AppError(
        'precondition',
        'DATABASE_NOT_EMPTY',
        `The database already holds data (table ${name}). Restore into a new database: set LEADWAY_DATA to an empty folder or DATABASE_URL to an empty database.`,
      );
    }
  }
  const counts = {} as Record<BackupTableName, number>;
  try {
    await inTransaction(ctx.db, async (trx) => {
      await deleteAllRows(trx, 'frameworks');
      for (const [name] of TABLES) {
        const rows = backup.tables[name];
        counts[name] = rows.length;
        // People point at their managers: insert without, then link, so row order never matters.
        const managers =
          name === 'people' ? rows.filter((r) => r.manager_id).map((r) => [r.id, r.manager_id] as const) : [];
        const toInsert = name === 'people' ? rows.map((r) => ({ ...r, manager_id: null })) : rows;
        await insertTableRows(trx, name, toInsert);
        for (const [id, managerId] of managers) {
          await updatePersonRow(trx, id as string, { manager_id: managerId as string });
        }
      }
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'invalid',
      'BACKUP_INVALID',
      `The backup could not be restored, nothing was changed: ${(error as Error).message}`,
    );
  }
  return counts;
}
