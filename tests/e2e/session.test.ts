import { expect, test } from '@playwright/test';
import { USERS } from './support/stack-env.js';

test.use({ storageState: USERS.alice.storageState });

test('a lost session cookie is restored by the Clerk handshake, still signed in', async ({ page, context }) => {
  await page.goto('/shelf');
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();

  // As after the 60 s token expired with no tab open: the server sees __client_uat without __session.
  // (Leave the app first, so clerk-js in the tab cannot renew the cookie before the next request.)
  await page.goto('about:blank');
  await context.clearCookies({ name: /^__session/ });
  const navigations: string[] = [];
  page.on('request', (request) => request.isNavigationRequest() && navigations.push(request.url()));
  await page.goto('/shelf');
  await expect(page).toHaveURL(/\/shelf$/);
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();
  expect(navigations.some((url) => new URL(url).pathname === '/v1/client/handshake')).toBe(true);
  const cookies = await context.cookies();
  expect(cookies.some((cookie) => cookie.name.startsWith('__session') && cookie.value.length > 0)).toBe(true);
});
