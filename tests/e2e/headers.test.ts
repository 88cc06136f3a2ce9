import { expect, test, type Response } from '@playwright/test';
import { startOtherSite } from './support/other-site.js';
import { APP_URL, USERS } from './support/stack-env.js';

function expectSecurityHeaders(response: Response | null) {
  const headers = response!.headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['vary']).toMatch(/\bcookie\b/i);
}

test.describe('signed in', () => {
  test.use({ storageState: USERS.alice.storageState });

  test('pages and data responses are private, never stored, and vary by cookie', async ({ page }) => {
    const response = await page.goto('/books');
    expectSecurityHeaders(response);
    expect(response!.headers()['cache-control']).toBe('private, no-store');

    // A client-side navigation fetches the next page's data from `<path>.data` (single fetch).
    const dataUrl = `${APP_URL}/books.data?q=river`;
    const data = page.waitForResponse(dataUrl);
    await page.evaluate((url) => fetch(url).then((r) => r.text()), dataUrl);
    const dataResponse = await data;
    expect(dataResponse.status()).toBe(200);
    expectSecurityHeaders(dataResponse);
    expect(dataResponse.headers()['cache-control']).toBe('private, no-store');

    expect((await page.goto('/status'))!.headers()['cache-control']).toBe('private, no-store');
  });
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('every page carries the security headers; /status is no-store', async ({ page }) => {
    for (const path of ['/books', '/about', '/sign-in', '/healthz']) {
      const response = await page.goto(path);
      if (path === '/healthz') expect(response!.headers()['x-frame-options']).toBe('DENY');
      else expectSecurityHeaders(response);
    }
    expect((await page.goto('/status'))!.headers()['cache-control']).toContain('no-store');
  });

  test('another site cannot frame the app', async ({ page }) => {
    const attacker = await startOtherSite(`<!doctype html><iframe name="app" src="${APP_URL}/books"></iframe>`);
    try {
      // (A first visit to a Clerk development instance may go through the handshake first: wait for the page.)
      const framed = page.waitForResponse((r) => r.url() === `${APP_URL}/books` && r.status() === 200);
      await page.goto(`${attacker.origin}/frame`);
      await framed; // the app answered; the browser must refuse to show it in the frame
      await page.waitForLoadState('load');
      const frame = page.frame({ name: 'app' });
      expect(frame).not.toBeNull();
      expect(await frame!.locator('h1', { hasText: 'Books' }).count()).toBe(0);
      expect(frame!.url()).not.toBe(`${APP_URL}/books`);
    } finally {
      await attacker.close();
    }
  });
});

test('public/ files are served with an hour of caching; other paths go to the app', async ({ request }) => {
  for (const [path, type] of [
    ['/styles.css', 'text/css'],
    ['/favicon.svg', 'image/svg+xml'],
    ['/%73tyles.css', 'text/css'], // percent-encoded: the same file
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toContain(type);
    expect(response.headers()['cache-control'], path).toBe('public, max-age=3600');
  }
  for (const path of ['/styles.css/', '/nope.css', '/%E0%A4%A.css', '/../package.json', '/build/../package.json']) {
    const response = await request.get(path);
    expect(response.status(), path).toBeGreaterThanOrEqual(400);
    expect(await response.text(), path).not.toContain('"dependencies"');
  }
});
