/**
 * A backup made by an older Leadway holds data that later migrations tidied up before adding a
 * constraint. A restore inserts rows into the current schema, so it applies the same tidying to
 * the rows first; otherwise the new constraint refuses the whole restore. Each step mirrors its
 * migration and does nothing to a backup made after it.
 */

type Row = Record<string, unknown>;

/** The tables the steps below read and change. */
export interface UpgradableTables {
  people: Row[];
  person_emails: Row[];
  invitations: Row[];
  assessments: Row[];
  assessment_ratings: Row[];
  round_raters: Row[];
}

/** Orders rows as the migrations do: earliest `created_at` first, then smallest id. */
function earlier(a: Row, b: Row): number {
  const at = String(a.created_at ?? '').localeCompare(String(b.created_at ?? ''));
  return at !== 0 ? at : String(a.id ?? '').localeCompare(String(b.id ?? ''));
}

/**
 * Migration 0006: a rater answers a round once. Of answers stored twice, the first is kept (and
 * each invitation points at it); the others go with their ratings.
 */
function oneAnswerPerRater(tables: UpgradableTables): void {
  const kept = new Map<string, Row>();
  const dropped = new Set<unknown>();
  for (const answer of [...tables.assessments].sort(earlier)) {
    if (answer.round_id === null || answer.round_id === undefined) continue;
    const key = JSON.stringify([answer.round_id, answer.rater_id]);
    if (kept.has(key)) dropped.add(answer.id);
    else kept.set(key, answer);
  }
  if (dropped.size === 0) return;
  tables.assessments = tables.assessments.filter((a) => !dropped.has(a.id));
  tables.assessment_ratings = tables.assessment_ratings.filter((r) => !dropped.has(r.assessment_id));
  tables.round_raters = tables.round_raters.map((rater) => {
    if (!dropped.has(rater.assessment_id)) return rater;
    const answer = kept.get(JSON.stringify([rater.round_id, rater.rater_id]));
    return { ...rater, assessment_id: answer?.id ?? null };
  });
}

/**
 * Migration 0007: an address has at most one pending invitation, and none once it has an account.
 * Left-over pending invitations are revoked (at their creation time): all but the newest per
 * address, and every one for an address that belongs to somebody.
 */
function onePendingInvitation(tables: UpgradableTables): void {
  const taken = new Set<unknown>([...tables.people.map((p) => p.email), ...tables.person_emails.map((e) => e.email)]);
  const isPending = (i: Row) => (i.used_at ?? null) === null && (i.revoked_at ?? null) === null;
  const newest = new Map<unknown, Row>();
  for (const invitation of tables.invitations.filter(isPending)) {
    const current = newest.get(invitation.email);
    if (!current || earlier(current, invitation) < 0) newest.set(invitation.email, invitation);
  }
  tables.invitations = tables.invitations.map((invitation) => {
    if (!isPending(invitation)) return invitation;
    const revoke = taken.has(invitation.email) || newest.get(invitation.email) !== invitation;
    return revoke ? { ...invitation, revoked_at: invitation.created_at } : invitation;
  });
}

/** Brings an older backup's rows up to the current constraints (in place). */
export function upgradeBackupTables(tables: UpgradableTables): void {
  oneAnswerPerRater(tables);
  onePendingInvitation(tables);
}
