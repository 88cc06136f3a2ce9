import { expect, test } from '@playwright/test';
import { signInThroughClerk } from './support/sign-in.js';
import { USERS } from './support/stack-env.js';

// Fresh, signed-out browser contexts: signing out here must not end the sessions other tests share.
test.use({ storageState: { cookies: [], origins: [] } });

test('signed-out /shelf goes to sign-in and comes back after signing in', async ({ page }) => {
  await page.goto('/shelf');
  await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
  const redirectUrl = new URL(page.url()).searchParams.get('redirect_url');
  expect(redirectUrl).toContain('/shelf');

  await signInThroughClerk(page, USERS.alice);
  await expect(page).toHaveURL(/\/shelf$/);
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();
});

test('sign out through the user menu', async ({ page }) => {
  await page.goto('/sign-in');
  await signInThroughClerk(page, USERS.bob);
  await page.goto('/shelf');
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();

  await page.getByRole('button', { name: 'Open user menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();

  // The session is gone on the server too, not only in this tab.
  await page.goto('/shelf');
  await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
});
