import type { Kysely, Selectable } from 'kysely';
import type { Database, FrameworksTable } from '../schema.ts';

export type FrameworkRow = Selectable<FrameworksTable>;

/** The active framework: the one installed last. */
export function findActiveFramework(db: Kysely<Database>): Promise<FrameworkRow | undefined> {
  return db.selectFrom('frameworks').selectAll().orderBy('revision', 'desc').limit(1).executeTakeFirst();
}

/** Which framework is active, without its (large) content: one small indexed read. */
export function findActiveFrameworkHead(
  db: Kysely<Database>,
): Promise<Pick<FrameworkRow, 'id' | 'installed_at'> | undefined> {
  return db
    .selectFrom('frameworks')
    .select(['id', 'installed_at'])
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One installed framework row, content included. */
export function findFrameworkById(db: Kysely<Database>, id: string): Promise<FrameworkRow | undefined> {
  return db.selectFrom('frameworks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The installed framework with this framework id and version, if any. */
export function findFrameworkByKeyVersion(
  db: Kysely<Database>,
  key: string,
  version: string,
): Promise<FrameworkRow | undefined> {
  return db
    .selectFrom('frameworks')
    .selectAll()
    .where('framework_key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Every installed framework revision, newest first, without the (large) content. */
export function listFrameworks(db: Kysely<Database>) {
  return db
    .selectFrom('frameworks')
    .select(['id', 'revision', 'framework_key', 'version', 'name', 'installed_at'])
    .orderBy('revision', 'desc')
    .execute();
}

/** Inserts a framework as the newest revision. Call inside a transaction. */
export async function insertFramework(db: Kysely<Database>, row: Omit<FrameworkRow, 'revision'>): Promise<number> {
  const top = await db
    .selectFrom('frameworks')
    .select((eb) => eb.fn.max('revision').as('max'))
    .executeTakeFirst();
  const revision = Number(top?.max ?? 0) + 1;
  await db
    .insertInto('frameworks')
    .values({ ...row, revision })
    .execute();
  return revision;
}

/** Makes an already-installed framework active again by giving it the next revision number. */
export async function reactivateFramework(db: Kysely<Database>, id: string): Promise<void> {
  const top = await db
    .selectFrom('frameworks')
    .select((eb) => eb.fn.max('revision').as('max'))
    .executeTakeFirst();
  await db
    .updateTable('frameworks')
    .set({ revision: Number(top?.max ?? 0) + 1 })
    .where('id', '=', id)
    .execute();
}
