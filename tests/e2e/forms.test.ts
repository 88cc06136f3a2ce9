import { expect, test, type Page } from '@playwright/test';
import { seededBookId } from './support/books.js';
import { removeFromShelfIfPresent } from './support/pages.js';
import { USERS } from './support/stack-env.js';

test.use({ storageState: USERS.alice.storageState });

const bookUrl = `/books/${seededBookId(4404)}`;
const tooLong = 'x'.repeat(2001);

test.afterEach(async ({ page }) => {
  await page.goto(bookUrl);
  await removeFromShelfIfPresent(page);
});

/** The note's field error is tied to the field: aria-invalid, and the message as its accessible description. */
async function expectNoteError(page: Page) {
  const note = page.getByLabel('Note');
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await expect(note).toHaveAccessibleDescription(/Keep the note under 2,000 characters/);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the shelf form posts, shows field errors from the server, then adds and removes', async ({ page }) => {
    await page.goto(bookUrl);
    await removeFromShelfIfPresent(page);
    await page.getByLabel('Status', { exact: true }).selectOption('reading');
    await page.getByLabel('Note').fill(tooLong);
    const answered = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Add to shelf' }).click();
    expect((await answered).status()).toBe(400);
    await expectNoteError(page);
    // What was typed stays in the form, so it can be corrected.
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('reading');
    await expect(page.getByLabel('Note')).toHaveValue(tooLong);

    await page.getByLabel('Note').fill('fine now');
    await page.getByRole('button', { name: 'Add to shelf' }).click();
    await expect(page.getByRole('status')).toHaveText('Added to your shelf.');
    await expect(page.getByLabel('Note')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Note')).toHaveValue('fine now');

    await page.getByRole('button', { name: 'Remove from shelf' }).click();
    await expect(page.getByRole('status')).toHaveText('Removed from your shelf.');
    await expect(page.getByRole('button', { name: 'Add to shelf' })).toBeVisible();
  });
});

test('with JavaScript the same schema shows the field error before anything is sent', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(bookUrl);
  // Hydrated, clerk-js loaded (slow on a loaded machine).
  await expect(page.getByRole('button', { name: 'Open user menu' })).toBeVisible({ timeout: 30_000 });
  await removeFromShelfIfPresent(page);
  let posts = 0;
  page.on('request', (request) => void (request.method() === 'POST' && (posts += 1)));
  await page.getByLabel('Note').fill(tooLong);
  await page.getByRole('button', { name: 'Add to shelf' }).click();
  await expectNoteError(page);
  expect(posts).toBe(0);
  await page.getByLabel('Note').fill('short');
  await expect(page.getByLabel('Note')).not.toHaveAttribute('aria-invalid', 'true'); // revalidated on input
  await page.getByRole('button', { name: 'Add to shelf' }).click();
  await expect(page.getByRole('status')).toHaveText('Added to your shelf.');
});
