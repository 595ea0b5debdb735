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

/** Readiness against another target than the person's own track and stage. */
export const readinessQuery = z.object({
  track: z.string().min(1).max(60).optional(),
  stage: z.string().min(1).max(60).optional(),
});
export type ReadinessQuery = z.input<typeof readinessQuery>;

/** The formats the readiness report downloads as. */
export const READINESS_FORMATS = ['md', 'html', 'pdf'] as const;
export const readinessExportQuery = readinessQuery.extend({ format: z.enum(READINESS_FORMATS).default('pdf') });
export type ReadinessExportQuery = z.input<typeof readinessExportQuery>;

/**
 * The readiness report as a file (`Content-Disposition: attachment`): Markdown and HTML as text,
 * PDF as bytes. Sent as they are, never serialised as JSON.
 */
export const readinessExportOutput = {
  description:
    'The report as a file to save (Content-Disposition: attachment; filename="leadway-readiness-DATE.FORMAT")',
  content: {
    'text/markdown': { schema: z.string().meta({ description: 'format=md' }) },
    'text/html': { schema: z.string().meta({ description: 'format=html: a standalone page' }) },
    'application/pdf': {
      schema: z
        .custom<Uint8Array>((value) => value instanceof Uint8Array)
        .meta({ type: 'string', format: 'binary', description: 'format=pdf' }),
    },
  },
};

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
