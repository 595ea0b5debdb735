import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadway } from '../helpers/cli.ts';

/**
 * The program people run: bin/leadway.mjs and the JavaScript that `npm ci` (prepare) and
 * `npm start` build into dist/. The other tests run the TypeScript sources; this one builds dist/
 * from them first and checks that the bundle behaves like the sources.
 */
const run = promisify(execFile);
const BIN = path.resolve('bin/leadway.mjs');

let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  await run(process.execPath, ['scripts/build.mjs']);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-built-'));
  env = { ...process.env, LEADWAY_DATA: dataDir, NODE_ENV: 'test' };
  delete env.DATABASE_URL;
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const cli = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });

describe('the built CLI', () => {
  it('prints the same help and version as the sources', async () => {
    expect((await cli('--version')).stdout).toBe('0.1.0\n');
    const fromSources = await leadway(env, process.cwd(), '--help');
    expect((await cli('--help')).stdout).toBe(fromSources.stdout);
    expect(fromSources.stdout).toMatch(/log \[options\] <title>/);
    const logHelp = await leadway(env, process.cwd(), 'log', '--help');
    expect((await cli('log', '--help')).stdout).toBe(logHelp.stdout);
  });

  it('writes to the database and renders Markdown (kysely and the lazily loaded libraries)', async () => {
    await cli('init', '--name', 'Ada', '--email', 'ada@example.com', '--role', 'Developer');
    expect((await cli('log', 'Quick capture', '--area', 'vision')).stdout).toMatch(/Logged "Quick capture"/);
    const withBody = JSON.parse(
      (await cli('log', 'Design doc', '--area', 'vision', '--body', '**why** <script>x</script>', '--json')).stdout,
    ) as { bodyHtml: string };
    expect(withBody.bodyHtml).toBe('<p><strong>why</strong> </p>\n');
    const list = JSON.parse((await cli('journal', 'list', '--json')).stdout) as { total: number };
    expect(list.total).toBe(2);
    expect((await cli('summary')).stdout).toMatch(/Area/);
  });

  it('serves the API: OpenAPI from the zod contracts, validation errors with their fields, clean stop', async () => {
    const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--quiet'], {
      env: { ...env, LEADWAY_DATA: fs.mkdtempSync(path.join(dataDir, 'serve-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
        const read = (chunk: Buffer) => {
          out += chunk.toString();
          const match = out.match(/running at (http:\/\/\S+)/);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout?.on('data', read);
        child.stderr?.on('data', read);
        child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
      });
      expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok' });
      const docs = (await (await fetch(`${url}/api/docs/json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(docs.paths)).toContain('/api/auth/signup');
      const bad = await fetch(`${url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 42, email: 'not-an-email' }),
      });
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as { error: { code: string; fields?: Record<string, string> } };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(body.error.fields ?? {})).toEqual(expect.arrayContaining(['name', 'email']));
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    }
  });

  it('says how to build when dist/ is missing', () => {
    const copy = fs.mkdtempSync(path.join(dataDir, 'checkout-'));
    fs.mkdirSync(path.join(copy, 'bin'));
    for (const file of ['leadway.mjs', 'node-check.mjs'])
      fs.copyFileSync(path.join('bin', file), path.join(copy, 'bin', file));
    const r = spawnSync(process.execPath, [path.join(copy, 'bin/leadway.mjs'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dist\/cli\/main\.js\) is missing\. Run `npm run build`/);
  });
});

/** A Node.js older than Leadway supports, when this machine has one (the system Node.js 20 here). */
const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((file) => {
  const r = fs.existsSync(file) ? spawnSync(file, ['-p', 'process.versions.node'], { encoding: 'utf8' }) : null;
  const [major = 99, minor = 0] = (r?.stdout ?? '').trim().split('.').map(Number);
  return r?.status === 0 && (major < 22 || (major === 22 && minor < 22));
});

it.skipIf(!oldNode)('tells how to run it when started with a Node.js that is too old', () => {
  const r = spawnSync(oldNode as string, [BIN, '--version'], { encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/is too old; Leadway needs Node\.js 22\.22\+ or 24\.15\+/);
  expect(r.stderr).toMatch(/node_modules\/\.bin\/node bin\/leadway\.mjs/);
});
