import { z } from 'zod';
import { MAX_LENGTH } from './limits.ts';

/** Registered git repositories, imports of their history, and git evidence per month. */

export const repositoryParams = z.object({ repositoryId: z.string().min(1).max(100) });

/** Registering a repository on the server's disk. */
export const registerRepositoryInput = z.strictObject({
  path: z.string().trim().min(1, 'required').max(MAX_LENGTH.repositoryPath),
  /** The branch or revision to import (HEAD when left out). */
  rev: z.string().trim().min(1).max(MAX_LENGTH.repositoryRev).optional(),
  /** A display name (the folder's name when left out). */
  name: z.string().trim().max(MAX_LENGTH.repositoryName).optional(),
});
export type RegisterRepositoryInput = z.input<typeof registerRepositoryInput>;

/** An import, optionally only for some people; an empty body imports for everyone. */
export const importRepositoryInput = z
  .strictObject({ personIds: z.array(z.string().min(1).max(100)).max(1000).optional() })
  .default({});
export type ImportRepositoryInput = z.input<typeof importRepositoryInput>;

export const gitEvidenceQuery = z.object({ months: z.coerce.number().int().min(1).max(60).default(12) });

/** A registered repository. */
export const repositoryOutput = z.object({
  id: z.string(),
  path: z.string(),
  name: z.string(),
  rev: z.string(),
  createdAt: z.string(),
  lastImportedAt: z.string().nullable(),
});
export type RepositoryOutput = z.infer<typeof repositoryOutput>;

/** What one import did. */
export const gitImportOutput = z.object({
  repository: repositoryOutput,
  /** The commits read: `sha` (the whole history) or `from..to` (since the last import). */
  range: z.string(),
  commitsRead: z.number(),
  creditsAdded: z.number(),
  entriesCreated: z.number(),
  entriesUpdated: z.number(),
  people: z.array(z.object({ personId: z.string(), email: z.string(), credits: z.number() })),
});
export type GitImportOutput = z.infer<typeof gitImportOutput>;

/** Credited commits per area for each month (YYYY-MM), oldest first, with the areas' names. */
export const gitEvidenceOutput = z.object({
  areas: z.array(z.object({ id: z.string(), name: z.string() })),
  months: z.array(z.object({ month: z.string(), counts: z.record(z.string(), z.number()) })),
});
export type GitEvidenceOutput = z.infer<typeof gitEvidenceOutput>;
