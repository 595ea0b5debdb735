import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AREA_IDS } from '../helpers/factories.ts';

const run = promisify(execFile);
// The CLI from the sources (through tsx), so this test never runs a stale build.
const BIN = path.resolve('bin/leadway-dev.mjs');
const AREAS = AREA_IDS;

let dataDir: string;
let server: ChildProcess;
let baseUrl: string;

/** Starts `leadway serve` as its own process on a free port and waits for its address. */
async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--quiet'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/running at (http:\/\/\S+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, url };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-shared-'));
  const started = await startServer({ ...process.env, LEADWAY_DATA: dataDir, NODE_ENV: 'test' });
  server = started.child;
  baseUrl = started.url;
});

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('lets the CLI write to the embedded database while the server writes to it too, losing nothing', async () => {
  // The first run signs up the admin; the session then makes a personal API token for the writes.
  const signup = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Ada',
      email: 'ada@example.com',
      roleTitle: 'Developer',
      password: 'long enough password',
    }),
  });
  expect(signup.status).toBe(201);
  const { person, csrfToken } = (await signup.json()) as { person: { id: string }; csrfToken: string };
  const id = person.id;
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const tokenRes = await fetch(`${baseUrl}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'test' }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };

  const env = { ...process.env, LEADWAY_DATA: dataDir };
  const CLI_WRITERS = 4;
  const HTTP_WRITES = 30;
  const cliRuns = Array.from({ length: CLI_WRITERS }, (_, w) =>
    run(process.execPath, [BIN, 'assess', '--json', ...AREAS.flatMap((a) => ['--level', `${a}=${(w % 4) + 1}`])], {
      env,
    }),
  );
  const httpRuns = (async () => {
    for (let i = 0; i < HTTP_WRITES; i++) {
      const res = await fetch(`${baseUrl}/api/people/${id}/assessments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ ratings: AREAS.map((areaId) => ({ areaId, level: 2, comment: `http ${i}` })) }),
      });
      expect(res.status).toBe(201);
    }
  })();
  const results = await Promise.all(cliRuns);
  await httpRuns;
  for (const r of results) expect(JSON.parse(r.stdout).ratings).toHaveLength(10);

  const list = (await (await fetch(`${baseUrl}/api/people/${id}/assessments`, { headers: auth })).json()) as unknown[];
  expect(list).toHaveLength(CLI_WRITERS + HTTP_WRITES);

  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  const db = new SqliteDatabase(path.join(dataDir, 'leadway.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const ratings = db.prepare('select count(*) as n from assessment_ratings').get() as { n: number };
    expect(ratings.n).toBe((CLI_WRITERS + HTTP_WRITES) * 10);
  } finally {
    db.close();
  }
});
