import type {
  CheckinInput,
  CreateGoalInput,
  GoalActionInput,
  GoalOutput,
  GoalsOutput,
  UpdateGoalActionInput,
  UpdateGoalInput,
} from '../../contracts/goals.ts';
import { createGoalInput } from '../../contracts/goals.ts';
import {
  findGoalAction,
  findGoalRow,
  type GoalRow,
  insertCheckin,
  insertGoal,
  insertGoalAction,
  listGoalRows,
  updateGoalActionRow,
  updateGoalRow,
} from '../../db/repositories/goals.ts';
import { AppError, notFound, parseInput } from '../../domain/errors.ts';
import { findArea } from '../../domain/framework/framework.ts';
import type { Framework } from '../../domain/framework/schema.ts';
import { isOpenGoal } from '../../domain/goals/progress.ts';
import { presentGoal } from '../../presenters/goals.ts';
import { auditRead, ensureCanChange, ensureCanSee, readerScope } from '../access.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { getActiveFramework } from '../framework/active-framework.ts';
import { requirePerson } from '../people/people.ts';

/** Today's date (UTC) from the context clock, as YYYY-MM-DD. */
export function todayIso(ctx: ServiceContext): string {
  return nowIso(ctx).slice(0, 10);
}

function resolveActionTitle(
  framework: Framework,
  input: GoalActionInput,
  index: number,
): { title: string; frameworkActionId: string | null } {
  if (input.frameworkActionId) {
    const action = framework.areas.flatMap((a) => a.actions).find((a) => a.id === input.frameworkActionId);
    if (!action) {
      throw new AppError(
        'invalid',
        'VALIDATION_FAILED',
        `No suggested action "${input.frameworkActionId}" in the framework.`,
        {
          [`actions.${index}.frameworkActionId`]: 'unknown suggested action',
        },
      );
    }
    return { title: input.title ?? action.title, frameworkActionId: action.id };
  }
  if (!input.title) {
    throw new AppError('invalid', 'VALIDATION_FAILED', 'An action needs a title or a suggested action.', {
      [`actions.${index}.title`]: 'required',
    });
  }
  return { title: input.title, frameworkActionId: null };
}

/** Creates a goal in an area, with its first actions. */
export async function createGoal(
  ctx: ServiceContext,
  personId: string,
  rawInput: CreateGoalInput,
): Promise<GoalOutput> {
  const input = parseInput(createGoalInput, rawInput);
  await requirePerson(ctx, personId);
  await ensureCanChange(ctx, personId, 'goals');
  const { framework } = await getActiveFramework(ctx);
  try {
    findArea(framework, input.areaId);
  } catch (error) {
    throw new AppError('invalid', 'AREA_NOT_FOUND', (error as Error).message, { areaId: 'unknown area' });
  }
  const now = nowIso(ctx);
  const id = ctx.newId();
  const actions = input.actions.map((a, position) => {
    const resolved = resolveActionTitle(framework, a, position);
    return {
      id: ctx.newId(),
      goal_id: id,
      title: resolved.title,
      framework_action_id: resolved.frameworkActionId,
      due_on: a.dueOn ?? null,
      done_on: null,
      position,
      created_at: now,
    };
  });
  await insertGoal(
    ctx.db,
    {
      id,
      person_id: personId,
      area_id: input.areaId,
      title: input.title,
      why: input.why,
      success_criteria: input.successCriteria,
      due_on: input.dueOn ?? null,
      status: input.status,
      visibility: input.visibility,
      created_at: now,
      updated_at: now,
    },
    actions,
  );
  return getGoal(ctx, id);
}

/** The goal, when the acting person may change it; a goal they may not see answers as a missing one. */
async function goalToChange(ctx: ServiceContext, goalId: string): Promise<GoalRow> {
  const row = await findGoalRow(ctx.db, goalId);
  if (!row) throw notFound('goal', goalId);
  await ensureCanChange(ctx, row.person_id, 'goals', {
    visibility: row.visibility,
    hidden: () => notFound('goal', goalId),
  });
  return row;
}

