import { expect, type Browser, type Page } from '@playwright/test';
import { USERS, type UserName } from './stack-env.js';

/** A page signed in as the given user (state saved by the setup project). */
export async function pageAs(browser: Browser, user: UserName): Promise<Page> {
  const context = await browser.newContext({ storageState: USERS[user].storageState });
  return context.newPage();
}

/** Takes the open book page off the user's shelf if it is on it (cleanup that tolerates earlier failed runs). */
export async function removeFromShelfIfPresent(page: Page): Promise<void> {
  const remove = page.getByRole('button', { name: 'Remove from shelf' });
  if (await remove.isVisible()) {
    await remove.click();
    await expect(page.getByRole('button', { name: 'Add to shelf' })).toBeVisible();
  }
}
