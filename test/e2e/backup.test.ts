import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { createContext } from '../../src/services/context.ts';
import { createEntry } from '../../src/services/journal/journal.ts';
import { listPeople } from '../../src/services/people/people.ts';
import { seriousAccessibilityProblems } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signUpInBrowser } from '../helpers/e2e.ts';

const SHOTS = path.resolve('test-results');
const servers: RunningServer[] = [];
const dataDirs: string[] = [];
const browsers: Array<Awaited<ReturnType<typeof launchBrowser>>> = [];

async function newServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-e2e-backup-'));
  dataDirs.push(dataDir);
  const server = await startServer(loadConfig({ LEADWAY_DATA: dataDir, PORT: '0' }));
  servers.push(server);
  return server;
}

/** A separate browser (its own cookies) for one person; at a phone's width when asked. */
async function newPerson(viewport?: { width: number; height: number }): Promise<Page> {
  const browser = await launchBrowser(viewport);
  browsers.push(browser);
  return browser.context.newPage();
}

/** Clicks a download link and returns the file's suggested name and its bytes. */
async function download(page: Page, name: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  expect(await file.failure()).toBeNull();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path()) as string) };
}

/** The Settings page passes axe-core and does not scroll sideways. */
async function checkSettings(page: Page, shot: string) {
  await page.waitForTimeout(200);
  expect(await seriousAccessibilityProblems(page), shot).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${shot} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
}

let server: RunningServer;
beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await newServer();
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  for (const s of servers) await s.stop();
  for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
});

it('the admin downloads the installation’s backup and restores it into a new Leadway; a member downloads only their own data', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const admin = await newPerson();
  await signUpInBrowser(admin, server.url, { name: 'Admin', email: 'admin@example.com' });
  await admin.goto(`${server.url}/team`);
  await admin.getByLabel('Email').fill('member@example.com');
  await admin.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await admin.getByLabel('Invitation link').inputValue();

  const member = await newPerson();
  await member.goto(link);
  await member.getByLabel('Your name').fill('Member');
  await member.getByLabel('Current role').fill('Developer');
  await member.getByLabel('Password').fill('long enough password');
  await member.getByRole('button', { name: 'Join' }).click();
  await member.getByRole('link', { name: 'Member' }).waitFor();
  const ctx = createContext(server.handle.db);
  const memberId = (await listPeople(ctx)).find((p) => p.name === 'Member')?.id as string;
  const { framework } = await import('../../src/services/framework/active-framework.ts').then((m) =>
    m.getActiveFramework(ctx),
  );
  await createEntry(ctx, memberId, {
    title: '=Kept my private notes, "quoted"',
    body: '- first\n- second',
    areas: [framework.areas[0]?.id as string],
    occurredOn: '2026-01-02',
  });

  // On a phone, the member sees their own downloads, and no backup of the installation.
  await member.setViewportSize({ width: 375, height: 800 });
  await member.goto(`${server.url}/settings`);
  await member.getByRole('heading', { name: 'Your data' }).waitFor();
  expect(await member.getByRole('link', { name: 'Download a backup of this installation' }).count()).toBe(0);
  await checkSettings(member, 'settings-member-375');
  const data = await download(member, 'Download your data');
  expect(data.name).toBe(`leadway-my-data-${today}.json`);
  const mine = JSON.parse(data.bytes.toString('utf8')) as {
    format: string;
    person: { name: string };
    journal: Array<{ title: string; body: string }>;
  };
  expect(mine.format).toBe('leadway.personal-data/v1');
  expect(mine.person.name).toBe('Member');
  expect(mine.journal).toEqual([
    expect.objectContaining({ title: '=Kept my private notes, "quoted"', body: '- first\n- second' }),
  ]);
  const csv = await download(member, 'Entries as CSV');
  expect(csv.name).toBe(`leadway-journal-${today}.csv`);
  expect(csv.bytes.toString('utf8')).toContain(`"'=Kept my private notes, ""quoted""","'- first\n- second"`);
  const markdown = await download(member, 'Entries as Markdown (.zip)');
  expect(markdown.name).toBe(`leadway-journal-${today}.zip`);
  const files = unzipSync(new Uint8Array(markdown.bytes));
  expect(Object.keys(files)).toEqual(['2026-01-02-kept-my-private-notes-quoted.md']);
  expect(strFromU8(Object.values(files)[0] as Uint8Array)).toContain('title: "=Kept my private notes, \\"quoted\\""');
  // The whole installation's backup is refused to the member even by its address.
  const refused = await member.evaluate(async () => (await fetch('/api/backup')).status);
  expect(refused).toBe(403);

  // The admin sees both, at 1440 px and at 375 px, and downloads the backup.
  await admin.goto(`${server.url}/settings`);
  await admin.getByRole('heading', { name: 'Backup of this installation' }).waitFor();
  await checkSettings(admin, 'settings-admin');
  await admin.setViewportSize({ width: 375, height: 800 });
  await checkSettings(admin, 'settings-admin-375');
  const backup = await download(admin, 'Download a backup of this installation');
  expect(backup.name).toBe(`leadway-backup-${today}.json`);
  const document = JSON.parse(backup.bytes.toString('utf8')) as {
    format: string;
    tables: { people: unknown[]; journal_entries: Array<{ title: string }> };
  };
  expect(document.format).toBe('leadway.backup/v1');
  expect(document.tables.people).toHaveLength(2);
  expect(document.tables.journal_entries.map((e) => e.title)).toEqual(['=Kept my private notes, "quoted"']);

  // The member's "Who looked at your data" shows it.
  await member.goto(`${server.url}/account`);
  await member.getByText('a backup of the whole installation').first().waitFor();

  // A new Leadway restores the file on its first page; the member signs in there as before.
  const fresh = await newServer();
  const newcomer = await newPerson();
  await newcomer.goto(fresh.url);
  await newcomer.getByText('Restore a backup instead').click();
  await newcomer.getByText('Download a backup of this installation').first().waitFor();
  expect(await seriousAccessibilityProblems(newcomer)).toEqual([]);
  await newcomer.screenshot({ path: path.join(SHOTS, 'restore-backup.png'), fullPage: true });
  const saved = path.join(dataDirs[0] as string, backup.name);
  fs.writeFileSync(saved, backup.bytes);
  await newcomer.getByLabel('Backup file (JSON)').setInputFiles(saved);
  await newcomer.getByRole('heading', { name: 'Sign in to Leadway' }).waitFor();
  await newcomer.getByLabel('Email').fill('member@example.com');
  await newcomer.getByLabel('Password').fill('long enough password');
  await newcomer.getByRole('button', { name: 'Sign in' }).click();
  await newcomer.getByRole('link', { name: 'Member' }).waitFor();
  await newcomer.goto(`${fresh.url}/journal`);
  await newcomer.getByText('=Kept my private notes, "quoted"').first().waitFor();
}, 120_000);
