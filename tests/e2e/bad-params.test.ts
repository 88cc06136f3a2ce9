import { expect, test } from '@playwright/test';

test.use({ storageState: { cookies: [], origins: [] } });

// Hostile values in every route's parameters: a page that says what is wrong, or a clamped answer; never a 5xx.
const cases: { path: string; status: number; text: RegExp }[] = [
  // Pages are keyset cursors now: the old ?page= means nothing (the first page); a broken cursor is a 400.
  { path: '/books?page=99999999999', status: 200, text: /1,000\+ books/ },
  { path: '/books?page=-5', status: 200, text: /1,000\+ books/ },
  { path: '/books?after=not-a-cursor', status: 400, text: /This page link is broken/ },
  { path: `/books?before=${'A'.repeat(5000)}`, status: 400, text: /This page link is broken/ },
  { path: '/books?q=%00', status: 200, text: /1,000\+ books/ },
  { path: '/books?q=river%00bank', status: 200, text: /\d books?|No books found/ },
  { path: `/books?q=${'x'.repeat(5000)}`, status: 200, text: /No books found/ },
  { path: '/books?q=%25%5F%5C', status: 200, text: /\d books?|No books found/ },
  { path: '/books?genre=No%20such%20genre', status: 200, text: /No books found/ },
  { path: '/books?genre=%00', status: 200, text: /1,000\+ books/ },
  { path: '/books/abc', status: 404, text: /There is no book with this id/ },
  { path: '/books/99999999999999999999', status: 404, text: /There is no book with this id/ },
  { path: '/books/%00', status: 404, text: /There is no book with this id/ },
  { path: '/books/00000000-0000-0000-0000-000000000000', status: 404, text: /There is no book with this id/ },
  { path: '/shelf?status=%00', status: 200, text: /Sign in/ }, // signed out: on to sign-in
];

for (const { path, status, text } of cases) {
  test(`${path.slice(0, 60)} → ${status}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response!.status()).toBe(status);
    await expect(page.locator('body')).toContainText(text);
  });
}
