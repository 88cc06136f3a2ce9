import { createClerkClient } from '@clerk/backend';
import { expect, test, type Page } from '@playwright/test';
import { E2E_ENV, E2E_PORTS } from './support/stack-env.js';
import { signInThroughClerk } from './support/sign-in.js';

/**
 * Account flows of the local Clerk through the app's own pages: "Forgot password?" on /sign-in, and "Manage account"
 * from the header's <UserButton/>. Codes are read from the local Clerk's /mailbox page, as a developer would.
 */
const CLERK_URL = `http://127.0.0.1:${E2E_PORTS.clerk}`;
const clerk = createClerkClient({ secretKey: E2E_ENV.app.CLERK_SECRET_KEY, apiUrl: E2E_ENV.app.CLERK_API_URL });
const created: string[] = [];

test.use({ storageState: { cookies: [], origins: [] } });
// Each test walks several Clerk screens and a second tab; on a loaded machine that takes more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

test.afterAll(async () => {
  for (const id of created) await clerk.users.deleteUser(id).catch(() => {});
});

async function newUser(name: string) {
  const email = `e2e-${name}-${Date.now()}@example.com`;
  const password = `${name}-local-password-1`;
  const user = await clerk.users.createUser({ emailAddress: [email], password, firstName: name });
  created.push(user.id);
  return { email, password };
}

/** Fails the test on any answer of the local Clerk that means "this control is not emulated". */
function failOnMissingRoutes(page: Page): string[] {
  const missing: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(CLERK_URL) || response.status() < 400) return;
    const body = await response.text().catch(() => '');
    if (response.status() >= 500 || body.includes('No route')) missing.push(`${response.status()} ${response.url()}`);
  });
  return missing;
}

/** The newest code on the local Clerk's mailbox page for an address, read in a tab of its own (reloaded until it came). */
async function codeFromMailbox(page: Page, email: string): Promise<string> {
  const mailbox = await page.context().newPage();
  const codes = mailbox.locator('code.code');
  await expect(async () => {
    await mailbox.goto(`${CLERK_URL}/mailbox?to=${encodeURIComponent(email)}`);
    expect(await codes.count()).toBeGreaterThan(0);
  }).toPass({ timeout: 15_000 });
  const code = (await codes.first().textContent())!;
  await mailbox.close();
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

test('"Forgot password?" on the sign-in page resets the password with a code from the mailbox', async ({ page }) => {
  const missing = failOnMissingRoutes(page);
  const user = await newUser('reset');
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(user.email);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByText('Forgot password?').click();
  await page.getByRole('button', { name: 'Reset your password' }).click();
  const codeField = page.locator('input[autocomplete="one-time-code"]').first();
  await expect(codeField).toBeVisible();
  await codeField.fill(await codeFromMailbox(page, user.email));
  await page.locator('input[name="password"]').fill('reset-new-password-2');
  await page.locator('input[name="confirmPassword"]').fill('reset-new-password-2');
  await page.getByRole('button', { name: 'Reset Password' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.goto('/shelf');
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();

  // The new password signs in; the old one no longer does.
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await signInThroughClerk(page, { email: user.email, password: 'reset-new-password-2' });
  await page.goto('/shelf');
  await expect(page.getByRole('heading', { name: 'My shelf' })).toBeVisible();
  expect(missing).toEqual([]);
});

test('"Manage account" adds an email address, verified with the mailed code, and makes it primary', async ({
  page,
}) => {
  const missing = failOnMissingRoutes(page);
  const user = await newUser('profile');
  await page.goto('/sign-in');
  await signInThroughClerk(page, user);
  await page.goto('/books');
  await page.locator('.cl-userButtonTrigger').click();
  await page.getByRole('menuitem', { name: 'Manage account' }).click();

  const added = `e2e-profile-new-${Date.now()}@example.com`;
  await page.getByRole('button', { name: 'Add email address' }).click();
  await page.locator('input[name="emailAddress"]').fill(added);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page
    .locator('input[autocomplete="one-time-code"]')
    .first()
    .fill(await codeFromMailbox(page, added));
  const row = page.locator('.cl-profileSectionItem__emailAddresses').filter({ hasText: added });
  await expect(row.getByText('Unverified')).toHaveCount(0);
  await row.getByRole('button').last().click();
  await page.getByRole('menuitem', { name: 'Set as primary' }).click();
  await expect(page.locator('.cl-profileSectionItem__emailAddresses').filter({ hasText: 'Primary' })).toContainText(
    added,
  );

  const { data: users } = await clerk.users.getUserList({ emailAddress: [added] });
  expect(users[0]?.primaryEmailAddress?.emailAddress).toBe(added);
  expect(missing).toEqual([]);
});
