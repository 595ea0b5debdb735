import type { EntryOutput } from '../contracts/journal.ts';
import type { EntryWithParts } from '../db/repositories/journal.ts';
import { canSee, type Relation } from '../domain/access/policy.ts';
import { renderMarkdown } from './markdown.ts';

/**
 * The entry as it leaves the server, with its Markdown rendered safely. The goal it is linked to
 * is named only to readers who may see that goal (`reader` absent: the owner's own view).
 */
export function presentEntry(row: EntryWithParts, reader?: { relation: Relation }): EntryOutput {
  const showGoal = !reader || row.goal_visibility === null || canSee(reader.relation, row.goal_visibility);
  return {
    id: row.id,
    personId: row.person_id,
    occurredOn: row.occurred_on,
    title: row.title,
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    areas: row.areas,
    kind: row.kind as EntryOutput['kind'],
    source: row.source,
    links: row.links,
    visibility: row.visibility as EntryOutput['visibility'],
    goalId: showGoal ? row.goal_id : null,
    goalActionId: showGoal ? row.goal_action_id : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
