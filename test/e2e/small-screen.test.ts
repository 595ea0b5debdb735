import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { TimelineOutput } from '../../src/contracts/journal.ts';
import { isoWeekOf } from '../../src/domain/journal/journal.ts';
import { WEB_DIST_DIR } from '../../src/server/app.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { createContext } from '../../src/services/context.ts';
import { seedDemo } from '../../src/services/demo/demo.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';

// A phone (375 px) and a desktop (1440 px), with a demo organisation's member signed in: their
// overview, journal, report and 360 rounds are full of real data.
const SHOTS = path.resolve('test-results');
const PASSWORD = 'demo password for screens';
const PAGES = [
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
let server: RunningServer;
let dataDir: string;
let member: string;
const browsers: Array<Awaited<ReturnType<typeof launchBrowser>>> = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html')))
    throw new Error('Build the web app first (npm run test:e2e does).');
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-e2e-small-'));
  server = await startServer(loadConfig({ LEADWAY_DATA: dataDir, PORT: '0' }));
  const demo = await seedDemo(createContext(server.handle.db), { people: 40, seed: '1', password: PASSWORD });
  member = demo.summary.member as string;
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A browser of the given width with the demo member signed in, on their overview. */
async function signedIn(width: number): Promise<Page> {
  const browser = await launchBrowser({ width, height: 800 });
  browsers.push(browser);
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Email').fill(member);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Where you stand' }).waitFor();
  return page;
}

/** Every angle label of every radar on the page: its text and whether it lies inside its SVG and the window. */
async function radarLabels(page: Page) {
  await page.locator('.recharts-polar-angle-axis-tick').nth(9).waitFor();
  return page.evaluate(() =>
    [...document.querySelectorAll('.recharts-polar-angle-axis-tick')].map((tick) => {
      const svg = tick.closest('svg') as SVGSVGElement;
      const box = (tick.querySelector('text') ?? tick).getBoundingClientRect();
      const frame = svg.getBoundingClientRect();
      const inside =
        box.left >= Math.max(frame.left, 0) - 0.5 &&
        box.right <= Math.min(frame.right, window.innerWidth) + 0.5 &&
        box.top >= frame.top - 0.5 &&
        box.bottom <= frame.bottom + 0.5;
      // A wrapped name is one tspan per line.
      const lines = [...tick.querySelectorAll('tspan')].map((t) => t.textContent ?? '');
      const text = (lines.length ? lines.join(' ') : (tick.textContent ?? '')).replace(/\s+/g, ' ').trim();
      return { text, inside, width: box.width };
    }),
  );
}

/** A heatmap's columns and whether each is fully visible (not scrolled away, not under the area names). */
async function heatmapColumns(page: Page, name: string) {
  const table = page.getByRole('table', { name });
  await table.waitFor();
  return table.evaluate((el) => {
    const scroller = el.closest('.table-scroll') as HTMLElement;
    const frame = scroller.getBoundingClientRect();
    const heads = [...el.querySelectorAll('thead th')];
    const areaColumn = (heads[0] as HTMLElement).getBoundingClientRect();
    const cells = [...el.querySelectorAll('tbody tr')].flatMap((row) => [...row.querySelectorAll('td')]);
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return (
        r.left >= Math.max(frame.left, areaColumn.right) - 0.5 &&
        r.right <= Math.min(frame.right, window.innerWidth) + 0.5 &&
        r.width > 4
      );
    };
    return {
      columns: heads.length - 1,
      hiddenHeaders: heads.slice(1).filter((h) => !visible(h)).length,
      hiddenCells: cells.filter((c) => !visible(c)).length,
      scrollsSideways: scroller.scrollWidth > scroller.clientWidth + 1,
    };
  });
}

/** Each row of the page's per-area table: its height, the height its text covers, and its text lines off screen. */
async function tableRows(page: Page) {
  return page.locator('table.standing-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const box = tr.getBoundingClientRect();
      const lines: Array<[number, number]> = [];
      let offScreen = 0;
      const walker = document.createTreeWalker(tr, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        // A line of text takes its line height, not only its glyphs' height.
        const lineHeight = Number.parseFloat(getComputedStyle(node.parentElement as Element).lineHeight) || 0;
        for (const r of range.getClientRects()) {
          const half = Math.max(r.height, lineHeight) / 2;
          const middle = (r.top + r.bottom) / 2;
          if (r.left < -0.5 || r.right > window.innerWidth + 0.5) offScreen++;
          else lines.push([middle - half, middle + half]);
        }
      }
      // The height covered by text on screen: the union of its lines' vertical extents, plus the
      // labels a stacked layout puts on lines of their own (CSS text, which ranges do not see).
      lines.sort((a, b) => a[0] - b[0]);
      let covered = 0;
      for (const cell of tr.querySelectorAll('td')) {
        const label = getComputedStyle(cell, '::before');
        if (label.display === 'block' && cell.getClientRects().length)
          covered += Number.parseFloat(label.lineHeight) || 0;
      }
      let end = Number.NEGATIVE_INFINITY;
      for (const [top, bottom] of lines) {
        if (top >= end) covered += bottom - top;
        else if (bottom > end) covered += bottom - end;
        end = Math.max(end, bottom);
      }
      return {
        area: tr.querySelector('th')?.textContent,
        height: Math.round(box.height),
        covered: Math.round(covered),
        offScreen,
      };
    }),
  );
}

