import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, type Engine, openDatabase } from '../../src/db/client.ts';

/** Both engines; database tests run once per engine with describe.each(ENGINES). */
export const ENGINES: Engine[] = ['sqlite', 'postgres'];

/** A fresh, migrated database of the given engine, and how to throw it away. */
export interface TestDatabase extends DatabaseHandle {
  /** A DATABASE_URL or file path another process (the CLI) can open. */
  config: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  destroy(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-test-'));
    const config = { kind: 'sqlite' as const, file: path.join(dir, 'leadway.sqlite') };
    const handle = await openDatabase(config);
    return {
      ...handle,
      config,
      destroy: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('postgresUrl');
  const name = `leadway_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config = { kind: 'postgres' as const, url: url.toString() };
  const handle = await openDatabase(config);
  return {
    ...handle,
    config,
    destroy: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
