import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A PostgreSQL 15 cluster made for one test run or benchmark, listening on 127.0.0.1 only. */
export interface ThrowawayPostgres {
  url: string;
  /** Stops the cluster and removes its folder. */
  stop(): void;
}

const PG_BIN = process.env.LEADWAY_PG_BIN ?? '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway cluster from the machine's PostgreSQL 15 binaries (as the postgres user when
 * root). `settings` are extra server options (`-c name=value`): tests turn durability off for
 * speed, benchmarks keep the server's defaults. `missingHint` ends the error when the binaries
 * are not installed.
 */
export async function startThrowawayPostgres(options: {
  settings?: string[];
  stopMode?: 'fast' | 'immediate';
  missingHint: string;
}): Promise<ThrowawayPostgres> {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN}. ${options.missingHint}`);
  }
  const isRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-pg-'));
  const dataDir = path.join(dir, 'data');
  const run = (cmd: string, args: string[]) => {
    const full = isRoot ? ['-u', 'postgres', '--', path.join(PG_BIN, cmd), ...args] : args;
    const result = spawnSync(isRoot ? 'runuser' : path.join(PG_BIN, cmd), full, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'leadway', '--no-sync', '-E', 'UTF8', '--locale', 'C.UTF-8']);
  const port = await freePort();
  const settings = (options.settings ?? []).map((s) => `-c ${s}`).join(' ');
  run('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${settings}`.trim(),
    'start',
  ]);
  return {
    url: `postgres://leadway@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', options.stopMode ?? 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
