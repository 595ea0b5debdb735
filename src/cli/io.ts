import { createRequire } from 'node:module';
import type Table from 'cli-table3';
import type { Config } from '../config.ts';
import { AppError } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';

/** Where a CLI run reads and writes; tests pass their own to capture output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when a person is at the keyboard (interactive prompts and progress are allowed). */
  isInteractive: boolean;
}

/** The real terminal. */
export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isInteractive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  };
}

/** Reads the configuration for this run. */
export async function cliConfig(io: CliIo): Promise<Config> {
  // Loaded on demand: commands that need no database (git stats) start faster without zod and the drivers.
  const { loadConfig } = await import('../config.ts');
  return loadConfig(io.env, io.cwd);
}

/**
 * Opens the configured database, runs `fn` with a service context, and always closes it.
 * SQLite is shared safely with a running server (WAL + busy timeout).
 */
export async function withServices<T>(io: CliIo, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const config = await cliConfig(io);
  const [{ openDatabase }, { createContext }] = await Promise.all([
    import('../db/client.ts'),
    import('../services/context.ts'),
  ]);
  const handle = await openDatabase(config.database);
  try {
    return await fn(createContext(handle.db));
  } finally {
    await handle.close();
  }
}

/** Writes a value as pretty JSON, for scripts. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes a plain table. */
export function printTable(io: CliIo, head: string[], rows: Array<Array<string | number>>): void {
  // Loaded on first use (kept synchronous with require): most runs print no table.
  const TableClass = createRequire(import.meta.url)('cli-table3') as typeof Table;
  const table = new TableClass({ head, style: { head: [], border: [], compact: true } });
  for (const row of rows) table.push(row.map(String));
  io.stdout(`${table.toString()}\n`);
}

/** A usage error: the command was called wrongly; the message says how to call it. */
export function usageError(message: string): AppError {
  return new AppError('invalid', 'USAGE', message);
}

/** Parses repeated "key=value" options into a map, or throws a usage error naming the bad one. */
export function parsePairs(values: string[], option: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw usageError(`${option} expects AREA=VALUE (e.g. ${option} ownership=2), got "${v}".`);
    pairs.set(v.slice(0, eq).trim(), v.slice(eq + 1));
  }
  return pairs;
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
