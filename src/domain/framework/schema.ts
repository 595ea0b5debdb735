import { z } from 'zod';

/** The format tag every framework file carries; bumped only on an incompatible change. */
export const FRAMEWORK_FORMAT = 'leadway.framework/v1';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single dashes (e.g. "managing-up")');

const text = z.string().trim().min(1, 'must not be empty');

/** Levels run from 1 (just starting) to 4 (does it for others); every area has all four. */
const levelNumber = z.number().int().min(1).max(4);

/** One level of one area, described by what an observer would see the person do. */
export const frameworkLevelSchema = z.object({
  level: levelNumber,
  name: text.max(60),
  description: text.max(1000),
});

/** A small, concrete thing a person can do this week to move up in an area. */
export const frameworkActionSchema = z.object({
  id: slug,
  title: text.max(160),
  description: text.max(1000),
  /** The level this action helps a person reach (2 helps someone at 1 move to 2). */
  level: levelNumber,
});

export const frameworkAreaSchema = z.object({
  id: slug,
  name: text.max(80),
  description: text.max(1000),
  levels: z.array(frameworkLevelSchema).length(4, 'an area has exactly four levels'),
  actions: z.array(frameworkActionSchema).min(1, 'an area needs at least one suggested action'),
});

/** A seniority step on a track (e.g. "staff" on the IC track) with its per-area targets. */
export const frameworkStageSchema = z.object({
  id: slug,
  name: text.max(80),
  description: text.max(1000),
  /** Target level per area id; every area of the framework must have one. */
  targets: z.record(z.string(), levelNumber),
});

export const frameworkTrackSchema = z.object({
  id: slug,
  name: text.max(80),
  description: text.max(1000),
  stages: z.array(frameworkStageSchema).min(1),
});

/** One statement of the path reflection, answered on a 1–5 agree scale. */
export const reflectionQuestionSchema = z.object({
  id: slug,
  prompt: text.max(300),
  /** The track that agreeing with the statement points to. */
  leansTo: slug,
  /** How strongly this statement counts (1 = normal, 2 = strong signal, 3 = decisive). */
  weight: z.number().int().min(1).max(3),
  /** Why agreeing points to `leansTo`, shown when this answer drives the recommendation. */
  agreeReason: text.max(400),
  /** Why disagreeing points away from `leansTo`. */
  disagreeReason: text.max(400),
});

/** The framework document's shape, without the cross-reference checks (used for responses). */
export const frameworkObjectSchema = z.object({
  format: z.literal(FRAMEWORK_FORMAT),
  id: slug,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'use a semantic version such as "1.0.0"'),
  name: text.max(120),
  description: text.max(2000),
  areas: z.array(frameworkAreaSchema).min(1),
  tracks: z.array(frameworkTrackSchema).min(1),
  reflection: z.object({
    questions: z.array(reflectionQuestionSchema).min(1),
  }),
});

/** A framework file, fully validated: unique ids, ordered levels, a target for every area. */
export const frameworkSchema = frameworkObjectSchema.superRefine((fw, ctx) => {
  const areaIds = new Set<string>();
  const actionIds = new Set<string>();
  fw.areas.forEach((area, a) => {
    if (areaIds.has(area.id)) {
      ctx.addIssue({ code: 'custom', path: ['areas', a, 'id'], message: `area id "${area.id}" is used twice` });
    }
    areaIds.add(area.id);
    area.levels.forEach((lvl, l) => {
      if (lvl.level !== l + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['areas', a, 'levels', l, 'level'],
          message: `levels must be listed in order 1, 2, 3, 4; found ${lvl.level} in position ${l + 1}`,
        });
      }
    });
    area.actions.forEach((action, i) => {
      if (actionIds.has(action.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['areas', a, 'actions', i, 'id'],
          message: `action id "${action.id}" is used twice`,
        });
      }
      actionIds.add(action.id);
    });
  });
  const trackIds = new Set<string>();
  fw.tracks.forEach((track, t) => {
    if (trackIds.has(track.id)) {
      ctx.addIssue({ code: 'custom', path: ['tracks', t, 'id'], message: `track id "${track.id}" is used twice` });
    }
    trackIds.add(track.id);
    const stageIds = new Set<string>();
    track.stages.forEach((stage, s) => {
      if (stageIds.has(stage.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tracks', t, 'stages', s, 'id'],
          message: `stage id "${stage.id}" is used twice in track "${track.id}"`,
        });
      }
      stageIds.add(stage.id);
      for (const areaId of Object.keys(stage.targets)) {
        if (!areaIds.has(areaId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['tracks', t, 'stages', s, 'targets', areaId],
            message: `target names unknown area "${areaId}"`,
          });
        }
      }
      for (const areaId of areaIds) {
        if (!(areaId in stage.targets)) {
          ctx.addIssue({
            code: 'custom',
            path: ['tracks', t, 'stages', s, 'targets'],
            message: `missing a target level for area "${areaId}"`,
          });
        }
      }
    });
  });
  const questionIds = new Set<string>();
  fw.reflection.questions.forEach((q, i) => {
    if (questionIds.has(q.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reflection', 'questions', i, 'id'],
        message: `question id "${q.id}" is used twice`,
      });
    }
    questionIds.add(q.id);
    if (!trackIds.has(q.leansTo)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reflection', 'questions', i, 'leansTo'],
        message: `leansTo names unknown track "${q.leansTo}"`,
      });
    }
  });
});

/** A framework as installed: the parsed, validated content of a framework file. */
export type Framework = z.infer<typeof frameworkSchema>;
export type FrameworkArea = z.infer<typeof frameworkAreaSchema>;
export type FrameworkAction = z.infer<typeof frameworkActionSchema>;
export type FrameworkTrack = z.infer<typeof frameworkTrackSchema>;
export type FrameworkStage = z.infer<typeof frameworkStageSchema>;
export type ReflectionQuestion = z.infer<typeof reflectionQuestionSchema>;
