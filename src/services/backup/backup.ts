import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';

/** The format tag of a backup document; bumped only on an incompatible change. */
export const BACKUP_FORMAT = 'leadway.backup/v1';

/**
 * Tables in the order a restore must insert them (parents before children), each with the
 * columns that order its rows in a backup (so two backups of the same data are identical).
 */
const TABLES = [
  ['frameworks', ['revision']],
  ['teams', ['id']],
  ['people', ['id']],
  ['path_reflections', ['id']],
  ['assessments', ['id']],
  ['assessment_ratings', ['assessment_id', 'area_id']],
  ['action_states', ['person_id', 'action_id']],
  ['goals', ['id']],
  ['goal_actions', ['id']],
  ['goal_checkins', ['id']],
  ['journal_entries', ['id']],
  ['journal_entry_areas', ['entry_id', 'area_id']],
  ['journal_entry_links', ['entry_id', 'position']],
  ['person_emails', ['email']],
  ['git_repositories', ['id']],
  ['git_import_marks', ['repository_id', 'rev']],
  ['git_credits', ['person_id', 'repository_id', 'sha', 'kind']],
  ['mentorships', ['mentor_id', 'mentee_id']],
  ['credentials', ['person_id']],
  ['api_tokens', ['id']],
  ['invitations', ['id']],
  ['audit_log', ['id']],
  ['assessment_rounds', ['id']],
  ['round_raters', ['round_id', 'rater_id']],
] as const satisfies ReadonlyArray<readonly [keyof Database, readonly string[]]>;

type TableName = (typeof TABLES)[number][0];

/** Columns stored as integers; PostgreSQL and SQLite both give numbers, but a JSON file may not. */
const INTEGER_COLUMNS = new Set(['revision', 'level', 'position', 'confidence', 'is_admin']);

/** Columns the database computes itself and a backup leaves out. */
const COMPUTED_COLUMNS = new Set(['search']);

export type BackupDocument = {
  format: typeof BACKUP_FORMAT;
  exportedAt: string;
  tables: Record<TableName, Array<Record<string, unknown>>>;
};

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { message: `not a Leadway backup (expected format "${BACKUP_FORMAT}")` }),
  exportedAt: z.string(),
  tables: z.object(
    Object.fromEntries(
      TABLES.map(([name]) => [name, z.array(z.record(z.string(), z.unknown())).default([])]),
    ) as Record<TableName, z.ZodDefault<z.ZodArray<z.ZodRecord<z.ZodString, z.ZodUnknown>>>>,
  ),
});

/** Everything in the database (framework versions, people, assessments, goals, journal) as one document. */
export async function exportBackup(ctx: ServiceContext): Promise<BackupDocument> {
  // A backup holds everyone's private entries: it is made on the server (`leadway export`) by
  // whoever runs the database, never through the API, where admins must not read private data.
  if (actorOf(ctx).kind !== 'system') {
    throw new AppError('forbidden', 'FORBIDDEN', 'Backups are made on the server with `leadway export FILE`.');
  }
  const tables = {} as BackupDocument['tables'];
  for (const [name, order] of TABLES) {
    let query = ctx.db.selectFrom(name).selectAll();
    for (const column of order) query = query.orderBy(sql.ref(column));
    const rows = (await query.execute()) as Array<Record<string, unknown>>;
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

async function countRows(db: Kysely<Database>, table: TableName): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Restores a backup into an empty database (one with no people yet; a framework installed by a
 * first start is replaced). All or nothing: any bad row rolls the whole restore back.
 */
export async function importBackup(ctx: ServiceContext, document: unknown): Promise<Record<TableName, number>> {
  if (actorOf(ctx).kind !== 'system') {
    throw new AppError(
      'forbidden',
      'FORBIDDEN',
      'A backup can be restored only into a new Leadway (before the first account), or with `leadway import FILE`.',
    );
  }
  const parsed = backupSchema.safeParse(document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'invalid',
      'BACKUP_INVALID',
      `The backup cannot be read: ${first?.path.join('.') || 'document'}: ${first?.message}`,
    );
  }
  for (const [name] of TABLES) {
    if (name !== 'frameworks' && (await countRows(ctx.db, name)) > 0) {
      throw new AppError(
        'precondition',
        'DATABASE_NOT_EMPTY',
        `The database already holds data (table ${name}). Restore into a new database: set LEADWAY_DATA to an empty folder or DATABASE_URL to an empty database.`,
      );
    }
  }
  const counts = {} as Record<TableName, number>;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('frameworks').execute();
      for (const [name] of TABLES) {
        const rows = parsed.data.tables[name];
        counts[name] = rows.length;
        // Insert in modest batches: SQLite limits the number of bound parameters per statement.
        // People point at their managers: insert without, then link, so row order never matters.
        const managers =
          name === 'people' ? rows.filter((r) => r.manager_id).map((r) => [r.id, r.manager_id] as const) : [];
        const toInsert = name === 'people' ? rows.map((r) => ({ ...r, manager_id: null })) : rows;
        for (let i = 0; i < toInsert.length; i += 200) {
          await trx
            .insertInto(name)
            .values(toInsert.slice(i, i + 200) as never)
            .execute();
        }
        for (const [id, managerId] of managers) {
          await trx
            .updateTable('people')
            .set({ manager_id: managerId as string })
            .where('id', '=', id as string)
            .execute();
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
