import { z } from 'zod';
import { personOutput } from './index.ts';

const evidenceItem = z.object({
  id: z.string(),
  title: z.string(),
  occurredOn: z.string(),
  kind: z.string(),
  areas: z.array(z.string()),
  hasGoal: z.boolean(),
  links: z.array(z.string()),
});

/** The readiness report as the API returns it (GET /api/people/:id/readiness). */
export const readinessOutput = z.object({
  person: personOutput,
  track: z.object({ id: z.string(), name: z.string() }).nullable(),
  stage: z.object({ id: z.string(), name: z.string() }).nullable(),
  frameworkVersion: z.string(),
  assessedAt: z.string().nullable(),
  generatedOn: z.string(),
  since90Days: z.string(),
  areas: z.array(
    z.object({
      areaId: z.string(),
      name: z.string(),
      current: z.number().nullable(),
      target: z.number().nullable(),
      gap: z.number().nullable(),
      verdict: z.enum(['meets', 'below', 'not-assessed', 'no-target']),
      evidence: z.object({ last90Days: z.number(), allTime: z.number(), strongest: z.array(evidenceItem) }),
      openGoals: z.array(
        z.object({
          id: z.string(),
          areaId: z.string(),
          title: z.string(),
          dueOn: z.string().nullable(),
          percent: z.number(),
          isOverdue: z.boolean(),
        }),
      ),
      nextActions: z.array(z.object({ id: z.string(), areaId: z.string(), title: z.string() })),
    }),
  ),
  overall: z.object({
    verdict: z.enum(['ready', 'nearly', 'not-yet', 'unknown']),
    areasMeetingTarget: z.number(),
    areasAssessed: z.number(),
    areasTotal: z.number(),
    totalGap: z.number(),
    largestGap: z.number(),
    evidenceLast90Days: z.number(),
    areasWithoutRecentEvidence: z.array(z.string()),
    working: z.array(z.string()),
  }),
});
export type ReadinessOutput = z.infer<typeof readinessOutput>;
