import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { MAX_LENGTH } from '../../src/contracts/limits.ts';
import { submitSelfAssessment } from '../../src/services/assessments/self-assessments.ts';
import { createContext } from '../../src/services/context.ts';
import { getActiveFramework } from '../../src/services/framework/active-framework.ts';
import { listGoals } from '../../src/services/goals/goals.ts';
import { listEntries } from '../../src/services/journal/journal.ts';
import { createPerson, listPeople, updatePerson } from '../../src/services/people/people.ts';
import { listRounds } from '../../src/services/rounds/rounds.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { serveForBrowser, signUpInBrowser } from '../helpers/e2e.ts';

const SHOTS = path.resolve('test-results');
const env = serveForBrowser('forms');

/** The Idempotency-Key of every POST the page sends to the API. */
function recordKeys(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/api/people/'))
      keys.push(request.headers()['idempotency-key'] ?? '(none)');
  });
  return keys;
}

async function expectAccessible(page: Page) {
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
}

it('creates one goal, one entry and one round however fast the buttons are double-clicked (375 px)', async () => {
  const page = await env.browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signUpInBrowser(page, env.server.url, { name: 'Grace Hopper', email: 'grace@example.com' });
  // A phone from here on (the name link the sign-up waits for is in the wide navigation).
  await page.setViewportSize({ width: 375, height: 800 });
  const ctx = createContext(env.server.handle.db);
  const grace = (await listPeople(ctx))[0]?.id as string;
  await updatePerson(ctx, grace, { track: 'ic', stage: 'staff' });
  const { framework } = await getActiveFramework(ctx);
  await submitSelfAssessment(ctx, grace, { ratings: framework.areas.map((a) => ({ areaId: a.id, level: 2 })) });
  await createPerson(ctx, { name: 'Ada Peer', email: 'ada@example.com', roleTitle: 'Developer' });
  const keys = recordKeys(page);

  // Create goal, double-clicked: the button is disabled while the request is on its way.
  await page.goto(`${env.server.url}/goals`);
  await page.getByRole('heading', { name: 'Growth plan' }).waitFor();
  await page.getByLabel('Goal', { exact: true }).fill('Run the incident review');
  await page.getByRole('button', { name: 'Create goal' }).dblclick();
  await page.locator('article.goal', { hasText: 'Run the incident review' }).waitFor();
  await page.waitForTimeout(500);
  expect((await listGoals(ctx, grace, { status: 'all' })).goals.map((g) => g.title)).toEqual([
    'Run the incident review',
  ]);
  await expectAccessible(page);

  // Save entry, double-clicked.
  await page.goto(`${env.server.url}/journal`);
  await page.getByRole('heading', { name: 'Evidence journal' }).waitFor();
  const capture = page.getByRole('form', { name: 'Log evidence' });
  await capture.getByLabel('What did you do?').fill('Led the incident review');
  await capture.locator('input[name="areas"]').first().check();
  await capture.getByRole('button', { name: 'Save entry' }).dblclick();
  await page.getByText('Saved “Led the incident review”.').waitFor();
  await page.waitForTimeout(500);
  expect((await listEntries(ctx, grace, { q: 'incident', limit: 50, offset: 0 })).total).toBe(1);

  // Open a round, double-clicked: Ada gets one request, not two.
  await page.goto(`${env.server.url}/360`);
  await page.getByRole('heading', { name: '360 feedback' }).waitFor();
  await page.getByLabel('Ask Ada Peer as').selectOption('peer');
  await page.getByRole('button', { name: 'Open a round' }).dblclick();
  await page.getByRole('heading', { name: /^Round of / }).waitFor();
  await page.waitForTimeout(500);
  expect(await listRounds(ctx, grace)).toHaveLength(1);
  await expectAccessible(page);

  // Every submission carried its own fresh key.
  expect(keys).toHaveLength(3);
  expect(new Set(keys).size).toBe(3);
  for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  expect(errors).toEqual([]);
});

it('shows server field errors on their fields, and caps what can be typed at the contract’s limit', async () => {
  // Still signed in as Grace (the browser keeps the session cookie), on a phone.
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${env.server.url}/journal`);
  const capture = page.getByRole('form', { name: 'Log evidence' });
  await capture.waitFor();

  // The browser lets these through; the server refuses them, and says so on each field.
  const title = capture.getByLabel('What did you do?');
  const links = capture.getByLabel('Links (space-separated)');
  await title.fill('   ');
  await links.fill('notaurl');
  await capture.locator('input[name="areas"]').first().check();
  await capture.getByRole('button', { name: 'Save entry' }).click();
  await capture.getByText('must be an http(s) link, e.g. https://example.com/pr/42').waitFor();
  for (const [input, id, problem] of [
    [title, 'entry-title', 'required'],
    [links, 'entry-links', 'must be an http(s) link, e.g. https://example.com/pr/42'],
  ] as const) {
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain(`${id}-error`);
    expect(await page.locator(`#${id}-error`).textContent()).toBe(problem);
    // Right under its input, not in a list elsewhere.
    const inputBox = await input.boundingBox();
    const errorBox = await page.locator(`#${id}-error`).boundingBox();
    expect(errorBox && inputBox && errorBox.y - (inputBox.y + inputBox.height)).toBeLessThan(40);
  }
  // The general message lists nothing that is already on a field.
  expect(await capture.getByRole('alert').textContent()).toBe('Please fix the marked fields.');
  // The first field to fix has the focus.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('entry-title');
  await page.screenshot({ path: path.join(SHOTS, 'journal-field-errors-375.png'), fullPage: true });
  await expectAccessible(page);

  // 100 KB pasted into the body: the input keeps what the contract allows.
  const body = capture.getByLabel('Details (Markdown, optional)');
  await body.fill('x'.repeat(100 * 1024));
  expect((await body.inputValue()).length).toBe(MAX_LENGTH.entryBody);
  // The same 100 KB sent past the form: refused on the body field, in words.
  const refused = await page.evaluate(async () => {
    const state = await (await fetch('/api/auth/state')).json();
    const response = await fetch(`/api/people/${state.person.id}/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': state.csrfToken },
      body: JSON.stringify({ title: 'Long', areas: ['stepping-up'], body: 'x'.repeat(100 * 1024) }),
    });
    return { status: response.status, body: await response.json() };
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error.fields).toEqual({ body: 'At most 50,000 characters.' });

  // Fixed, it saves.
  await title.fill('Wrote the postmortem');
  await links.fill('https://example.com/postmortem');
  await capture.getByRole('button', { name: 'Save entry' }).click();
  await page.getByText('Saved “Wrote the postmortem”.').waitFor();
  expect(await title.getAttribute('aria-invalid')).toBeNull();
});
