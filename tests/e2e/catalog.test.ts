import { expect, test, type Page } from '@playwright/test';
import { USERS } from './support/stack-env.js';

test.use({ storageState: USERS.alice.storageState });

const pageCount = async (page: Page) => {
  const text = await page.getByText(/Page \d+ of \d+/).textContent();
  const [, current, total] = /Page (\d+) of (\d+)/.exec(text ?? '') ?? [];
  return { current: Number(current), total: Number(total) };
};
/** The URL changes before the filtered page renders: wait until the page count no longer shows the unfiltered total. */
const filteredPageCount = async (page: Page, unfilteredTotal: number) => {
  await expect(page.getByText(/Page \d+ of \d+/)).not.toHaveText(`Page 1 of ${unfilteredTotal}`);
  return pageCount(page);
};
const bookTitles = (page: Page) => page.locator('main a[href^="/books/"]').allTextContents();

test('search narrows the catalog to matching titles', async ({ page }) => {
  await page.goto('/books');
  const all = await pageCount(page);
  expect(all.total).toBeGreaterThan(1);

  await page.getByLabel('Search books').fill('lighthouse');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/lighthouse/i);
  const found = await filteredPageCount(page, all.total);
  expect(found.current).toBe(1);
  expect(found.total).toBeLessThan(all.total);
  const titles = await bookTitles(page);
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles) expect(title.toLowerCase()).toContain('lighthouse');

  await page.getByLabel('Search books').fill('no book is called this');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('main a[href^="/books/"]')).toHaveCount(0);
});

test('Next and Previous page through the catalog', async ({ page }) => {
  await page.goto('/books');
  const first = await bookTitles(page);
  const { total } = await pageCount(page);

  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page.getByText(`Page 2 of ${total}`)).toBeVisible();
  const second = await bookTitles(page);
  expect(second.length).toBeGreaterThan(0);
  expect(second).not.toEqual(first);
  for (const title of second) expect(first).not.toContain(title);

  await page.getByRole('link', { name: 'Previous' }).click();
  await expect(page.getByText(`Page 1 of ${total}`)).toBeVisible();
  expect(await bookTitles(page)).toEqual(first);
});

test('the genre filter keeps only books of that genre', async ({ page }) => {
  await page.goto('/books');
  const all = await pageCount(page);
  await page.getByLabel('Genre').selectOption({ label: 'Poetry' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/genre=Poetry/);
  const poetry = await filteredPageCount(page, all.total);
  expect(poetry.total).toBeLessThan(all.total);

  // Every listed book really is poetry: check on its own page.
  const links = page.locator('main a[href^="/books/"]');
  const hrefs = await links.evaluateAll((anchors) => anchors.slice(0, 3).map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    await page.goto(href!);
    await expect(page.getByText('Poetry', { exact: true })).toBeVisible();
  }
});
