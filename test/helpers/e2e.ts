import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { WEB_DIST_DIR } from '../../src/server/app.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { launchBrowser } from './browser.ts';

/** Completes the first run in the browser: the account created becomes the admin, signed in. */
export async function signUpInBrowser(page: Page, baseUrl: string, who: { name: string; email: string }) {
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: 'Welcome to Leadway' }).waitFor();
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Current role').fill('Developer');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.getByRole('link', { name: who.name }).waitFor();
}

/** An admin (or manager) invites `email` from the Team page; returns the invitation link shown. */
export async function inviteInBrowser(
  admin: Page,
  baseUrl: string,
  email: string,
  managerName?: string,
): Promise<string> {
  await admin.goto(`${baseUrl}/team`);
  await admin.getByLabel('Email').fill(email);
  if (managerName) await admin.getByLabel('Manager', { exact: true }).selectOption({ label: managerName });
  await admin.getByRole('button', { name: 'Create invitation link' }).click();
  const link = admin.getByLabel('Invitation link');
  await link.waitFor();
  return link.inputValue();
}

/** Accepts an invitation link in the browser as `name`, ending signed in. */
export async function joinInBrowser(page: Page, link: string, name: string) {
  await page.goto(link);
  await page.getByRole('heading', { name: 'Join Leadway' }).waitFor();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Current role').fill('Developer');
  await page.getByLabel('Password').fill('long enough password');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('link', { name }).waitFor();
}

/** What `serveForBrowser` gives a test file: a Leadway on a fresh data folder and one browser. */
export interface BrowserTestServer {
  server: RunningServer;
  dataDir: string;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
}

/**
 * Registers the file's beforeAll/afterAll: a built web app is required, a Leadway server on a
 * fresh data folder (`leadway-e2e-NAME-…`), one browser, and screenshots' folder; all cleaned up.
 */
export function serveForBrowser(name: string): BrowserTestServer {
  const env = {} as BrowserTestServer;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html')))
      throw new Error('Build the web app first (npm run test:e2e does).');
    fs.mkdirSync(path.resolve('test-results'), { recursive: true });
    env.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `leadway-e2e-${name}-`));
    env.server = await startServer(loadConfig({ LEADWAY_DATA: env.dataDir, PORT: '0' }));
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
    if (env.dataDir) fs.rmSync(env.dataDir, { recursive: true, force: true });
  });
  return env;
}
