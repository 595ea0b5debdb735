import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { createContext } from '../../src/services/context.ts';
import { listPeople } from '../../src/services/people/people.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { inviteInBrowser, joinInBrowser, signUpInBrowser } from '../helpers/e2e.ts';

/**
 * Issue 15, defects 3 and 8 in the browser, on a phone-sized screen (375 px): pending invitations
 * with a new link and revoke, a management loop refused in words, removing a mentor, the admin
 * editing a person, and a member editing their own name on the Account page.
 */

const SHOTS = path.resolve('test-results');
const PHONE = { width: 375, height: 800 };
let server: RunningServer;
let dataDir: string;
const browsers: Array<Awaited<ReturnType<typeof launchBrowser>>> = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-e2e-people-'));
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

/** Nothing on the page scrolls sideways (wide tables scroll inside their own box). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function person(name: string) {
  return (await listPeople(createContext(server.handle.db))).find((p) => p.name === name);
}

it('manages invitations, reporting lines, mentors and profiles on a phone', async () => {
  const admin = await newPerson();
  await signUpInBrowser(admin, server.url, { name: 'Admin', email: 'admin@example.com' });
  const boss = await newPerson();
  await join(boss, await invite(admin, 'boss@example.com'), 'Boss');
  const member = await newPerson();
  await join(member, await invite(admin, 'member@example.com', 'Boss'), 'Member');
  await admin.setViewportSize(PHONE);
  await member.setViewportSize(PHONE);

  // Inviting an address twice is refused in words; the pending invitation gets a new link, then is revoked.
  const firstLink = await invite(admin, 'stale@example.com');
  await admin.getByLabel('Email').fill('stale@example.com');
  await admin.getByRole('button', { name: 'Create invitation link' }).click();
  await admin.getByRole('alert').getByText('stale@example.com has already been invited').waitFor();
  const pending = admin.getByRole('region', { name: 'Pending invitations' });
  await pending.getByText('stale@example.com').waitFor();
  await pending.getByRole('button', { name: 'Copy new link for stale@example.com' }).click();
  const renewed = pending.getByLabel('Invitation link');
  await renewed.waitFor();
  const secondLink = await renewed.inputValue();
  expect(secondLink).not.toBe(firstLink);
  expect(await seriousAccessibilityProblems(admin)).toEqual([]);
  await admin.screenshot({ path: path.join(SHOTS, 'team-pending-375.png'), fullPage: true });
  await pending.getByRole('button', { name: 'Revoke the invitation for stale@example.com' }).click();
  await admin.getByRole('status').getByText('The invitation for stale@example.com is revoked').waitFor();
  await expect.poll(() => pending.getByText('stale@example.com').count()).toBe(0);
  // Both links now answer like a link that never existed.
  const stranger = await newPerson();
  for (const link of [firstLink, secondLink]) {
    await stranger.goto(link);
    await stranger.getByText('This invitation link is not valid. Ask for a new one.').waitFor();
  }

  // A management loop is refused with the chain in words (Member reports to Boss).
  await admin.goto(`${server.url}/team`);
  await admin.getByLabel('Manager of Boss').selectOption({ label: 'Member' });
  await admin
    .getByRole('alert')
    .getByText('Member already reports to Boss, directly or through others, so Boss cannot report to Member.')
    .waitFor();
  expect((await person('Boss'))?.managerId).toBeNull();

  // A mentor is added, then removed.
  await admin.getByLabel('Add a mentor for Member').selectOption({ label: '+ Boss' });
  const removeMentor = admin.getByRole('button', { name: 'Remove Boss as mentor of Member' });
  await removeMentor.waitFor();
  expect((await person('Member'))?.mentorIds).toHaveLength(1);
  await admin.locator('.table-scroll').evaluate((box) => {
    box.scrollLeft = box.scrollWidth;
  });
  await admin.locator('.table-scroll').screenshot({ path: path.join(SHOTS, 'team-mentor-375.png') });
  await removeMentor.click();
  await admin.getByRole('status').getByText('Boss no longer mentors Member.').waitFor();
  expect((await person('Member'))?.mentorIds).toEqual([]);

  // The admin edits a person's name, role, team and admin rights.
  await admin.getByRole('button', { name: 'Edit Boss' }).click();
  const edit = admin.getByRole('form', { name: 'Edit Boss' });
  await edit.getByLabel('Name').fill('Bo Boss');
  await edit.getByLabel('Role').fill('Engineering manager');
  await edit.getByLabel('Team (empty for none)').fill('platform');
  await edit.getByLabel(/Admin/).check();
  expect(await seriousAccessibilityProblems(admin)).toEqual([]);
  await admin.screenshot({ path: path.join(SHOTS, 'team-edit-375.png'), fullPage: true });
  await edit.getByRole('button', { name: 'Save' }).click();
  await admin.getByRole('status').getByText('Saved Bo Boss’s profile.').waitFor();
  await admin.getByRole('rowheader', { name: /Bo Boss/ }).waitFor();
  expect(await person('Bo Boss')).toMatchObject({ roleTitle: 'Engineering manager', team: 'platform', isAdmin: true });
  expect(await sidewaysOverflow(admin)).toBeLessThanOrEqual(0);

  // The member edits their own name on the Account page; the navigation follows.
  await member.goto(`${server.url}/account`);
  const profile = member.getByRole('form', { name: 'Your profile' });
  await profile.getByLabel('Name').fill('Mae Member');
  await profile.getByLabel('Current role').fill('Senior developer');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await member.getByRole('status').getByText('Your profile is saved.').waitFor();
  // The name in the header (hidden on phones) follows without a reload.
  await member.setViewportSize({ width: 1440, height: 900 });
  await member.getByRole('link', { name: 'Mae Member' }).waitFor();
  await member.screenshot({ path: path.join(SHOTS, 'account-1440.png'), fullPage: true });
  await member.setViewportSize(PHONE);
  expect(await person('Mae Member')).toMatchObject({ roleTitle: 'Senior developer' });
  expect(await seriousAccessibilityProblems(member)).toEqual([]);
  expect(await sidewaysOverflow(member)).toBeLessThanOrEqual(0);
  await member.screenshot({ path: path.join(SHOTS, 'account-375.png'), fullPage: true });

  // The same screens at 1440 px, for the eye.
  await admin.setViewportSize({ width: 1440, height: 900 });
  await invite(admin, 'later@example.com');
  await admin.getByRole('button', { name: 'Edit Mae Member' }).click();
  await admin.screenshot({ path: path.join(SHOTS, 'team-1440.png'), fullPage: true });
});
