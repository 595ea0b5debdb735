import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './domain/errors.ts';

/** Where Leadway keeps its data: the embedded SQLite file, or a PostgreSQL server. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Everything Leadway reads from the environment, parsed once at start-up. */
export interface Config {
  /** TCP port of the web app and API. */
  port: number;
  /** Interface the server listens on; other than loopback only once an admin account exists. */
  host: string;
  /** Folder for the embedded database and other local state. */
  dataDir: string;
  database: DatabaseConfig;
}

export { ConfigError };

/** Hosts the server may bind to while Leadway has no login: loopback only. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a whole number, e.g. PORT=7420')
    .transform(Number)
    .refine((n) => n >= 0 && n <= 65535, 'must be between 0 and 65535')
    .optional(),
  HOST: z.string().min(1).optional(),
  LEADWAY_DATA: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .refine(
      (url) => /^postgres(ql)?:\/\//.test(url),
      'must start with postgres:// or postgresql:// (leave it unset for the embedded SQLite database)',
    )
    .optional(),
});

/**
 * Reads the configuration from an environment (process.env by default).
 * Fails fast with a message that names the variable and how to fix it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const cleaned = Object.fromEntries(
    Object.entries({
      PORT: env.PORT,
      HOST: env.HOST,
      LEADWAY_DATA: env.LEADWAY_DATA,
      DATABASE_URL: env.DATABASE_URL,
    }).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const { PORT, HOST, LEADWAY_DATA, DATABASE_URL } = parsed.data;
  // Another interface (HOST=0.0.0.0) is allowed once an admin account exists; the server checks
  // that at start-up, since only the database knows.
  const host = HOST ?? '127.0.0.1';
  const dataDir = path.resolve(cwd, LEADWAY_DATA ?? '.leadway');
  return {
    port: PORT ?? 7420,
    host,
    dataDir,
    database: DATABASE_URL
      ? { kind: 'postgres', url: DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'leadway.sqlite') },
  };
}
