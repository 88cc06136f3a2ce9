import { createClerkClient } from '@clerk/backend';
import { expect, test } from '@playwright/test';
import { signInThroughClerk } from './support/sign-in.js';
import { E2E_ENV } from './support/stack-env.js';

test.use({ storageState: { cookies: [], origins: [] } });

const clerk = createClerkClient({ secretKey: E2E_ENV.app.CLERK_SECRET_KEY, apiUrl: E2E_ENV.app.CLERK_API_URL });

test('a user deleted through the Backend API while the session cookie is still valid is signed out, not told to create a template', async ({
  page,
}) => {
  // A throwaway user: deleting it ends its sessions and touches no other test.
  const user = { email: `e2e-ended-${Date.now()}@example.com`, password: `e2e-ended-password-${Date.now()}` };
  const created = await clerk.users.createUser({ emailAddress: [user.email], password: user.password });
  let deleted = false;
  try {
    // Land on /about: no Hasura query there, so the server holds no template token for this session yet.
    await page.goto('/sign-in?redirect_url=%2Fabout');
    await signInThroughClerk(page, user);
    await expect(page).toHaveURL(/\/about$/);
    // Leave the app, so clerk-js in the tab cannot learn of the end and drop the cookie before the next request.
    await page.goto('about:blank');
    await clerk.users.deleteUser(created.id);
    deleted = true;

    const response = await page.goto('/shelf');
    expect(response?.status()).toBeLessThan(500);
    await expect(page).toHaveURL(/\/sign-in\?redirect_url=%2Fshelf/);
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expect(page.getByText(/JWT template/)).toHaveCount(0);
  } finally {
    if (!deleted) await clerk.users.deleteUser(created.id);
  }
});
