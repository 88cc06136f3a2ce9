import { expect, test } from '@playwright/test';
import { APP_URL, E2E_PORTS, USERS } from './support/stack-env.js';

const CLERK_URL = `http://127.0.0.1:${E2E_PORTS.clerk}`;

test.use({ storageState: USERS.alice.storageState });

/**
 * The app and the local Clerk share the host 127.0.0.1, so a signed-in visitor's browser sends its dev-browser cookie
 * to the Clerk port. A link to the handshake with a foreign redirect_url must not hand that session to the foreign host.
 */
test('the local Clerk refuses a handshake to a foreign redirect_url: 400, no redirect, no cookies', async ({
  page,
}) => {
  await page.goto('/shelf');
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();

  // Every request to a foreign host (by hostname, not by text: the handshake URL itself names evil.example).
  const isForeign = (url: URL) => url.hostname === 'evil.example' || url.port === '9999';
  const foreign: string[] = [];
  page.on('request', (request) => isForeign(new URL(request.url())) && foreign.push(request.url()));
  await page.route(isForeign, (route) => route.fulfill({ status: 200, body: 'stolen' }));

  for (const target of [
    'https://evil.example/steal',
    'http://127.0.0.1:9999/steal',
    '//evil.example/steal',
    `${APP_URL}@evil.example/`,
  ]) {
    const response = await page.goto(`${CLERK_URL}/v1/client/handshake?redirect_url=${encodeURIComponent(target)}`);
    expect(response?.status(), target).toBe(400);
    const request = await response!.request().allHeaders();
    expect(request.cookie, 'the attack scenario: the browser did send its Clerk cookie').toContain('__clerk_db_jwt');
    expect(response!.headers()['set-cookie']).toBeUndefined();
    expect(response!.headers().location).toBeUndefined();
    const body = JSON.parse(await response!.text());
    expect(body.errors[0].code).toBe('invalid_handshake');
    expect(page.url()).toMatch(new RegExp(`^${CLERK_URL}/v1/client/handshake`));
  }
  expect(foreign).toEqual([]);

  // The same link with the app's own origin still works: back on the app, signed in.
  await page.goto(`${CLERK_URL}/v1/client/handshake?redirect_url=${encodeURIComponent(`${APP_URL}/shelf`)}`);
  await expect(page).toHaveURL(new RegExp(`^${APP_URL}/shelf`));
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();
});
