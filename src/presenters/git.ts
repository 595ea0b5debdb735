import type { GitEvidenceOutput, RepositoryOutput } from '../contracts/git.ts';
import type { GitRepositoryRow } from '../db/repositories/git.ts';
import type { Framework } from '../domain/framework/schema.ts';

/** A registered repository as the API and CLI show it. */
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
