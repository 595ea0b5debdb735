import type { GitRepositoryRow } from '../db/repositories/git.ts';
import type { Framework } from '../domain/framework/schema.ts';

/** A registered repository as the API and CLI show it. */
export interface RepositoryOutput {
  id: string;
  path: string;
  name: string;
  rev: string;
  createdAt: string;
  lastImportedAt: string | null;
}

/** Credited commits per area for each month (YYYY-MM), oldest first, with the areas' names. */
export interface GitEvidenceOutput {
  areas: Array<{ id: string; name: string }>;
  months: Array<{ month: string; counts: Record<string, number> }>;
}

/** A registered repository. */
export function presentRepository(row: GitRepositoryRow): RepositoryOutput {
  return {
    id: row.id,
    path: row.path,
    name: row.name,
    rev: row.rev,
    createdAt: row.created_at,
    lastImportedAt: row.last_imported_at,
  };
}

/** Git evidence per month, with the areas of the framework it is counted against. */
export function presentGitEvidence(framework: Framework, months: GitEvidenceOutput['months']): GitEvidenceOutput {
  return { areas: framework.areas.map((a) => ({ id: a.id, name: a.name })), months };
}
