import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { WEB_DIST_DIR } from '../../src/server/app.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';

const SHOTS = path.resolve('test-results');
let server: RunningServer;
let dataDir: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error('The web app is not built: run `npm run test:e2e` (it builds first) or `npm run build`.');
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-e2e-'));
  server = await startServer(loadConfig({ LEADWAY_DATA: dataDir, PORT: '0' }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function answerReflection(page: Page) {
  const groups = page.locator('fieldset.likert');
  const count = await groups.count();
  expect(count).toBeGreaterThanOrEqual(8);
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    // Agree with the manager-leaning statements, disagree with the others: a clear recommendation.
    const text = (await group.locator('legend').textContent()) ?? '';
    await group.getByLabel(i % 2 === 0 ? 'Agree' : 'Disagree', { exact: true }).check();
    expect(text.length).toBeGreaterThan(10);
  }
}

it('first run → path choice → self-assessment → radar chart → next actions', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The deliberate bad email above makes the browser log its 400; anything else is a bug.
    if (m.type() === 'error' && !m.text().includes('status of 400')) errors.push(m.text());
  });
  await page.goto(server.url);

  // 1. Guided first run, by keyboard only.
  await page.getByRole('heading', { name: 'Welcome to Leadway' }).waitFor();
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await page.getByLabel('Your name').focus();
  await page.keyboard.type('Ada Lovelace');
  await page.keyboard.press('Tab');
  await page.keyboard.type('not-an-email');
  await page.keyboard.press('Tab');
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Backend developer');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Payments');
  await page.keyboard.press('Enter');
  await page.getByText('must be an email address').waitFor();
  await page.getByLabel('Email').fill('ada@example.com');
  await page.screenshot({ path: path.join(SHOTS, 'first-run.png'), fullPage: true });
  await page.getByRole('button', { name: 'Create my account' }).click();

  // 2. Choose the path.
  await page.getByRole('heading', { name: 'Choose your path' }).waitFor();
  await answerReflection(page);
  await page.getByRole('button', { name: 'See my recommendation' }).click();
  const recommendation = page.locator('#recommendation');
  await recommendation.getByRole('heading', { level: 2 }).waitFor();
  expect(await recommendation.locator('.reasons li').count()).toBeGreaterThan(0);
  await page.getByLabel('Why this path, in your own words').fill('I like helping a team deliver.');
  await page.screenshot({ path: path.join(SHOTS, 'path.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save my path' }).click();

  // 3. Self-assessment.
  await page.getByRole('heading', { name: 'Assess yourself' }).waitFor();
  const areas = page.locator('fieldset.area-card');
  expect(await areas.count()).toBe(10);
  for (let i = 0; i < 10; i++) {
    await areas
      .nth(i)
      .locator('input[type=radio]')
      .nth(i % 3)
      .check();
  }
  await page.getByLabel('Comment on Ownership (optional)').fill('Took over the flaky test suite.');
  await page.screenshot({ path: path.join(SHOTS, 'assess.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save assessment' }).click();

  // 4. Radar chart and the per-area table.
  await page.getByRole('heading', { name: 'Where you stand' }).waitFor();
  const radar = page.getByTestId('radar-chart');
  await radar.locator('svg .recharts-polar-grid').first().waitFor();
  expect(await radar.locator('.recharts-radar').count()).toBe(2); // Target and Now
  await expect.poll(() => page.locator('.standing-table tbody tr').count()).toBe(10);
  // The chart can be taken away as SVG (and PNG).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^leadway-radar-\d{4}-\d{2}-\d{2}\.svg$/);
  const svgPath = await download.path();
  expect(fs.readFileSync(svgPath, 'utf8')).toMatch(
    /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg".*Stepping up.*<\/svg>$/s,
  );
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(
    fs
      .readFileSync(await png.path())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
  expect(await page.locator('.standing-table').textContent()).toContain('Took over the flaky test suite.');

  // 5. Start today: three actions; marking one done replaces it.
  const actions = page.locator('.start-today .actions > li');
  await expect.poll(() => actions.count()).toBe(3);
  const firstId = await actions.first().getAttribute('data-action-id');
  await page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
  await actions
    .first()
    .getByRole('button', { name: /^Mark .* done$/ })
    .click();
  await expect.poll(async () => page.locator(`[data-action-id="${firstId}"]`).count()).toBe(0);
  await expect.poll(() => actions.count()).toBe(3);
  await page.getByText('1 done').waitFor();

  // The same page at phone width: nothing overflows sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await page.getByTestId('radar-chart').locator('svg').first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'overview-375.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  expect(errors).toEqual([]);
});
