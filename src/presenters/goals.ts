import type { GoalOutput } from '../contracts/goals.ts';
import type { GoalWithParts } from '../db/repositories/goals.ts';
import { goalProgress, isOpenGoal } from '../domain/goals/progress.ts';

/** Turns a goal row with its parts into the API shape, with progress as of `today`. */
export function presentGoal(goal: GoalWithParts, today: string): GoalOutput {
  const open = isOpenGoal(goal.status);
  return {
    id: goal.id,
    personId: goal.person_id,
    areaId: goal.area_id,
    title: goal.title,
    why: goal.why,
    successCriteria: goal.success_criteria,
    dueOn: goal.due_on,
    status: goal.status as GoalOutput['status'],
    visibility: goal.visibility as GoalOutput['visibility'],
    createdAt: goal.created_at,
    updatedAt: goal.updated_at,
    actions: goal.actions.map((a) => ({
      id: a.id,
      title: a.title,
      frameworkActionId: a.framework_action_id,
      dueOn: a.due_on,
      doneOn: a.done_on,
      isOverdue: open && !a.done_on && a.due_on !== null && a.due_on < today,
    })),
    checkins: goal.checkins.map((c) => ({ id: c.id, note: c.note, confidence: c.confidence, createdAt: c.created_at })),
    progress: goalProgress(goal, goal.actions, today),
    evidenceCount: goal.evidenceCount,
  };
}
