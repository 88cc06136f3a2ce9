import { expect, test, type Page } from '@playwright/test';
import { USERS } from './support/stack-env.js';

test.use({ storageState: USERS.alice.storageState });

/** The catalog's count line: "1,000+ books", "243 books match", "1 book match". */
const countLine = (page: Page) => page.getByText(/^[\d,]+\+? books?( match)?$/);
/** The count shown, or Infinity for "1,000+". */
const shownCount = async (page: Page) => {
  const text = (await countLine(page).textContent()) ?? '';
  return text.includes('+') ? Infinity : Number(text.replace(/[^\d]/g, ''));
};
const bookTitles = (page: Page) => page.locator('main a[href^="/books/"]').allTextContents();

test('search narrows the catalog to matching titles', async ({ page }) => {
  await page.goto('/books');
  await expect(countLine(page)).toHaveText('1,000+ books');

  await page.getByLabel('Search books').fill('lighthouse');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/lighthouse/i);
  await expect(countLine(page)).toHaveText(/ match$/);
  expect(await shownCount(page)).toBeGreaterThan(0);
  const titles = await bookTitles(page);
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles) expect(title.toLowerCase()).toContain('lighthouse');

  await page.getByLabel('Search books').fill('no book is called this');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(countLine(page)).toHaveText('0 books match');
  await expect(page.locator('main a[href^="/books/"]')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Next' })).toHaveCount(0);
});

test('Next and Previous page through the catalog', async ({ page }) => {
  await page.goto('/books');
  const first = await bookTitles(page);
  await expect(page.getByRole('link', { name: 'Previous' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.getByRole('link', { name: 'Previous' })).toBeVisible();
  await expect.poll(() => bookTitles(page)).not.toEqual(first);
  const second = await bookTitles(page);
  expect(second.length).toBeGreaterThan(0);
  expect(second).not.toEqual(first);
  for (const title of second) expect(first).not.toContain(title);

  const secondUrl = page.url();
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).not.toHaveURL(secondUrl);
  await page.getByRole('link', { name: 'Previous' }).click();
  await expect(page).toHaveURL(/before=/);
  // The URL can change before the page has rendered the new rows: wait for them.
  await expect.poll(() => bookTitles(page)).toEqual(second);
  await page.getByRole('link', { name: 'Previous' }).click();
  await expect(page.getByRole('link', { name: 'Previous' })).toHaveCount(0);
  await expect.poll(() => bookTitles(page)).toEqual(first);

  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page.getByRole('link', { name: 'First page' })).toBeVisible();
  await page.getByRole('link', { name: 'First page' }).click();
  await expect(page).toHaveURL(/\/books$/);
  await expect.poll(() => bookTitles(page)).toEqual(first);
});

test('a broken page link says so (400)', async ({ page }) => {
  const response = await page.goto('/books?after=broken');
  expect(response?.status()).toBe(400);
  await expect(page.getByText('This page link is broken')).toBeVisible();
});

test('the genre filter keeps only books of that genre', async ({ page }) => {
  await page.goto('/books');
  await page.getByLabel('Genre').selectOption({ label: 'Poetry' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/genre=Poetry/);
  await expect(countLine(page)).toHaveText(/ match$/);

  // Every listed book really is poetry: check on its own page.
  const links = page.locator('main a[href^="/books/"]');
  const hrefs = await links.evaluateAll((anchors) => anchors.slice(0, 3).map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    await page.goto(href!);
    await expect(page.getByText('Poetry', { exact: true })).toBeVisible();
  }
});

test('a title in the catalog opens its book page without reloading the document; a modified click is left to the browser', async ({
  page,
  context,
}) => {
  await page.goto('/books');
  const link = page.locator('main a[href^="/books/"]').first();
  const title = (await link.textContent())!;
  const href = (await link.getAttribute('href'))!;
  // Wait for hydration (the live shelf count appears once the client runs), then mark this document.
  await expect(page.locator('.nav-count')).toBeVisible();
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  // Ctrl+click: a new tab, this page stays where it is.
  const [opened] = await Promise.all([context.waitForEvent('page'), link.click({ modifiers: ['ControlOrMeta'] })]);
  await opened.close();
  await expect(page).toHaveURL(/\/books$/);

  await link.click();
  await expect(page).toHaveURL(href);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
