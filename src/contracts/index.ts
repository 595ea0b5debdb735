import { z } from 'zod';
import { frameworkObjectSchema } from '../domain/framework/schema.ts';
import { MAX_LENGTH } from './limits.ts';
// Refused values in plain words, everywhere zod is used (API, services, CLI).
import './messages.ts';

/**
 * Request and response schemas shared by the server (validation + OpenAPI), the web app and the CLI.
 * Inputs are strict: unknown fields are rejected so a typo never silently loses data.
 */

const id = z.string().min(1).max(100);

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

/** An answer without a body (204). */
export const noContent = z.undefined().meta({ description: 'Done; no body' });
export type NoContent = z.infer<typeof noContent>;

/** The server is up. */
export const healthOutput = z.object({ status: z.literal('ok') });
export type HealthOutput = z.infer<typeof healthOutput>;

/** An email address, trimmed and lower-cased. */
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      // The wording is for a malformed address; a too-long one gets the usual "At most 254 characters.".
      .email({
        error: (issue) =>
          (issue.code as string) === 'too_big' ? undefined : 'must be an email address such as ada@example.com',
      })
      .max(MAX_LENGTH.email),
  );

export const personIdParams = z.object({ personId: id });
export const assessmentIdParams = z.object({ assessmentId: id });
export const actionParams = z.object({ personId: id, actionId: id });

const name = z.string().trim().min(1, 'required').max(MAX_LENGTH.personName);

export const createPersonInput = z.strictObject({
  name,
  email: emailAddress,
  roleTitle: z.string().trim().min(1, 'required').max(MAX_LENGTH.roleTitle),
  team: z.string().trim().max(MAX_LENGTH.team).optional(),
});
export type CreatePersonInput = z.infer<typeof createPersonInput>;

export const updatePersonInput = z.strictObject({
  name: name.optional(),
  roleTitle: z.string().trim().min(1).max(MAX_LENGTH.roleTitle).optional(),
  team: z.string().trim().max(MAX_LENGTH.team).nullable().optional(),
  track: z.string().min(1).max(60).optional(),
  stage: z.string().min(1).max(60).optional(),
  /** Admins only: the person's manager (null for none). */
  managerId: z.string().min(1).max(100).nullable().optional(),
  /** Admins only: the person's mentors (replaces the list). */
  mentorIds: z.array(z.string().min(1).max(100)).max(20).optional(),
  /** Admins only. */
  isAdmin: z.boolean().optional(),
});
export type UpdatePersonInput = z.infer<typeof updatePersonInput>;

export const personOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roleTitle: z.string(),
  team: z.string().nullable(),
  track: z.string().nullable(),
  stage: z.string().nullable(),
  isAdmin: z.boolean(),
  managerId: z.string().nullable(),
  mentorIds: z.array(z.string()),
  createdAt: z.string(),
});
export type PersonOutput = z.infer<typeof personOutput>;

export const frameworkOutput = frameworkObjectSchema.extend({
  installedId: z.string(),
  installedAt: z.string(),
});
export type FrameworkOutput = z.infer<typeof frameworkOutput>;

export const frameworkImportResult = z.object({
  status: z.enum(['installed', 'reactivated', 'unchanged']),
  id: z.string(),
  version: z.string(),
  name: z.string(),
  message: z.string(),
});
export type FrameworkImportResult = z.infer<typeof frameworkImportResult>;

const answer = z.number().int().min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5');

export const recommendationInput = z.strictObject({
  answers: z.record(z.string(), answer),
});
export type RecommendationInput = z.input<typeof recommendationInput>;

const reasonOutput = z.object({
  questionId: z.string(),
  prompt: z.string(),
  answer: z.number(),
  points: z.number(),
  pointsTo: z.string(),
  explanation: z.string(),
});

export const recommendationOutput = z.object({
  recommendedTrack: z.string(),
  strength: z.enum(['clear', 'leaning', 'balanced']),
  scores: z.record(z.string(), z.number()),
  reasons: z.array(reasonOutput),
  counterpoints: z.array(reasonOutput),
});
export type RecommendationOutput = z.infer<typeof recommendationOutput>;

