import { z } from 'zod';
import { RATER_RELATIONS } from '../domain/rounds/results.ts';
import { MAX_LENGTH } from './limits.ts';

/**
 * 360 rounds. The two request bodies are validated by the services with `parseInput` (the routes
 * only document them), as they were before they moved here.
 */

export const roundIdParams = z.object({ roundId: z.string().min(1).max(100) });

/** Opening a round: whom to invite, and as what. */
export const openRoundInput = z.strictObject({
  raters: z
    .array(z.strictObject({ personId: z.string().min(1).max(100), relation: z.enum(RATER_RELATIONS) }))
    .min(1, 'invite at least one rater')
    .max(30),
});
export type OpenRoundInput = z.input<typeof openRoundInput>;

/** A rater's answer: a level (and comment) per area. */
export const rateInput = z.strictObject({
  ratings: z
    .array(
      z.strictObject({
        areaId: z.string().min(1).max(60),
        level: z.number().int().min(1, 'levels run from 1 to 4').max(4, 'levels run from 1 to 4'),
        comment: z.string().trim().max(MAX_LENGTH.ratingComment).default(''),
      }),
    )
    .min(1)
    .max(100),
});
export type RateInput = z.input<typeof rateInput>;

/** A round just opened. */
export const openedRoundOutput = z.object({
  id: z.string(),
  personId: z.string(),
  createdAt: z.string(),
  raters: z.number(),
});
export type OpenedRoundOutput = z.infer<typeof openedRoundOutput>;

/** An answer recorded: the round, and the rater's assessment holding it. */
export const ratingSubmittedOutput = z.object({ roundId: z.string(), assessmentId: z.string() });
export type RatingSubmittedOutput = z.infer<typeof ratingSubmittedOutput>;

/** A round someone has been asked to rate in. */
export const ratingRequestOutput = z.object({
  roundId: z.string(),
  relation: z.string(),
  personId: z.string(),
  personName: z.string(),
  invitedAt: z.string(),
});
export type RatingRequestOutput = z.infer<typeof ratingRequestOutput>;

const levelsByArea = z.record(z.string(), z.number());
const averageByArea = z.record(z.string(), z.number().nullable());

/**
 * A round as the person rated sees it: who was invited (peers unnamed), their own view and target,
 * named answers of mentors and manager, peers only as an average of three or more, blind spots.
 */
export const roundOutput = z.object({
  id: z.string(),
  createdAt: z.string(),
  invited: z.array(z.object({ relation: z.string(), name: z.string().nullable(), answered: z.boolean() })),
  areas: z.array(z.object({ id: z.string(), name: z.string() })),
  self: levelsByArea.nullable(),
  target: levelsByArea.nullable(),
  named: z.array(
    z.object({
      relation: z.enum(RATER_RELATIONS),
      raterName: z.string(),
      levels: levelsByArea,
      comments: z.record(z.string(), z.string()),
    }),
  ),
  peers: z.object({ answered: z.number(), shown: z.boolean(), average: averageByArea.nullable() }),
  others: averageByArea,
  blindSpots: z.array(
    z.object({
      areaId: z.string(),
      self: z.number(),
      others: z.number(),
      /** "over": the person rates themself higher than others do; "under": lower. */
      direction: z.enum(['over', 'under']),
    }),
  ),
});
export type RoundOutput = z.infer<typeof roundOutput>;
