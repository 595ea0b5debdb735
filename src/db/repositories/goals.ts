import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, GoalActionsTable, GoalCheckinsTable, GoalsTable } from '../schema.ts';

export type GoalRow = Selectable<GoalsTable>;
export type GoalActionRow = Selectable<GoalActionsTable>;
export type GoalCheckinRow = Selectable<GoalCheckinsTable>;

/** A goal with its actions (in order) and check-ins (newest first). */
export interface GoalWithParts extends GoalRow {
  actions: GoalActionRow[];
  checkins: GoalCheckinRow[];
  evidenceCount: number;
}

/** Stores a goal and its first actions atomically. */
export async function insertGoal(
  db: Kysely<Database>,
  goal: Insertable<GoalsTable>,
  actions: GoalActionRow[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('goals').values(goal).execute();
    if (actions.length > 0) await trx.insertInto('goal_actions').values(actions).execute();
  });
}

/** Changes the given columns of a goal. */
export async function updateGoalRow(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Omit<GoalRow, 'id'>>,
): Promise<void> {
  await db.updateTable('goals').set(patch).where('id', '=', id).execute();
}

/** One goal, without its parts. */
export function findGoalRow(db: Kysely<Database>, id: string): Promise<GoalRow | undefined> {
  return db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A person's goals with actions, check-ins and how many journal entries point at each; with
 * `visibilities`, only goals and entries of those visibilities (what one reader may see).
 */
export async function listGoalRows(
  db: Kysely<Database>,
  personId: string,
  filter: { statuses?: string[]; areaId?: string; ids?: string[]; visibilities?: string[] | undefined } = {},
): Promise<GoalWithParts[]> {
  let query = db.selectFrom('goals').selectAll().where('person_id', '=', personId);
  // Only goals of these visibilities, and evidence counted over entries of these visibilities.
  const { visibilities } = filter;
  if (visibilities) query = query.where('visibility', 'in', visibilities.length > 0 ? visibilities : ['']);
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  if (filter.areaId) query = query.where('area_id', '=', filter.areaId);
  if (filter.ids) query = query.where('id', 'in', filter.ids);
  const goals = await query.orderBy('created_at').orderBy('id').execute();
  if (goals.length === 0) return [];
  const ids = goals.map((g) => g.id);
  const [actions, checkins, evidence] = await Promise.all([
    db.selectFrom('goal_actions').selectAll().where('goal_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('goal_checkins').selectAll().where('goal_id', 'in', ids).orderBy('created_at', 'desc').execute(),
    db
      .selectFrom('journal_entries')
      .select(['goal_id'])
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('goal_id', 'in', ids)
      .$if(visibilities !== undefined, (q) =>
        q.where('visibility', 'in', visibilities && visibilities.length > 0 ? visibilities : ['']),
      )
      .groupBy('goal_id')
      .execute(),
  ]);
  const evidenceByGoal = new Map(evidence.map((e) => [e.goal_id, Number(e.n)]));
  return goals.map((g) => ({
    ...g,
    actions: actions.filter((a) => a.goal_id === g.id).map((a) => ({ ...a, position: Number(a.position) })),
    checkins: checkins.filter((c) => c.goal_id === g.id).map((c) => ({ ...c, confidence: Number(c.confidence) })),
    evidenceCount: evidenceByGoal.get(g.id) ?? 0,
  }));
}

/** Appends an action to a goal (after its last one). */
export async function insertGoalAction(db: Kysely<Database>, row: Omit<GoalActionRow, 'position'>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const top = await trx
      .selectFrom('goal_actions')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('goal_id', '=', row.goal_id)
      .executeTakeFirst();
    await trx
      .insertInto('goal_actions')
      .values({ ...row, position: Number(top?.max ?? -1) + 1 })
      .execute();
  });
}

/** An action by its id, wherever it belongs (its goal_id says where). */
export function findGoalActionById(db: Kysely<Database>, actionId: string): Promise<GoalActionRow | undefined> {
  return db.selectFrom('goal_actions').selectAll().where('id', '=', actionId).executeTakeFirst();
}

/** An action of one goal. */
export function findGoalAction(
  db: Kysely<Database>,
  goalId: string,
  actionId: string,
): Promise<GoalActionRow | undefined> {
  return db
    .selectFrom('goal_actions')
    .selectAll()
    .where('goal_id', '=', goalId)
    .where('id', '=', actionId)
    .executeTakeFirst();
}

/** Changes the given columns of a goal's action. */
export async function updateGoalActionRow(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Omit<GoalActionRow, 'id' | 'goal_id'>>,
): Promise<void> {
  // An empty change is a no-op (SQL has no "update … set" without columns).
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('goal_actions').set(patch).where('id', '=', id).execute();
}

/** Stores a check-in on a goal. */
export async function insertCheckin(db: Kysely<Database>, row: GoalCheckinRow): Promise<void> {
  await db.insertInto('goal_checkins').values(row).execute();
}
