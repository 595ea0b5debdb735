import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { createContext } from '../../src/services/context.ts';
import { listPeople, updatePerson } from '../../src/services/people/people.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signUpInBrowser } from '../helpers/e2e.ts';
import { TestRepo } from '../helpers/git-repo.ts';

let server: RunningServer;
let dataDir: string;
let repo: TestRepo;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-e2e-git-'));
  server = await startServer(loadConfig({ LEADWAY_DATA: dataDir, PORT: '0' }));
  repo = new TestRepo();
  const other = { name: 'Mia', email: 'mia@example.com' };
  repo.commit(other, 'Add parser', { 'src/parse.c': 'p\n' });
  repo.commit(other, 'Speed up parser\n\nReviewed-by: Linus <linus@old.example>', { 'src/parse.c': 'q\n' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  repo?.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('registers a repository in settings, imports it, and shows the evidence in the journal', async () => {
  const page = await browser.context.newPage();
  await signUpInBrowser(page, server.url, { name: 'Linus', email: 'linus@example.com' });
  await updatePerson(
    createContext(server.handle.db),
    (await listPeople(createContext(server.handle.db)))[0]?.id as string,
    { track: 'ic' },
  );
  await page.goto(`${server.url}/settings`);
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  // The review was signed with an old address: add it first.
  await page.getByLabel('Another email address').fill('linus@old.example');
  await page.getByRole('button', { name: 'Add email' }).click();
  await page.getByText('linus@old.example').waitFor();
  await page.getByLabel('Path of a local repository').fill(repo.dir);
  await page.getByLabel('Name (optional)').fill('parser');
  await page.getByRole('button', { name: 'Add repository' }).click();
  await page.getByRole('button', { name: 'Import parser now' }).click();
  await page.getByText('Read 2 new commits: 1 credit, 1 entry created, 0 updated.').waitFor();
  await page.getByLabel('Path of a local repository').fill('/no/such/folder');
  await page.getByRole('button', { name: 'Add repository' }).click();
  await page
    .getByText(
      '/no/such/folder cannot be used: it must be a readable, non-shallow git repository with commits on this server.',
    )
    .waitFor();

  await page.getByRole('link', { name: 'Journal' }).click();
  const entry = page.locator('li.entry', { hasText: 'Reviewed 1 change by 1 person' });
  await entry.waitFor();
  expect(await entry.textContent()).toContain('from git');
  expect(await entry.textContent()).toContain('Speed up parser');
});
