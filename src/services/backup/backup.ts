import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  type BackupDocument,
  type BackupTableName,
  backupDocument,
} from '../../contracts/backup.ts';
import { insertAuditRows } from '../../db/repositories/audit.ts';
import {
  countTableRows,
  deleteAllRows,
  inSnapshot,
  insertTableRows,
  listOtherPeopleIds,
  listTableRowsPage,
  type PlainRow,
} from '../../db/repositories/backup.ts';
import { updatePersonRow } from '../../db/repositories/people.ts';
import { inTransaction } from '../../db/transaction.ts';
import { upgradeBackupTables } from '../../domain/backup/upgrade.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { ensureAdmin } from '../access.ts';
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

/** Rows read per statement while backing up: bounds memory to one page of rows at a time. */
const PAGE_ROWS = 1000;

/** A backup row as it is written: computed columns left out, integer columns as numbers. */
function normalised(row: PlainRow): PlainRow {
  const out: PlainRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (COMPUTED_COLUMNS.has(k)) continue;
    out[k] = INTEGER_COLUMNS.has(k) && v !== null ? Number(v) : v;
  }
  return out;
}

/**
 * Reads every table in restore order, a page of rows at a time, inside one transaction: the backup
 * is one consistent snapshot (no entry without its areas because someone wrote in between).
 */
async function readTables(
  ctx: ServiceContext,
  onPage: (table: BackupTableName, rows: PlainRow[], first: boolean) => void,
): Promise<void> {
  await inSnapshot(ctx.db, async (trx) => {
    for (const [name, order] of TABLES) {
      let after: unknown[] | undefined;
      let first = true;
      for (;;) {
        const rows = await listTableRowsPage(trx, name, order, after, PAGE_ROWS);
        onPage(name, rows.map(normalised), first);
        first = false;
        const last = rows.at(-1);
        if (!last || rows.length < PAGE_ROWS) break;
        after = order.map((column) => last[column]);
        // Lets timers and other sockets have a turn between pages of a large installation.
        await yieldToEventLoop();
      }
    }
  });
}

/**
 * Only the system (the CLI) and admins back up the whole installation. An admin's backup holds
 * everyone's private data, so it is written to everyone's "who read my data" first.
 */
async function allowBackup(ctx: ServiceContext): Promise<void> {
  const actor = actorOf(ctx);
  if (actor.kind === 'system') return;
  ensureAdmin(ctx, 'download a backup of the whole installation');
  const at = nowIso(ctx);
  const others = await listOtherPeopleIds(ctx.db, actor.id);
  await insertAuditRows(
    ctx.db,
    others.map((subjectId) => ({
      id: ctx.newId(),
      actor_id: actor.id,
      subject_id: subjectId,
      action: 'read',
      resource: BACKUP_AUDIT_RESOURCE,
      at,
    })),
  );
}

/** How an admin's backup reads in each member's audit log ("Admin read your …"). */
export const BACKUP_AUDIT_RESOURCE = 'data (a backup of the whole installation)';

/**
 * Everything in the database (framework versions, people, assessments, goals, journal) as one
 * document, for the system (`leadway export FILE`) and admins.
 */
export async function exportBackup(ctx: ServiceContext): Promise<BackupDocument> {
  await allowBackup(ctx);
  const tables = Object.fromEntries(BACKUP_TABLES.map((name) => [name, []])) as unknown as BackupDocument['tables'];
  await readTables(ctx, (name, rows) => {
    for (const row of rows) tables[name].push(row);
  });
  return { format: BACKUP_FORMAT, exportedAt: nowIso(ctx), tables };
}

/** A backup as JSON text: its date (for the file name) and the text's UTF-8 bytes in pieces, to send one after another. */
export interface BackupText {
  exportedAt: string;
  chunks: Buffer[];
}

/**
 * The same document as `exportBackup`, as JSON text for a download. Each page of rows becomes
 * UTF-8 bytes as soon as it is read, so memory holds about the file's size (a 2,000-person demo
 * organisation: 106 MB of bytes, where the rows as objects or the text as strings take ~155 MB of
 * heap), and the snapshot's transaction ends before the first byte is sent: a slow download never
 * holds the database.
 */
export async function exportBackupText(ctx: ServiceContext): Promise<BackupText> {
  await allowBackup(ctx);
  const exportedAt = nowIso(ctx);
  const chunks: Buffer[] = [
    Buffer.from(`{"format":${JSON.stringify(BACKUP_FORMAT)},"exportedAt":${JSON.stringify(exportedAt)},"tables":{`),
  ];
  let tableCount = 0;
  let rowsInTable = 0;
  await readTables(ctx, (name, rows, first) => {
    let text = '';
    if (first) {
      text = `${tableCount > 0 ? '],' : ''}${JSON.stringify(name)}:[`;
      tableCount += 1;
      rowsInTable = 0;
    }
    if (rows.length > 0) {
      text += `${rowsInTable > 0 ? ',' : ''}${rows.map((row) => JSON.stringify(row)).join(',')}`;
      rowsInTable += rows.length;
    }
    chunks.push(Buffer.from(text));
  });
  chunks.push(Buffer.from(tableCount > 0 ? ']}}' : '}}'));
  return { exportedAt, chunks };
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
  // Rows an older Leadway allowed and a later constraint refuses are tidied as the migrations did.
  upgradeBackupTables(backup.tables);
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
