import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { createContext } from '../../src/services/context.ts';
import { listPeople, updatePerson } from '../../src/services/people/people.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { inviteInBrowser, joinInBrowser, signUpInBrowser } from '../helpers/e2e.ts';

const SHOTS = path.resolve('test-results');
let server: RunningServer;
let dataDir: string;
const browsers: Array<Awaited<ReturnType<typeof launchBrowser>>> = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-e2e-team-'));
  server = await startServer(loadConfig({ LEADWAY_DATA: dataDir, PORT: '0' }));
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A separate browser (its own cookies) for one person. */
async function newPerson(): Promise<Page> {
  const browser = await launchBrowser();
  browsers.push(browser);
  return browser.context.newPage();
}

const invite = (admin: Page, email: string, managerName?: string) =>
  inviteInBrowser(admin, server.url, email, managerName);
const join = joinInBrowser;

it('admin invites a member and a manager; the manager rates; the member sees blind spots; nobody else sees anything', async () => {
  const admin = await newPerson();
  await signUpInBrowser(admin, server.url, { name: 'Admin', email: 'admin@example.com' });
  const managerLink = await invite(admin, 'boss@example.com');
  const manager = await newPerson();
  await join(manager, managerLink, 'Boss');
  const memberLink = await invite(admin, 'member@example.com', 'Boss');
  const otherLink = await invite(admin, 'other@example.com');
  await admin.screenshot({ path: path.join(SHOTS, 'team.png'), fullPage: true });

  const member = await newPerson();
  await join(member, memberLink, 'Member');
  const ctx = createContext(server.handle.db);
  const memberId = (await listPeople(ctx)).find((p) => p.name === 'Member')?.id as string;
  await updatePerson(ctx, memberId, { track: 'ic' }); // the path choice is covered by the first journey

  // The member assesses themself at 2 everywhere…
  await member.goto(`${server.url}/assess`);
  const areas = member.locator('fieldset.area-card');
  await areas.first().waitFor();
  for (let i = 0; i < (await areas.count()); i++) await areas.nth(i).locator('input[type=radio]').nth(1).check();
  await member.getByRole('button', { name: 'Save assessment' }).click();
  await member.getByRole('heading', { name: 'Where you stand' }).waitFor();
  // …and asks their manager.
  await member.goto(`${server.url}/360`);
  await member.getByLabel('Ask Boss as').selectOption('manager');
  await member.getByRole('button', { name: 'Open a round' }).click();
  await member.getByText('0 of 1 answered').waitFor();

  // The manager sees the request and rates 3 everywhere.
  await manager.goto(`${server.url}/360`);
  const form = manager.getByRole('form', { name: 'Rate Member' });
  await form.waitFor();
  const groups = form.locator('fieldset');
  for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).locator('input[type=radio]').nth(2).check();
  await form.getByPlaceholder('An example (optional)').first().fill('Ran the migration calmly');
  await form.getByRole('button', { name: 'Send my rating' }).click();
  await expect.poll(() => manager.getByRole('form', { name: 'Rate Member' }).count()).toBe(0);

  // The member sees where others see them differently.
  await member.reload();
  await member.getByRole('heading', { name: 'Blind spots' }).waitFor();
  const spots = member.locator('.blind-spots li');
  expect(await spots.count()).toBe(10);
  expect(await spots.first().textContent()).toContain('others rate you higher than you do');
  await member.getByText('Boss (manager)').click();
  await member.getByText('Ran the migration calmly').waitFor();
  await member.screenshot({ path: path.join(SHOTS, '360.png'), fullPage: true });

  // Another member sees none of it, even by asking the API directly.
  const other = await newPerson();
  await join(other, otherLink, 'Other');
  const peek = await other.evaluate(async (id) => {
    const statuses: Record<string, number> = {};
    for (const what of ['rounds', 'standing', 'assessments', 'readiness', 'reflections']) {
      statuses[what] = (await fetch(`/api/people/${id}/${what}`)).status;
    }
    const entries = (await (await fetch(`/api/people/${id}/entries`)).json()) as { total: number };
    return { statuses, entries: entries.total };
  }, memberId);
  expect(peek).toEqual({
    statuses: { rounds: 404, standing: 404, assessments: 200, readiness: 404, reflections: 404 },
    entries: 0,
  });
  const assessments = await other.evaluate(
    async (id) => (await (await fetch(`/api/people/${id}/assessments`)).json()) as unknown[],
    memberId,
  );
  expect(assessments).toEqual([]);
  // And the manager, who rated, still cannot read the member's private self-assessment or results.
  expect(await manager.evaluate(async (id) => (await fetch(`/api/people/${id}/rounds`)).status, memberId)).toBe(404);
});