describe.each([375, 1440])('at %i px', (width) => {
  it('shows every radar label whole and inside its chart', async () => {
    const page = await signedIn(width);
    for (const screen of ['/', '/360']) {
      await page.goto(`${server.url}${screen}`);
      const labels = await radarLabels(page);
      await page.screenshot({
        path: path.join(SHOTS, `radar-${width}${screen.replace('/', '-')}.png`),
        fullPage: true,
      });
      expect(labels.length, screen).toBeGreaterThanOrEqual(10);
      expect(
        labels.filter((l) => !l.inside).map((l) => l.text),
        `${screen}: labels cut at the edge`,
      ).toEqual([]);
      expect(labels.map((l) => l.text)).toContain('Conflict and crises');
    }
  });

  it('shows the journal heatmap’s 12 weeks (and git evidence’s 12 months), each column whole', async () => {
    const page = await signedIn(width);
    await page.goto(`${server.url}/journal`);
    const heatmap = await heatmapColumns(page, 'Entries per area per week, last 12 weeks');
    await page.screenshot({ path: path.join(SHOTS, `heatmap-${width}.png`), fullPage: true });
    const whole = { columns: 12, hiddenHeaders: 0, hiddenCells: 0, scrollsSideways: false };
    expect(heatmap).toEqual(whole);

    // The API gives 12 consecutive weeks ending with the current one (dates are UTC calendar days).
    const timeline = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/state')).json()) as { person: { id: string } };
      return (await (await fetch(`/api/people/${me.person.id}/timeline?weeks=12`)).json()) as TimelineOutput;
    });
    expect(timeline.weeks).toHaveLength(12);
    expect(timeline.weeks.at(-1)?.week).toBe(isoWeekOf(new Date().toISOString().slice(0, 10)).week);
    const mondays = timeline.weeks.map((w) => Date.parse(w.startsOn) / 86_400_000);
    expect(mondays.slice(1).map((d, i) => d - (mondays[i] as number))).toEqual(Array(11).fill(7));

    // The overview's git evidence, twelve months, fits as well.
    await page.goto(`${server.url}/`);
    expect(await heatmapColumns(page, 'Credited commits per area per month, last 12 months')).toEqual(whole);
  });
});

it('at 375 px: the navigation is a menu, the report reads as stacked cards, nothing scrolls sideways, axe passes', async () => {
  const page = await signedIn(375);
  const menu = page.getByRole('button', { name: 'Menu' });
  const journalLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' });

  // A closed disclosure: one button, its links hidden.
  await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
  const controls = await menu.getAttribute('aria-controls');
  expect(controls).toBeTruthy();
  expect(await page.locator(`#${controls}`).count()).toBe(1);
  expect(await journalLink.isVisible()).toBe(false);
  const header = await page.locator('header').boundingBox();
  expect(header?.height).toBeLessThan(80);

  // Opens with a click and navigates; the menu closes on the way.
  await menu.click();
  expect(await menu.getAttribute('aria-expanded')).toBe('true');
  await journalLink.click();
  await page.getByRole('heading', { name: 'Evidence journal' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/journal');
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  expect(await journalLink.isVisible()).toBe(false);

  // By keyboard: Enter opens, Escape closes and gives focus back to the button; Tab reaches the links.
  await menu.focus();
  await page.keyboard.press('Enter');
  expect(await menu.getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('Escape');
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  expect(await menu.evaluate((b) => b === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Growth plan' }).waitFor();
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  await page.screenshot({ path: path.join(SHOTS, 'menu-375.png') });

  // The per-area tables (report, overview): every row's text is on screen, and a row is not much
  // taller than its text.
  for (const [screen, ready] of [
    ['/report', page.getByRole('heading', { name: /^Overall/ })],
    ['/', page.getByRole('heading', { name: 'By area' })],
  ] as const) {
    await page.goto(`${server.url}${screen}`);
    await ready.waitFor();
    const rows = await tableRows(page);
    await page.screenshot({ path: path.join(SHOTS, `table-375${screen.replace('/', '-')}.png`), fullPage: true });
    expect(rows, screen).toHaveLength(10);
    for (const row of rows) {
      expect(row.offScreen, `${screen} ${row.area}: text off screen`).toBe(0);
      // Padding and gaps between the stacked parts, never tall blank bands.
      expect(
        row.height - row.covered,
        `${screen} ${row.area}: ${row.height}px tall for ${row.covered}px of text`,
      ).toBeLessThan(Math.max(48, row.covered * 0.25));
    }
  }

  // No screen scrolls sideways on a phone, and each passes axe-core's WCAG 2 A/AA checks.
  for (const screen of PAGES) {
    await page.goto(`${server.url}${screen}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(300);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${screen} scrolls sideways`).toBeLessThanOrEqual(375);
    expect(await seriousAccessibilityProblems(page), screen).toEqual([]);
  }
  // With the menu open too.
  await menu.click();
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
});

it('at 1440 px (and down to 1100 px): the navigation is one row of links, no menu button', async () => {
  const page = await signedIn(1440);
  for (const width of [1440, 1100]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible(), `${width}`).toBe(false);
    const middles = await page
      .locator('header')
      .getByRole('link')
      .evaluateAll((links) => links.map((l) => (l.getBoundingClientRect().top + l.getBoundingClientRect().bottom) / 2));
    expect(middles.length).toBeGreaterThanOrEqual(12); // brand, ten pages, the account
    expect(Math.max(...middles) - Math.min(...middles), `${width}: links on one row`).toBeLessThanOrEqual(4);
    const header = await page.locator('header').boundingBox();
    expect(header?.height, `${width}`).toBeLessThan(80);
    await page.screenshot({ path: path.join(SHOTS, `nav-${width}.png`) });
  }
});
