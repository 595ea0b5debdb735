import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../schema.ts';

/** One recorded read or change of someone's data by someone else. */
export type AuditRow = Selectable<AuditLogTable>;

/** An audit line with the name of whoever acted (null when that person was removed). */
export type AuditLineRow = Omit<AuditRow, 'subject_id'> & { actor_name: string | null };

/** Records a read or change. */
export async function insertAuditRow(db: Kysely<Database>, row: AuditRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Records several reads or changes in one statement (one commit). */
export async function insertAuditRows(db: Kysely<Database>, rows: AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('audit_log')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Who read or changed a person's data, newest first: at most `limit` lines, or all of them. */
export function listAuditLinesAbout(db: Kysely<Database>, subjectId: string, limit?: number): Promise<AuditLineRow[]> {
  const query = db
    .selectFrom('audit_log')
    .leftJoin('people', 'people.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.resource',
      'audit_log.at',
      'audit_log.actor_id',
      'people.name as actor_name',
    ])
    .where('audit_log.subject_id', '=', subjectId)
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc');
  return (limit === undefined ? query : query.limit(limit)).execute();
}
