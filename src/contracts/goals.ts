import { z } from 'zod';
import { GOAL_STATUSES } from '../domain/goals/progress.ts';
import { isIsoDate, VISIBILITIES } from '../domain/journal/journal.ts';
import { MAX_LENGTH } from './limits.ts';

/** A calendar date as YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD, e.g. 2026-11-20.')
  .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || isIsoDate(value), 'Pick a date that exists.');

const title = z.string().trim().min(1, 'required').max(MAX_LENGTH.goalTitle);

export const goalIdParams = z.object({ goalId: z.string().min(1).max(100) });
export const goalActionParams = z.object({ goalId: z.string().min(1).max(100), actionId: z.string().min(1).max(100) });

export const goalActionInput = z.strictObject({
  title: title.optional(),
  /** Pick a suggested action of the framework; its title is used when no title is given. */
  frameworkActionId: z.string().min(1).max(100).optional(),
  dueOn: isoDate.nullable().optional(),
});
export type GoalActionInput = z.infer<typeof goalActionInput>;

export const createGoalInput = z.strictObject({
  areaId: z.string().min(1).max(60),
  title,
  why: z.string().trim().max(MAX_LENGTH.goalText).default(''),
  successCriteria: z.string().trim().max(MAX_LENGTH.goalText).default(''),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(GOAL_STATUSES).default('active'),
  /** Who may see it besides you: private (default), mentor, manager, team. */
  visibility: z.enum(VISIBILITIES).default('private'),
  actions: z.array(goalActionInput).max(50).default([]),
});
export type CreateGoalInput = z.input<typeof createGoalInput>;

export const updateGoalInput = z.strictObject({
  title: title.optional(),
  why: z.string().trim().max(MAX_LENGTH.goalText).optional(),
  successCriteria: z.string().trim().max(MAX_LENGTH.goalText).optional(),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(GOAL_STATUSES).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
});
export type UpdateGoalInput = z.infer<typeof updateGoalInput>;

export const updateGoalActionInput = z.strictObject({
  title: title.optional(),
  dueOn: isoDate.nullable().optional(),
  done: z.boolean().optional(),
});
export type UpdateGoalActionInput = z.infer<typeof updateGoalActionInput>;

export const checkinInput = z.strictObject({
  note: z.string().trim().min(1, 'write a line about where the goal stands').max(MAX_LENGTH.checkinNote),
  confidence: z.number().int().min(1, 'from 1 (unlikely) to 5 (sure)').max(5, 'from 1 (unlikely) to 5 (sure)'),
});
export type CheckinInput = z.infer<typeof checkinInput>;

export const goalOutput = z.object({
  id: z.string(),
  personId: z.string(),
  areaId: z.string(),
  title: z.string(),
  why: z.string(),
  successCriteria: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  visibility: z.enum(VISIBILITIES),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      frameworkActionId: z.string().nullable(),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
      isOverdue: z.boolean(),
    }),
  ),
  checkins: z.array(z.object({ id: z.string(), note: z.string(), confidence: z.number(), createdAt: z.string() })),
  progress: z.object({
    percent: z.number(),
    actionsDone: z.number(),
    actionsTotal: z.number(),
    isOverdue: z.boolean(),
    overdueActions: z.number(),
  }),
  evidenceCount: z.number(),
});
export type GoalOutput = z.infer<typeof goalOutput>;

export const goalsQuery = z.object({
  status: z.enum([...GOAL_STATUSES, 'open', 'all']).default('all'),
  areaId: z.string().max(60).optional(),
});
export type GoalsQuery = z.input<typeof goalsQuery>;

export const goalsOutput = z.object({
  goals: z.array(goalOutput),
  byArea: z.array(
    z.object({
      areaId: z.string(),
      name: z.string(),
      open: z.number(),
      done: z.number(),
      overdue: z.number(),
      percent: z.number().nullable(),
    }),
  ),
});
export type GoalsOutput = z.infer<typeof goalsOutput>;
