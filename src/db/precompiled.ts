import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { engineOf, prepareOnPostgres } from './client.ts';
import type { Database } from './schema.ts';

/**
 * A query built and compiled by Kysely once per database handle, then run with new values: for the
 * statements every request runs (signing in), where building and compiling the query cost more
 * than SQLite's work. `build` receives markers in place of the arguments (strings only); each
 * marker in the compiled parameters is replaced by its argument at every run. On PostgreSQL the
 * statement is also kept prepared on each connection (db/client.ts `prepareOnPostgres`).
 */
export function precompiled<Row, Args extends string[]>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Database>, ...args: Args) => Promise<Row | undefined> {
  const compiledFor = new WeakMap<Kysely<Database>, { query: CompiledQuery<Row>; slots: number[] }>();
  return async (db, ...args) => {
    let entry = compiledFor.get(db);
    if (!entry) {
      const markers = args.map((_, i) => `\u0000precompiled-argument-${i}\u0000`) as Args;
      const query = build(db, ...markers).compile();
      const slots = query.parameters.map((p) => markers.indexOf(p as string));
      if (markers.some((_, i) => !slots.includes(i))) throw new Error('precompiled: an argument is not a parameter');
      // PostgreSQL parses (and plans) a statement anew each time unless it is prepared by name.
      if (engineOf(db) === 'postgres') prepareOnPostgres(query.sql);
      entry = { query, slots };
      compiledFor.set(db, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((p, i) => ((slots[i] ?? -1) >= 0 ? args[slots[i] as number] : p));
    const result = await db.executeQuery<Row>({ ...query, parameters });
    return result.rows[0];
  };
}
