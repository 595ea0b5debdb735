import { z } from 'zod';
import { auditLineOutput } from './audit.ts';
import { apiTokenOutput } from './auth.ts';
import { goalOutput } from './goals.ts';
import { actionStateOutput, assessmentOutput, personOutput, reflectionOutput } from './index.ts';
import { entryOutput } from './journal.ts';
import { emailsOutput } from './people.ts';
import { roundOutput } from './rounds.ts';

/** The format tag of a person's own data; bumped only on an incompatible change. */
export const PERSONAL_DATA_FORMAT = 'leadway.personal-data/v1';

/** One journal entry as a person downloads it: the Markdown text, not its rendering. */
export const exportedEntry = entryOutput.omit({ personId: true, bodyHtml: true });
export type ExportedEntry = z.infer<typeof exportedEntry>;

/** A 360 answer the person gave about someone else (only its rater ever reads it alone). */
export const givenRating = z.object({
  roundId: z.string(),
  personId: z.string(),
  personName: z.string().nullable(),
  relation: z.string(),
  answeredAt: z.string(),
  ratings: z.array(z.object({ areaId: z.string(), level: z.number(), comment: z.string() })),
});
export type GivenRating = z.infer<typeof givenRating>;

/** One commit (or trailer) of a git repository credited to the person. */
export const exportedCredit = z.object({
  repository: z.string(),
  sha: z.string(),
  kind: z.string(),
  helpedEmail: z.string().nullable(),
  occurredOn: z.string(),
  subject: z.string(),
});
export type ExportedCredit = z.infer<typeof exportedCredit>;

/**
 * Everything about one person that they can see, as one JSON document (GET
 * /api/people/:personId/export): profile, email addresses, self-assessments, path reflections,
 * next-action choices, goals with actions and check-ins, the whole journal, the 360 rounds they
 * opened (results as they see them) and the answers they gave in others' rounds, git credits, their
 * API tokens (never a secret) and who read or changed their data. Streamed: the journal comes last.
 */
export const personalDataOutput = z.object({
  format: z.literal(PERSONAL_DATA_FORMAT),
  exportedAt: z.string(),
  person: personOutput,
  emails: emailsOutput,
  assessments: z.array(assessmentOutput),
  reflections: z.array(reflectionOutput),
  actionStates: z.array(actionStateOutput),
  goals: z.array(goalOutput),
  rounds: z.array(roundOutput),
  ratingsGiven: z.array(givenRating),
  git: z.object({ credits: z.array(exportedCredit) }),
  apiTokens: z.array(apiTokenOutput),
  accessLog: z.array(auditLineOutput),
  journal: z.array(exportedEntry),
});
export type PersonalDataOutput = z.infer<typeof personalDataOutput>;

/** The journal file formats a person can download: exactly what the journal import reads. */
export const JOURNAL_EXPORT_FORMATS = ['csv', 'markdown'] as const;
export type JournalExportFormat = (typeof JOURNAL_EXPORT_FORMATS)[number];

export const journalExportQuery = z.object({ format: z.enum(JOURNAL_EXPORT_FORMATS).default('csv') });
export type JournalExportQuery = z.input<typeof journalExportQuery>;

/** A person's own data as a file to save (GET /api/people/:personId/export). */
export const personalDataDownload = {
  description:
    'Your own data as a file to save (Content-Disposition: attachment; filename="leadway-my-data-DATE.json")',
  content: { 'application/json': { schema: personalDataOutput } },
};

/** A person's journal as a file to save, in a format the journal import reads back. */
export const journalDownload = {
  description:
    'The whole journal as a file to save (Content-Disposition: attachment): format=csv one row per entry (the import’s columns); format=markdown a .zip holding one Markdown file with front matter per entry',
  content: {
    'text/csv': { schema: z.string().meta({ description: 'format=csv' }) },
    'application/zip': {
      schema: z
        .custom<Uint8Array>((value) => value instanceof Uint8Array)
        .meta({ type: 'string', format: 'binary', description: 'format=markdown' }),
    },
  },
};
