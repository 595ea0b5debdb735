/** Goal statuses; done and dropped goals are closed. */
export const GOAL_STATUSES = ['planned', 'active', 'done', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Whether a goal is still being worked on (not done or dropped). */
export function isOpenGoal(status: string): boolean {
  return status === 'planned' || status === 'active';
}

/** The progress of one goal as a person reads it. */
export interface GoalProgress {
  /** 0–100: share of actions done; 100 for a done goal; 0 for an open goal without actions. */
  percent: number;
  actionsDone: number;
  actionsTotal: number;
  /** Open goal past its due date. */
  isOverdue: boolean;
  /** Open actions past their due date (only counted while the goal is open). */
  overdueActions: number;
}

/**
 * Progress of a goal from its actions. `today` is YYYY-MM-DD; a date equal to today is not
 * overdue yet.
 */
export function goalProgress(
  goal: { status: string; due_on: string | null },
  actions: ReadonlyArray<{ due_on: string | null; done_on: string | null }>,
  today: string,
): GoalProgress {
  const open = isOpenGoal(goal.status);
  const actionsDone = actions.filter((a) => a.done_on).length;
  const percent =
    goal.status === 'done' ? 100 : actions.length === 0 ? 0 : Math.round((100 * actionsDone) / actions.length);
  return {
    percent,
    actionsDone,
    actionsTotal: actions.length,
    isOverdue: open && goal.due_on !== null && goal.due_on < today,
    overdueActions: open ? actions.filter((a) => !a.done_on && a.due_on !== null && a.due_on < today).length : 0,
  };
}
