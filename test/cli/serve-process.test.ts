import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// SIGTERM (systemd, docker, kill) and SIGINT (Ctrl+C) stop the real server, however it was
// started: in-flight requests finish, the database is closed, the process and every child exit,
// and the port is free. `npm start` runs `sh -c "node scripts/start.mjs"`: npm passes SIGTERM to
// that shell, which dies without passing it on, so the server has to notice by itself.

const ROOT = path.resolve('.');
const BIN = path.join(ROOT, 'bin/leadway.mjs');
const START = path.join(ROOT, 'scripts/start.mjs');
const STOP_WITHIN_MS = 5_000;

interface Started {
  child: ChildProcess;
  port: number;
  dataDir: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Started[] = [];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Starts a command in its own process group (as a terminal would); `start` also waits for /api/health. */
async function launch(command: string, args: string[], cwd = ROOT): Promise<Started> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-serve-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LEADWAY_DATA: dataDir, PORT: String(port) };
  for (const name of Object.keys(env)) if (name.startsWith('npm_')) delete env[name];
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const running: Started = { child, port, dataDir, output: () => out, exited };
  started.push(running);
  return running;
}

async function start(command: string, args: string[]): Promise<Started> {
  const running = await launch(command, args);
  const { child, port, output } = running;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early: ${output()}`);
    if (Date.now() > deadline) throw new Error(`server did not answer /api/health: ${output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return running;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The process and all its descendants. */
function processTree(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of rows) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** Gone, or a zombie waiting for a parent that does not reap (PID 1 in some containers). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function expectAllGone(pids: number[], output: () => string): Promise<void> {
  const deadline = Date.now() + STOP_WITHIN_MS;
  while (pids.some((pid) => !isGone(pid)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(
    pids.filter((pid) => !isGone(pid)),
    `still running ${STOP_WITHIN_MS} ms after the signal:\n${output()}`,
  ).toEqual([]);
}

/** Checks everything stopped cleanly: no process left, port free, database closed (WAL checkpointed away). */
async function expectStoppedCleanly(running: Started, tree: number[]): Promise<void> {
  await expectAllGone(tree, running.output);
  expect(await portIsFree(running.port)).toBe(true);
  expect(running.output()).toContain('Leadway stopped.');
  expect(fs.existsSync(path.join(running.dataDir, 'leadway.sqlite'))).toBe(true);
  expect(fs.existsSync(path.join(running.dataDir, 'leadway.sqlite-wal'))).toBe(false);
}

/** Sends the headers and half the body of a request, so it stays in flight until `finish`. */
async function requestInFlight(port: number): Promise<{ finish: () => Promise<string> }> {
  const body = JSON.stringify({ email: 'ada@example.com', password: 'not the password' });
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString();
  });
  socket.on('error', () => {});
  socket.write(
    `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    finish: async () => {
      socket.write(body.slice(10));
      const deadline = Date.now() + STOP_WITHIN_MS;
      while (!/\r\n\r\n/.test(answer) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return answer.split('\r\n')[0] ?? '';
    },
  };
}

async function waitForOutput(running: Started, text: string): Promise<void> {
  const deadline = Date.now() + STOP_WITHIN_MS;
  while (!running.output().includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(running.output()).toContain(text);
}

beforeAll(() => {
  // Build the web app now if it is missing or stale (start.mjs's own check), so `npm start` starts quickly.
  execFileSync(process.execPath, [START, '--help'], { cwd: ROOT, stdio: 'ignore', timeout: 55_000 });
}, 60_000);

afterEach(() => {
  // A failed test may leave its server behind: end its process group (it was started detached).
  for (const { child, dataDir } of started.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {}
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('node bin/leadway.mjs serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops on %s: exit 0, port free, database closed', async (signal) => {
    const running = await start(process.execPath, [BIN, 'serve']);
    const tree = processTree(running.child.pid as number);
    running.child.kill(signal);
    expect(await running.exited).toEqual({ code: 0, signal: null });
    await expectStoppedCleanly(running, tree);
  });

  it('finishes a request in flight before it exits', async () => {
    const running = await start(process.execPath, [BIN, 'serve']);
    const request = await requestInFlight(running.port);
    running.child.kill('SIGTERM');
    await waitForOutput(running, 'Stopping Leadway (SIGTERM)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running.child.exitCode).toBeNull();
    expect(await request.finish()).toMatch(/^HTTP\/1\.1 [1-4]\d\d /);
    expect(await running.exited).toEqual({ code: 0, signal: null });
    await expectStoppedCleanly(running, [running.child.pid as number]);
  });

  it('exits at once on a second signal while it waits for a request', async () => {
    const running = await start(process.execPath, [BIN, 'serve']);
    await requestInFlight(running.port);
    running.child.kill('SIGINT');
    await waitForOutput(running, 'Stopping Leadway (SIGINT)');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const sentAt = Date.now();
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 143, signal: null });
    expect(Date.now() - sentAt).toBeLessThan(1_500);
  });
});

describe('npm start', () => {
  it('stops when npm gets SIGTERM (npm passes it only to its shell)', async () => {
    const running = await start('npm', ['start', '--silent']);
    const tree = processTree(running.child.pid as number);
    expect(tree.length).toBeGreaterThanOrEqual(2);
    running.child.kill('SIGTERM');
    await expectStoppedCleanly(running, tree);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops when its whole process group gets %s (Ctrl+C, supervisors)',
    async (signal) => {
      const running = await start('npm', ['start', '--silent']);
      const tree = processTree(running.child.pid as number);
      process.kill(-(running.child.pid as number), signal);
      await expectStoppedCleanly(running, tree);
    },
  );
});

describe('node scripts/start.mjs', () => {
  it('stops on SIGTERM with exit 0', async () => {
    const running = await start(process.execPath, [START]);
    const tree = processTree(running.child.pid as number);
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    await expectStoppedCleanly(running, tree);
  });
});

describe('npm start while it builds the web app', () => {
  // A copy of scripts/start.mjs in a folder with no build yet, whose "vite" only says it started
  // and waits: the signal must reach the build, and nothing may outlive it.
  let fixture: string;
  beforeAll(() => {
    fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-serve-build-'));
    for (const dir of ['bin', 'scripts', 'web', 'src/contracts', 'src/domain', 'node_modules/vite/bin']) {
      fs.mkdirSync(path.join(fixture, dir), { recursive: true });
    }
    fs.copyFileSync(START, path.join(fixture, 'scripts/start.mjs'));
    fs.copyFileSync(path.join(ROOT, 'bin/node-check.mjs'), path.join(fixture, 'bin/node-check.mjs'));
    // The server build is up to date in this fixture: only the web build runs (and is stopped).
    fs.writeFileSync(
      path.join(fixture, 'scripts/build.mjs'),
      'export const serverBuildIsStale = () => false;\nexport async function buildServer() {}\n',
    );
    fs.writeFileSync(path.join(fixture, 'vite.config.ts'), '');
    fs.writeFileSync(path.join(fixture, 'web/index.html'), '');
    fs.writeFileSync(
      path.join(fixture, 'node_modules/vite/bin/vite.js'),
      "console.log('vite building (pid ' + process.pid + ')');\nsetInterval(() => {}, 1000);\n",
    );
    fs.writeFileSync(
      path.join(fixture, 'package.json'),
      JSON.stringify({ name: 'fixture', private: true, scripts: { start: 'node scripts/start.mjs' } }),
    );
  });
  afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));

  async function building(command: string, args: string[]) {
    const running = await launch(command, args, fixture);
    await waitForOutput(running, 'vite building');
    const vitePid = Number(/vite building \(pid (\d+)\)/.exec(running.output())?.[1]);
    const tree = processTree(running.child.pid as number);
    expect(tree).toContain(vitePid);
    return { running, tree };
  }

  it('passes SIGTERM on to the build and exits with it', async () => {
    const { running, tree } = await building(process.execPath, [path.join(fixture, 'scripts/start.mjs')]);
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: null, signal: 'SIGTERM' });
    await expectAllGone(tree, running.output);
  });

  it('stops the build when npm gets SIGTERM', async () => {
    const { running, tree } = await building('npm', ['start', '--silent']);
    running.child.kill('SIGTERM');
    await expectAllGone(tree, running.output);
  });
});
