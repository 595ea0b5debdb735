import fs from 'node:fs';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { DatabaseConfig } from '../config.ts';
import { DatabaseOpenError } from '../domain/errors.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-goals-and-journal.ts';
import * as m0003 from './migrations/0003-git-evidence.ts';
import * as m0004 from './migrations/0004-accounts.ts';
import * as m0005 from './migrations/0005-idempotency-keys.ts';
import * as m0006 from './migrations/0006-unique-answers-and-accent-search.ts';
import * as m0007 from './migrations/0007-invitation-revocation.ts';
import * as m0009 from './migrations/0009-data-version.ts';
import type { Database } from './schema.ts';

/** Which engine a database handle talks to. Only this file needs to care. */
export type Engine = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus what is needed to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Human-readable location ("/path/leadway.sqlite" or "postgres://host/db"), never a password. */
  location: string;
  close(): Promise<void>;
}

/** Every migration, in order. Migrations are immutable once landed: add a new one instead. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-goals-and-journal': m0002,
  '0003-git-evidence': m0003,
  '0004-accounts': m0004,
  '0005-idempotency-keys': m0005,
  '0006-unique-answers-and-accent-search': m0006,
  '0007-invitation-revocation': m0007,
  '0009-data-version': m0009,
};

const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

/**
 * Which engine a Kysely handle talks to, for the few statements that must differ (full-text
 * search). Repositories and migrations ask this instead of carrying the engine around.
 */
export function engineOf(db: Kysely<unknown> | Kysely<Database>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export { DatabaseOpenError };

/**
 * Opens the configured database and brings its schema up to date.
 * SQLite runs in WAL mode with a busy timeout so the server and the CLI can share the file.
 */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  // Each engine's driver loads only when it is used.
  const handle = config.kind === 'sqlite' ? await openSqlite(config.file) : await openPostgres(config.url);
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw new DatabaseOpenError(`Could not prepare the database at ${handle.location}: ${describe(error)}`);
  }
  return handle;
}

async function openSqlite(file: string): Promise<DatabaseHandle> {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new DatabaseOpenError(
      `Cannot create the data folder ${path.dirname(file)}: ${describe(error)}. Set LEADWAY_DATA to a writable folder.`,
    );
  }
  const { default: Sqlite } = await import('better-sqlite3');
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new Sqlite(file);
    // WAL lets the CLI read and write while the server has the file open; FULL sync makes an
    // acknowledged write survive a power cut, not only a crash of the process.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    throw new DatabaseOpenError(`Cannot open the SQLite database ${file}: ${describe(error)}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
}

/** Most prepared statements kept per SQLite handle, and the longest SQL text kept. */
const STATEMENTS_KEPT = 500;
const LONGEST_KEPT = 4_000;

/**
 * Kysely prepares every statement anew on SQLite; a page runs the same few statements again and
 * again, and preparing costs about as much as running them. This keeps the last 500 prepared
 * statements (short SQL only: bulk inserts with thousands of values are prepared once and dropped).
 * Statements run one at a time on this synchronous driver, so sharing one is safe.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql: string): SqliteDatabase.Statement {
      const kept = statements.get(sql);
      if (kept) return kept;
      const statement = sqlite.prepare(sql);
      if (sql.length <= LONGEST_KEPT) {
        if (statements.size >= STATEMENTS_KEPT) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
    close(): void {
      statements.clear();
      sqlite.close();
    },
  };
}

/** The SQL texts PostgreSQL keeps prepared on each connection (see `prepareOnPostgres`), and their names. */
const namedStatements = new Map<string, string>();

/**
 * Has PostgreSQL keep this statement prepared on each pooled connection: parsed once per
 * connection, then only bound and run, and planned with a generic plan once PostgreSQL finds it
 * as good. For the one statement every request runs (signing in, db/precompiled.ts); its text
 * must be fixed (values only as parameters), as it is kept for the life of each connection.
 * Plans follow schema changes (PostgreSQL replans); the answers always read the latest commit.
 */
export function prepareOnPostgres(sql: string): void {
  if (!namedStatements.has(sql)) namedStatements.set(sql, `leadway_${namedStatements.size + 1}`);
}

/** node-postgres runs a statement prepared when its query has a name; Kysely never names one. */
function runNamedStatementsPrepared(client: { query: (...args: never[]) => unknown }): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === 'string' && Array.isArray(values) ? namedStatements.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  pool.on('connect', (client) => runNamedStatementsPrepared(client));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', location: redactUrl(url), close: () => db.destroy() };
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
