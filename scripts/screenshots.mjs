#!/usr/bin/env node
// `npm run screenshots`: takes the README's pictures (docs/screenshots/*.png) again, from a demo
// organisation, so they always show the current screens with real-looking data. Not part of
// `npm test`. It builds the server and the web app, starts a throwaway server on a temporary data
// folder, fills it with `leadway demo --people 40 --seed 1 --json`, signs in as the demo member and
// then as their manager in headless Chromium (a fresh profile), and writes one 1280×800 PNG per
// screen. Everything temporary is removed at the end. Chromium: /usr/bin/chromium, or
// LEADWAY_CHROMIUM (`apt-get install chromium fonts-liberation`).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { checkNode } from '../bin/node-check.mjs';
import { buildServer, serverBuildIsStale } from './build.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUT = path.join(root, 'docs/screenshots');
const CHROMIUM = process.env.LEADWAY_CHROMIUM ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };
const cli = path.join(root, 'bin/leadway.mjs');

await checkNode();
if (!fs.existsSync(CHROMIUM)) {
  console.error(
    `Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-liberation, or set LEADWAY_CHROMIUM.`,
  );
  process.exit(1);
}
if (serverBuildIsStale()) await buildServer();
const vite = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (vite.status !== 0) process.exit(vite.status ?? 1);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-screenshots-data-'));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-screenshots-chromium-'));
// Always the embedded SQLite in the temporary folder, whatever this shell points Leadway at.
const env = { ...process.env, LEADWAY_DATA: dataDir };
delete env.DATABASE_URL;

/** A port nobody listens on right now. */
async function freePort() {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = /** @type {net.AddressInfo} */ (probe.address());
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Waits until the server answers its health check (it builds nothing, so a few seconds at most). */
async function waitForHealth(url) {
  for (let tries = 0; tries < 100; tries++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server at ${url} did not start.`);
}

let server;
let context;
try {
  const demo = spawnSync(process.execPath, [cli, 'demo', '--people', '40', '--seed', '1', '--json'], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (demo.status !== 0) throw new Error(`leadway demo failed:\n${demo.stderr}`);
  /** @type {{ password: string, member: string, manager: string }} */
  const who = JSON.parse(demo.stdout);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [cli, 'serve', '--port', String(port), '--quiet'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForHealth(url);

  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  const page = context.pages()[0] ?? (await context.newPage());

  /** Signs in as `email` from a signed-out browser and waits for their overview. */
  const signIn = async (email) => {
    await context.clearCookies();
    await page.goto(url);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Where you stand' }).waitFor();
  };
  /** Opens a screen, waits for what shows it is ready, scrolls to `scrollTo` if given, and saves it. */
  const shoot = async (file, screen, ready, scrollTo) => {
    await page.goto(`${url}${screen}`);
    await ready().waitFor();
    if (scrollTo)
      await scrollTo().evaluate((element) =>
        window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 16),
      );
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, file) });
    console.log(
      `docs/screenshots/${file}  ${screen}  ${(fs.statSync(path.join(OUT, file)).size / 1024).toFixed(0)} KB`,
    );
  };
  const radarDrawn = () => page.locator('.recharts-polar-angle-axis-tick').nth(9);

  fs.mkdirSync(OUT, { recursive: true });
  await signIn(who.member);
  await shoot('overview.png', '/', radarDrawn);
  await shoot('journal.png', '/journal', () => page.getByRole('table', { name: /last 12 weeks/ }));
  await shoot('report.png', '/report', () => page.getByRole('heading', { name: /^Overall/ }));
  await shoot('360.png', '/360', radarDrawn, () => page.locator('article.round').first());
  await signIn(who.manager);
  await shoot('rate.png', '/360', () => page.getByRole('heading', { name: 'Asked of you' }));
} finally {
  await context?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
}
