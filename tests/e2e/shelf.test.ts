import { expect, test } from '@playwright/test';
import { seededBookId } from './support/books.js';
import { removeFromShelfIfPresent } from './support/pages.js';
import { USERS } from './support/stack-env.js';

test.use({ storageState: USERS.alice.storageState });

const bookUrl = `/books/${seededBookId(4101)}`;

test.afterEach(async ({ page }) => {
  await page.goto(bookUrl);
  await removeFromShelfIfPresent(page);
});

test('add, change and remove a shelf entry', async ({ page }) => {
  const note = `e2e note ${Date.now()}`;
  await page.goto(bookUrl);
  await removeFromShelfIfPresent(page);
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  expect(title.length).toBeGreaterThan(0);

  // Add
  await page.getByLabel('Status', { exact: true }).selectOption('want_to_read');
  await page.getByLabel('Rating').selectOption('4');
  await page.getByLabel('Note').fill(note);
  await page.getByRole('button', { name: 'Add to shelf' }).click();
  await expect(page.getByRole('button', { name: 'Remove from shelf' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();

  await page.goto('/shelf');
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();
  await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();

  // Quick rate: from the browser straight to Hasura with the `hasura` template token (urql), no page reload.
  await expect(page.getByRole('button', { name: 'Open user menu' })).toBeVisible(); // hydrated, Clerk loaded
  await page.getByLabel(`Quick rate ${title}`).selectOption('2');
  await expect(page.getByText('Rating saved')).toBeVisible();
  await page.goto(bookUrl);
  await expect(page.getByLabel('Rating')).toHaveValue('2');

  // Change: the new status and note survive a reload and show in the matching filter only.
  await page.goto(bookUrl);
  await expect(page.getByLabel('Note')).toHaveValue(note);
  await page.getByLabel('Status', { exact: true }).selectOption('reading');
  await page.getByLabel('Note').fill(`${note} (changed)`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible(); // the action finished
  await page.reload();
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('reading');
  await expect(page.getByLabel('Note')).toHaveValue(`${note} (changed)`);

  await page.goto('/shelf');
  await page.getByLabel('Status filter').selectOption('reading');
  await expect(page).toHaveURL(/status=reading/);
  await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();
  await page.getByLabel('Status filter').selectOption('read');
  await expect(page).toHaveURL(/status=read$/);
  await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(0);

  // Remove
  await page.goto(bookUrl);
  await page.getByRole('button', { name: 'Remove from shelf' }).click();
  await expect(page.getByRole('button', { name: 'Add to shelf' })).toBeVisible();
  await page.goto('/shelf');
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();
  await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(0);
});