export const recordReflectionInput = z.strictObject({
  answers: z.record(z.string(), answer),
  /** The track the person chooses; defaults to the recommended one. */
  chosenTrack: z.string().min(1).max(60).optional(),
  /** Target stage on the chosen track; defaults to its first stage. */
  chosenStage: z.string().min(1).max(60).optional(),
  why: z
    .string()
    .trim()
    .min(1, 'say in a sentence or two why this path, in your own words')
    .max(MAX_LENGTH.reflectionWhy),
});
export type RecordReflectionInput = z.infer<typeof recordReflectionInput>;

export const reflectionOutput = recommendationOutput.extend({
  id: z.string(),
  personId: z.string(),
  answers: z.record(z.string(), z.number()),
  chosenTrack: z.string(),
  chosenStage: z.string(),
  why: z.string(),
  createdAt: z.string(),
});
export type ReflectionOutput = z.infer<typeof reflectionOutput>;

export const ratingInput = z.strictObject({
  areaId: z.string().min(1).max(60),
  level: z.number().int().min(1, 'levels run from 1 to 4').max(4, 'levels run from 1 to 4'),
  comment: z.string().trim().max(MAX_LENGTH.ratingComment).default(''),
});

export const submitAssessmentInput = z.strictObject({
  ratings: z.array(ratingInput).min(1).max(100),
  /** Fill areas left out of `ratings` from the latest assessment instead of refusing. */
  carryForward: z.boolean().default(false),
  /** Who may see it besides you: private (default), mentor, manager, team. */
  visibility: z.enum(['private', 'mentor', 'manager', 'team']).default('private'),
});
export type SubmitAssessmentInput = z.input<typeof submitAssessmentInput>;

export const assessmentOutput = z.object({
  id: z.string(),
  personId: z.string(),
  kind: z.string(),
  frameworkVersion: z.string(),
  visibility: z.string(),
  track: z.string().nullable(),
  stage: z.string().nullable(),
  createdAt: z.string(),
  ratings: z.array(z.object({ areaId: z.string(), level: z.number(), comment: z.string() })),
});
export type AssessmentOutput = z.infer<typeof assessmentOutput>;

export const standingOutput = z.object({
  person: personOutput,
  frameworkVersion: z.string(),
  track: z.object({ id: z.string(), name: z.string() }).nullable(),
  stage: z.object({ id: z.string(), name: z.string() }).nullable(),
  assessedAt: z.string().nullable(),
  previousAssessedAt: z.string().nullable(),
  areas: z.array(
    z.object({
      areaId: z.string(),
      name: z.string(),
      current: z.number().nullable(),
      comment: z.string(),
      previous: z.number().nullable(),
      target: z.number().nullable(),
      gap: z.number().nullable(),
    }),
  ),
});
export type StandingOutput = z.infer<typeof standingOutput>;

export const nextActionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(20).default(3),
});

export const nextActionsOutput = z.object({
  /** What the person must do before actions can be proposed, if anything. */
  needs: z.enum(['path', 'assessment']).nullable(),
  actions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      level: z.number(),
      areaId: z.string(),
      areaName: z.string(),
      currentLevel: z.number(),
      targetLevel: z.number(),
      gap: z.number(),
      reason: z.string(),
    }),
  ),
  done: z.number(),
  dismissed: z.number(),
});
export type NextActionsOutput = z.infer<typeof nextActionsOutput>;

export const setActionStateInput = z.strictObject({
  state: z.enum(['done', 'dismissed', 'open']),
});
export type SetActionStateInput = z.infer<typeof setActionStateInput>;

export const actionStateOutput = z.object({
  actionId: z.string(),
  state: z.enum(['done', 'dismissed', 'open']),
  updatedAt: z.string(),
});
export type ActionStateOutput = z.infer<typeof actionStateOutput>;
