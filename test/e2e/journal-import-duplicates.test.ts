import path from 'node:path';
import { expect, it } from 'vitest';
import { latestEvidenceDate } from '../../src/domain/journal/journal.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { serveForBrowser, signUpInBrowser } from '../helpers/e2e.ts';

const SHOTS = path.resolve('test-results');
const env = serveForBrowser('import');

it('offers no future dates, and shows a re-imported file as duplicates to skip', async () => {
  const page = await env.browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signUpInBrowser(page, env.server.url, { name: 'Grace Hopper', email: 'grace@example.com' });
  await page.goto(`${env.server.url}/journal`);

  // The date picker stops at tomorrow (UTC), the latest date the server accepts.
  expect(await page.getByLabel('Date', { exact: true }).getAttribute('max')).toBe(latestEvidenceDate(new Date()));

  const csv = {
    name: 'log.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'date,title,areas\n2026-10-01,Gave the demo,communication\n2026-10-01,Gave the demo,communication\n2030-01-01,From the future,communication\n',
    ),
  };
  await page.getByText('Import from CSV or Markdown').click();
  await page.getByLabel('Files').setInputFiles(csv);
  await page.getByText('1 new entry, 1 duplicate (skipped), 1 problem.').waitFor();
  await page.getByText(/log\.csv:4.*can’t be in the future/).waitFor();
  expect(await page.getByRole('button', { name: /^Import \d/ }).isDisabled()).toBe(true);

  await page
    .getByLabel('Files')
    .setInputFiles({ ...csv, buffer: Buffer.from(csv.buffer.toString().split('\n').slice(0, 3).join('\n')) });
  await page.getByText('1 new entry, 1 duplicate (skipped), 0 problems.').waitFor();
  await page.getByRole('button', { name: 'Import 1 entry' }).click();
  await page.getByText('Imported 1 entry. Skipped 1 already in your journal or repeated.').waitFor();

  // The same file again: nothing new, both rows listed as duplicates.
  await page
    .getByLabel('Files')
    .setInputFiles({ ...csv, buffer: Buffer.from(csv.buffer.toString().split('\n').slice(0, 3).join('\n')) });
  await page.getByText('0 new entries, 2 duplicates (skipped), 0 problems.').waitFor();
  expect(await page.getByRole('button', { name: /^Import \d/ }).isDisabled()).toBe(true);
  await page.getByText(/^Duplicates: the same date/).click();
  await page.getByText('already in your journal (same date, title and areas): skipped').first().waitFor();
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'journal-import-duplicates.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: path.join(SHOTS, 'journal-import-duplicates-375.png'), fullPage: true });
  expect(errors).toEqual([]);
});
