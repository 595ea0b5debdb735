import type { Kysely, Selectable } from 'kysely';
import type { ActionStatesTable, Database } from '../schema.ts';

export type ActionStateRow = Selectable<ActionStatesTable>;

/** A person's done and dismissed actions. */
export function listActionStates(db: Kysely<Database>, personId: string): Promise<ActionStateRow[]> {
  return db.selectFrom('action_states').selectAll().where('person_id', '=', personId).execute();
}

/** Records done/dismissed for an action, replacing any earlier state. */
export async function upsertActionState(db: Kysely<Database>, row: ActionStateRow): Promise<void> {
  await db
    .insertInto('action_states')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['person_id', 'action_id']).doUpdateSet({ state: row.state, updated_at: row.updated_at }),
    )
    .execute();
}

/** Forgets an action's state so it can be suggested again. */
export async function deleteActionState(db: Kysely<Database>, personId: string, actionId: string): Promise<void> {
  await db.deleteFrom('action_states').where('person_id', '=', personId).where('action_id', '=', actionId).execute();
}
