import { expect, test } from '@playwright/test';

test.use({ storageState: { cookies: [], origins: [] } });

// Hostile values in every route's parameters: a page that says what is wrong, or a clamped answer; never a 5xx.
const cases: { path: string; status: number; text: RegExp }[] = [
  { path: '/books?page=99999999999', status: 404, text: /There is no page 99999999999 of the catalog/ },
  { path: '/books?page=251', status: 404, text: /There is no page 251 of the catalog: this search has 250 pages/ },
  { path: '/books?page=-5', status: 200, text: /Page 1 of 250/ },
  { path: '/books?page=abc', status: 200, text: /Page 1 of 250/ },
  { path: '/books?page=1e400', status: 200, text: /Page 1 of 250/ },
  { path: '/books?q=%00', status: 200, text: /Page 1 of 250/ },
  { path: '/books?q=river%00bank', status: 200, text: /Page 1 of/ },
  { path: `/books?q=${'x'.repeat(5000)}`, status: 200, text: /No books found/ },
  { path: '/books?q=%25%5F%5C', status: 200, text: /Page 1 of/ },
  { path: '/books?genre=No%20such%20genre', status: 200, text: /No books found/ },
  { path: '/books?genre=%00', status: 200, text: /Page 1 of 250/ },
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
