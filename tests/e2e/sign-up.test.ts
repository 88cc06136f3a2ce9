import { createClerkClient } from '@clerk/backend';
import { expect, test } from '@playwright/test';
import { E2E_ENV } from './support/stack-env.js';

test.use({ storageState: { cookies: [], origins: [] } });

const clerk = createClerkClient({ secretKey: E2E_ENV.app.CLERK_SECRET_KEY, apiUrl: E2E_ENV.app.CLERK_API_URL });
const email = `e2e-sign-up-${Date.now()}@example.com`;

test.afterAll(async () => {
  // The user this test made goes away again, through the Backend API as an admin tool would.
  const { data: users } = await clerk.users.getUserList({ emailAddress: [email] });
  for (const user of users) await clerk.users.deleteUser(user.id);
});

test('a new user signs up with an email code and lands on an empty shelf', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Email address').fill(email);
  await page.locator('input[name="password"]').fill('a-long-local-password-42');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Clerk's test-mode verification code.
  await expect(page.getByText(/verify your email/i)).toBeVisible();
  await page.keyboard.type('424242');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));

  await page.goto('/shelf');
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();
  await expect(page.getByText('Your shelf is empty.')).toBeVisible();
  const { data: users } = await clerk.users.getUserList({ emailAddress: [email] });
  expect(users).toHaveLength(1);
});
