import { z } from 'zod';
import { ENTRY_KINDS, ENTRY_SOURCES, VISIBILITIES } from '../domain/journal/journal.ts';
import { isoDate } from './goals.ts';
import { MAX_LENGTH, MAX_LINKS } from './limits.ts';

export const entryIdParams = z.object({ entryId: z.string().min(1).max(100) });

const url = z
  .string()
  .trim()
  .max(MAX_LENGTH.link)
  .refine((v) => /^https?:\/\/\S+$/i.test(v), 'must be an http(s) link, e.g. https://example.com/pr/42');

export const createEntryInput = z.strictObject({
  occurredOn: isoDate.optional(),
  title: z.string().trim().min(1, 'required').max(MAX_LENGTH.entryTitle),
  body: z.string().max(MAX_LENGTH.entryBody).default(''),
  areas: z.array(z.string().min(1).max(60)).min(1, 'tag at least one area').max(10),
  kind: z.enum(ENTRY_KINDS).default('other'),
  source: z.enum(ENTRY_SOURCES).default('manual'),
  links: z.array(url).max(MAX_LINKS).default([]),
  visibility: z.enum(VISIBILITIES).default('private'),
  goalId: z.string().min(1).max(100).nullable().optional(),
  goalActionId: z.string().min(1).max(100).nullable().optional(),
});
export type CreateEntryInput = z.input<typeof createEntryInput>;

/**
 * An edit: only the fields given change. Written out without defaults on purpose — zod applies a
 * `.default()` even inside `.partial()`, which silently reset the body, kind, links and
 * visibility of every entry whose title was edited.
 */
export const updateEntryInput = z.strictObject({
  occurredOn: isoDate.optional(),
  title: z.string().trim().min(1, 'required').max(MAX_LENGTH.entryTitle).optional(),
  body: z.string().max(MAX_LENGTH.entryBody).optional(),
  areas: z.array(z.string().min(1).max(60)).min(1, 'tag at least one area').max(10).optional(),
  kind: z.enum(ENTRY_KINDS).optional(),
  links: z.array(url).max(MAX_LINKS).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  goalId: z.string().min(1).max(100).nullable().optional(),
  goalActionId: z.string().min(1).max(100).nullable().optional(),
});
export type UpdateEntryInput = z.input<typeof updateEntryInput>;

export const entryOutput = z.object({
  id: z.string(),
  personId: z.string(),
  occurredOn: z.string(),
  title: z.string(),
  body: z.string(),
  /** The body rendered from Markdown to HTML and sanitised: safe to insert into a page. */
  bodyHtml: z.string(),
  areas: z.array(z.string()),
  kind: z.enum(ENTRY_KINDS),
  source: z.string(),
  links: z.array(z.string()),
  visibility: z.enum(VISIBILITIES),
  goalId: z.string().nullable(),
  goalActionId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EntryOutput = z.infer<typeof entryOutput>;

export const entriesQuery = z.object({
  areaId: z.string().max(60).optional(),
  kind: z.enum(ENTRY_KINDS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  goalId: z.string().max(100).optional(),
  q: z.string().max(MAX_LENGTH.search).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type EntriesQuery = z.infer<typeof entriesQuery>;
export type EntriesQueryInput = z.input<typeof entriesQuery>;

export const entriesOutput = z.object({
  entries: z.array(entryOutput),
  total: z.number(),
});
export type EntriesOutput = z.infer<typeof entriesOutput>;

export const timelineQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(260).default(26),
  /**
   * The reader's own date, in their time zone. The last week shown is the one holding the later
   * of this date and the server's (UTC), so an entry dated today shows wherever the reader is.
   * At most one day after the server's date.
   */
  today: isoDate.optional().meta({
    description:
      "the reader's date in their time zone (YYYY-MM-DD); the last week is the one holding the later of it and the server's date",
  }),
});

export const timelineOutput = z.object({
  weeks: z.array(z.object({ week: z.string(), startsOn: z.string(), counts: z.record(z.string(), z.number()) })),
});
export type TimelineOutput = z.infer<typeof timelineOutput>;

export const importEntriesInput = z.strictObject({
  format: z.enum(['csv', 'markdown']),
  /** For csv: the file's text. For markdown: one document per entry. */
  files: z
    .array(z.object({ name: z.string().max(300), content: z.string() }))
    .min(1)
    .max(5000),
  dryRun: z.boolean().default(false),
});
export type ImportEntriesInput = z.input<typeof importEntriesInput>;

const importProblem = z.object({ file: z.string(), line: z.number(), message: z.string() });

export const importEntriesOutput = z.object({
  dryRun: z.boolean(),
  /** New entries: valid and not duplicates (what an import adds). */
  valid: z.number(),
  imported: z.number(),
  /**
   * Rows skipped as duplicates, by file and line: the same date, title and areas as an entry
   * already in the journal or as an earlier row of the import.
   */
  duplicates: z.array(importProblem),
  problems: z.array(importProblem),
});
export type ImportEntriesOutput = z.infer<typeof importEntriesOutput>;