/** One goal with actions, check-ins and progress. */
export async function getGoal(ctx: ServiceContext, goalId: string): Promise<GoalOutput> {
  const row = await findGoalRow(ctx.db, goalId);
  if (!row) throw notFound('goal', goalId);
  // A goal the reader may not see answers exactly as one that does not exist.
  const scope = await ensureCanSee(ctx, row.person_id, row.visibility, 'goals', () => notFound('goal', goalId));
  const [goal] = await listGoalRows(ctx.db, row.person_id, { ids: [goalId], visibilities: scope.visibilities });
  if (!goal) throw notFound('goal', goalId);
  return presentGoal(goal, todayIso(ctx));
}

/** A person's goals (filtered by status and area) and a per-area roll-up of all their goals. */
export async function listGoals(
  ctx: ServiceContext,
  personId: string,
  filter: { status?: string; areaId?: string | undefined } = {},
): Promise<GoalsOutput> {
  await requirePerson(ctx, personId);
  const { framework } = await getActiveFramework(ctx);
  const today = todayIso(ctx);
  // Goals, evidence counts and the roll-up are all computed over what this reader may see.
  const scope = await readerScope(ctx, personId);
  await auditRead(ctx, scope, 'goals');
  const all = (await listGoalRows(ctx.db, personId, { visibilities: scope.visibilities })).map((g) =>
    presentGoal(g, today),
  );
  const status = filter.status ?? 'all';
  const goals = all.filter(
    (g) =>
      (status === 'all' || (status === 'open' ? isOpenGoal(g.status) : g.status === status)) &&
      (!filter.areaId || g.areaId === filter.areaId),
  );
  const byArea = framework.areas.map((area) => {
    const mine = all.filter((g) => g.areaId === area.id && g.status !== 'dropped');
    return {
      areaId: area.id,
      name: area.name,
      open: mine.filter((g) => isOpenGoal(g.status)).length,
      done: mine.filter((g) => g.status === 'done').length,
      overdue: mine.filter((g) => g.progress.isOverdue).length,
      percent: mine.length === 0 ? null : Math.round(mine.reduce((s, g) => s + g.progress.percent, 0) / mine.length),
    };
  });
  return { goals, byArea };
}

/** Changes a goal's text, due date or status. */
export async function updateGoal(ctx: ServiceContext, goalId: string, input: UpdateGoalInput): Promise<GoalOutput> {
  await goalToChange(ctx, goalId);
  await updateGoalRow(ctx.db, goalId, {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.why !== undefined ? { why: input.why } : {}),
    ...(input.successCriteria !== undefined ? { success_criteria: input.successCriteria } : {}),
    ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
    updated_at: nowIso(ctx),
  });
  return getGoal(ctx, goalId);
}

/** Adds an action to a goal, written or picked from the framework's suggestions. */
export async function addGoalAction(ctx: ServiceContext, goalId: string, input: GoalActionInput): Promise<GoalOutput> {
  await goalToChange(ctx, goalId);
  const { framework } = await getActiveFramework(ctx);
  const resolved = resolveActionTitle(framework, input, 0);
  await insertGoalAction(ctx.db, {
    id: ctx.newId(),
    goal_id: goalId,
    title: resolved.title,
    framework_action_id: resolved.frameworkActionId,
    due_on: input.dueOn ?? null,
    done_on: null,
    created_at: nowIso(ctx),
  });
  await updateGoalRow(ctx.db, goalId, { updated_at: nowIso(ctx) });
  return getGoal(ctx, goalId);
}

/** Renames, re-dates, or marks a goal's action done (or not done). */
export async function updateGoalAction(
  ctx: ServiceContext,
  goalId: string,
  actionId: string,
  input: UpdateGoalActionInput,
): Promise<GoalOutput> {
  await goalToChange(ctx, goalId);
  const action = await findGoalAction(ctx.db, goalId, actionId);
  if (!action) throw notFound('goal action', actionId);
  await updateGoalActionRow(ctx.db, actionId, {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
    ...(input.done !== undefined ? { done_on: input.done ? (action.done_on ?? todayIso(ctx)) : null } : {}),
  });
  return getGoal(ctx, goalId);
}

/** Records a dated check-in on a goal: a note and a confidence from 1 to 5. */
export async function addCheckin(ctx: ServiceContext, goalId: string, input: CheckinInput): Promise<GoalOutput> {
  await goalToChange(ctx, goalId);
  await insertCheckin(ctx.db, {
    id: ctx.newId(),
    goal_id: goalId,
    note: input.note,
    confidence: input.confidence,
    created_at: nowIso(ctx),
  });
  return getGoal(ctx, goalId);
}
