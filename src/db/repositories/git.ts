import type { Kysely, Selectable } from 'kysely';
import type { Database, GitCreditsTable, GitRepositoriesTable } from '../schema.ts';

export type GitRepositoryRow = Selectable<GitRepositoriesTable>;
export type GitCreditRow = Selectable<GitCreditsTable>;

/** Every registered repository, by name. */
export function listRepositories(db: Kysely<Database>): Promise<GitRepositoryRow[]> {
  return db.selectFrom('git_repositories').selectAll().orderBy('name').orderBy('id').execute();
}

/** A registered repository by id. */
export function findRepositoryById(db: Kysely<Database>, id: string) {
  return db.selectFrom('git_repositories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A registered repository by its absolute path. */
export function findRepositoryByPath(db: Kysely<Database>, path: string) {
  return db.selectFrom('git_repositories').selectAll().where('path', '=', path).executeTakeFirst();
}

/** Registers a repository. */
export async function insertRepository(db: Kysely<Database>, row: GitRepositoryRow): Promise<void> {
  await db.insertInto('git_repositories').values(row).execute();
}

/** Forgets a repository (its marks and credits go with it). */
export async function deleteRepository(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('git_repositories').where('id', '=', id).execute();
}

/** Remembers the last commit imported of a repository branch, with the identities used, and when. */
export async function markImported(
  db: Kysely<Database>,
  id: string,
  rev: string,
  sha: string,
  identities: string,
  now: string,
) {
  await db
    .insertInto('git_import_marks')
    .values({ repository_id: id, rev, last_sha: sha, identities, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['repository_id', 'rev']).doUpdateSet({ last_sha: sha, identities, updated_at: now }),
    )
    .execute();
  await db.updateTable('git_repositories').set({ last_imported_at: now }).where('id', '=', id).execute();
}

/** Where the last import of a repository branch stopped. */
export function findMark(db: Kysely<Database>, id: string, rev: string) {
  return db
    .selectFrom('git_import_marks')
    .selectAll()
    .where('repository_id', '=', id)
    .where('rev', '=', rev)
    .executeTakeFirst();
}

/** Stores credits, skipping any already stored; returns how many were new. */
export async function insertCredits(db: Kysely<Database>, rows: GitCreditRow[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const result = await db
      .insertInto('git_credits')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['person_id', 'repository_id', 'sha', 'kind']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** A person's stored credits in a repository, from `weeksFrom` (YYYY-MM-DD) on when given. */
export function listCredits(db: Kysely<Database>, personId: string, repositoryId: string, weeksFrom?: string) {
  let query = db
    .selectFrom('git_credits')
    .selectAll()
    .where('person_id', '=', personId)
    .where('repository_id', '=', repositoryId);
  if (weeksFrom) query = query.where('occurred_on', '>=', weeksFrom);
  return query.execute();
}

/** Credit counts per month (YYYY-MM) and kind for a person, from `from` on. */
export async function creditCountsByMonth(db: Kysely<Database>, personId: string, from: string) {
  const rows = await db
    .selectFrom('git_credits')
    .select(['occurred_on', 'kind'])
    .where('person_id', '=', personId)
    .where('occurred_on', '>=', from)
    .execute();
  return rows;
}

/** Email → person id for every known address (primary and extra). */
export async function emailDirectory(db: Kysely<Database>): Promise<Map<string, string>> {
  const [people, extra] = await Promise.all([
    db.selectFrom('people').select(['id', 'email']).execute(),
    db.selectFrom('person_emails').select(['person_id', 'email']).execute(),
  ]);
  const map = new Map<string, string>();
  for (const p of people) map.set(p.email.toLowerCase(), p.id);
  for (const e of extra) map.set(e.email.toLowerCase(), e.person_id);
  return map;
}
