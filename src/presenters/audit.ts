import type { AuditLineOutput } from '../contracts/audit.ts';
import type { AuditLineRow } from '../db/repositories/audit.ts';

/** An audit line for the person whose data it is about. */
export function presentAuditLine(row: AuditLineRow): AuditLineOutput {
  return {
    id: row.id,
    who: row.actor_name ?? 'someone removed',
    whoId: row.actor_id,
    action: row.action,
    resource: row.resource,
    at: row.at,
  };
}
