import type { Page } from 'playwright-core';

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
