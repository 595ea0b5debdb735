import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { WEB_DIST_DIR } from '../../src/server/app.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { submitSelfAssessment } from '../../src/services/assessments/self-assessments.ts';
import { createContext } from '../../src/services/context.ts';
import { getActiveFramework } from '../../src/services/framework/active-framework.ts';
import { listPeople, updatePerson } from '../../src/services/people/people.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signUpInBrowser } from '../helpers/e2e.ts';

const SHOTS = path.resolve('test-results');
let server: RunningServer;
let dataDir: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html')))
    throw new Error('Build the web app first (npm run test:e2e does).');
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-e2e-growth-'));
  server = await startServer(loadConfig({ LEADWAY_DATA: dataDir, PORT: '0' }));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('creates a goal, logs evidence against it, and opens the readiness report', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A member who has chosen a path and assessed themselves (the first journey does that in the UI).
  await signUpInBrowser(page, server.url, { name: 'Grace Hopper', email: 'grace@example.com' });
  const ctx = createContext(server.handle.db);
  const grace = (await listPeople(ctx))[0]?.id as string;
  await updatePerson(ctx, grace, { track: 'ic', stage: 'staff' });
  const { framework } = await getActiveFramework(ctx);
  await submitSelfAssessment(ctx, grace, { ratings: framework.areas.map((a) => ({ areaId: a.id, level: 2 })) });
  await page.goto(`${server.url}/goals`);

  // 1. A goal in Mentorship with a suggested action and one of our own.
  await page.getByRole('heading', { name: 'Growth plan' }).waitFor();
  await page.getByLabel('Area').selectOption({ label: 'Mentorship' });
  await page.getByLabel('Goal', { exact: true }).fill('Mentor our new hire through their first quarter');
  await page.getByLabel('Success looks like').fill('They ship a feature on their own');
  await page.getByLabel('Due date').fill('2030-03-31');
  await page.getByLabel('Pair for an hour with a less experienced teammate on their task').check();
  await page.getByLabel('Your own first action (optional)').fill('Agree a learning plan');
  await page.getByRole('button', { name: 'Create goal' }).click();
  const goal = page.locator('article.goal', { hasText: 'Mentor our new hire' });
  await goal.waitFor();
  await goal.getByLabel('Agree a learning plan').check();
  await expect.poll(() => goal.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
  await page.screenshot({ path: path.join(SHOTS, 'goals.png'), fullPage: true });

  // 2. Evidence against the goal, entered with the keyboard only.
  await page.getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('heading', { name: 'Evidence journal' }).waitFor();
  const capture = page.getByRole('form', { name: 'Log evidence' });
  await page.getByLabel('What did you do?').focus();
  await page.keyboard.type('Walked the new hire through the cache design');
  await page.keyboard.press('Tab'); // → first area checkbox
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab'); // → Mentorship (5th area)
  await page.keyboard.press('Space');
  expect(await capture.getByLabel('Mentorship', { exact: true }).isChecked()).toBe(true);
  await capture.getByLabel('Kind').focus();
  await page.keyboard.press('p'); // "pairing"
  await capture.getByLabel('For goal').selectOption({ label: 'Mentor our new hire through their first quarter' });
  await page
    .getByLabel('Details (Markdown, optional)')
    .fill('We covered **eviction** and <script>window.hacked=1</script> hit rates.');
  await page.getByLabel('Links (space-separated)').focus();
  await page.keyboard.type('https://example.com/pr/42');
  await page.keyboard.press('Enter');
  await page.getByText('Saved “Walked the new hire through the cache design”.').waitFor();
  const entry = page.locator('li.entry', { hasText: 'Walked the new hire' });
  await entry.waitFor();
  expect(await entry.locator('strong', { hasText: 'eviction' }).count()).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  expect(await entry.textContent()).toContain('pairing');
  // Search sends one request once typing pauses, and does not reload the timeline.
  const search = page.getByRole('searchbox');
  const calls: string[] = [];
  const record = (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) calls.push(`${url.pathname}${url.search}`);
  };
  page.on('request', record);
  await search.pressSequentially('eviction', { delay: 30 });
  await page.waitForRequest(/\/entries\?.*q=eviction/);
  await expect.poll(() => page.locator('li.entry').count()).toBe(1);
  await page.waitForTimeout(500);
  page.off('request', record);
  expect(calls.filter((c) => c.includes('/entries?'))).toEqual([expect.stringMatching(/[?&]q=eviction(&|$)/)]);
  expect(calls.filter((c) => c.includes('/timeline'))).toEqual([]);
  // A slow reply to an older search never replaces the newer search's results.
  const slow = /\/entries\?.*q=cache/;
  await page.route(slow, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue().catch(() => {
      // The page aborted it (a newer search took its place): nothing to answer.
    });
  });
  await search.fill('cache');
  await page.waitForRequest(slow);
  await search.fill('kubernetes');
  await page.getByText('0 entries').waitFor();
  await page.waitForTimeout(2000); // the slow reply to "cache" (one entry) would have arrived by now
  expect(await page.locator('li.entry').count()).toBe(0);
  expect(await page.getByText('0 entries').count()).toBe(1);
  await page.unroute(slow);
  await search.fill('');

  // Share the entry with a mentor, from the list.
  await page.getByLabel('Who can see “Walked the new hire through the cache design”').selectOption('mentor');
  await expect.poll(() => entry.textContent()).toContain('mentor');

  // Bulk import: a bad row is reported by line and blocks the import; a clean file imports.
  await page.getByText('Import from CSV or Markdown').click();
  await page.getByLabel('Files').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('date,title,areas\n2026-10-01,Gave the demo,communication\n2026-10-02,Nope,leadership\n'),
  });
  await page.getByText('bad.csv:3').waitFor();
  expect(await page.getByRole('button', { name: /^Import \d/ }).isDisabled()).toBe(true);
  await page.getByLabel('Files').setInputFiles({
    name: 'good.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('date,title,areas,kind\n2026-10-01,Gave the demo,communication,presentation\n'),
  });
  await page.getByRole('button', { name: 'Import 1 entry' }).click();
  await page.getByText('Imported 1 entry.').waitFor();
  await page.locator('li.entry', { hasText: 'Gave the demo' }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'journal.png'), fullPage: true });
  const [heatmap] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(heatmap.suggestedFilename()).toBe('leadway-evidence-by-week.svg');
  const heatmapSvg = fs.readFileSync(await heatmap.path(), 'utf8');
  expect(heatmapSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(heatmapSvg).toContain('Mentorship, week of');

  // 3. The readiness report shows the entry as evidence for Mentorship and offers a PDF.
  await page.getByRole('link', { name: 'Report' }).click();
  await page.getByRole('heading', { name: /^Overall:/ }).waitFor();
  const mentorship = page.locator('tr', { has: page.getByRole('rowheader', { name: 'Mentorship' }) });
  await expect.poll(() => mentorship.textContent()).toContain('Walked the new hire through the cache design');
  expect(await mentorship.textContent()).toContain('Mentor our new hire through their first quarter (50%)');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect(
    fs
      .readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  await page.screenshot({ path: path.join(SHOTS, 'report.png'), fullPage: true });

  // Every screen passes axe-core's WCAG 2 A/AA checks without serious or critical problems.
  const screens = [
    '/',
    '/goals',
    '/journal',
    '/report',
    '/360',
    '/team',
    '/account',
    '/settings',
    '/assess',
    '/path',
    '/framework',
  ];
  for (const screen of screens) {
    await page.goto(`${server.url}${screen}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(300);
    expect(await seriousAccessibilityProblems(page), screen).toEqual([]);
  }

  // Every screen fits a phone: nothing scrolls sideways at 375 px.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const screen of screens) {
    await page.goto(`${server.url}${screen}`);
    await page.locator('main h1').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const culprits = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 30)}`),
    );
    expect(overflow, `${screen} at 375 px is too wide because of ${culprits.join(' | ')}`).toBeLessThanOrEqual(0);
  }
  expect(errors).toEqual([]);
});
