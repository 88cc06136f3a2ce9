/**
 * Clerk webhooks end to end: a user signs up with a name, shares a review, and the book page (signed out too)
 * shows that name — which reached the database only through the local Clerk's user.created webhook to
 * /webhooks/clerk. A rename (profile dialog, then Backend API) reaches the review; deleting the account from the
 * profile dialog removes the user's row, shelf entries and reviews (checked in Hasura as admin).
 */
import { createClerkClient } from '@clerk/backend';
import { expect, test, type Page } from '@playwright/test';
import { seededBookId } from './support/books.js';
import { asAdmin } from './support/hasura-admin.js';
import { E2E_ENV } from './support/stack-env.js';

test.use({ storageState: { cookies: [], origins: [] } });

const clerk = createClerkClient({ secretKey: E2E_ENV.app.CLERK_SECRET_KEY, apiUrl: E2E_ENV.app.CLERK_API_URL });
const bookUrl = `/books/${seededBookId(4312)}`;
const email = `e2e-webhooks-${Date.now()}@example.com`;
const note = `A review written for the webhook test ${Date.now()}`;

test.afterAll(async () => {
  const { data: users } = await clerk.users.getUserList({ emailAddress: [email] });
  for (const user of users) await clerk.users.deleteUser(user.id);
});

/** The shared review with our note, as the book page shows it (reloading: webhooks arrive asynchronously). */
async function expectReviewBy(page: Page, name: string) {
  await expect(async () => {
    await page.goto(bookUrl);
    const review = page.getByRole('list', { name: 'Shared reviews' }).getByRole('listitem').filter({ hasText: note });
    await expect(review).toContainText(name, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

async function userData(userId: string) {
  return asAdmin<{
    users_by_pk: { display_name: string } | null;
    shelf_entries: { id: string }[];
    book_reviews: { id: string }[];
  }>(
    `query ($userId: String!, $note: String!) {
      users_by_pk(id: $userId) { display_name }
      shelf_entries(where: { user_id: { _eq: $userId } }) { id }
      book_reviews(where: { note: { _eq: $note } }) { id }
    }`,
    { userId, note },
  );
}

test('a shared review carries the Clerk name through sign-up, renames and account deletion', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.goto('/sign-up');
  await page.getByLabel('First name').fill('Wendy');
  await page.getByLabel('Last name').fill('Hook');
  await page.getByLabel('Email address').fill(email);
  await page.locator('input[name="password"]').fill('a-long-local-password-42');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByText(/verify your email/i)).toBeVisible();
  await page.keyboard.type('424242');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'));
  const { data: users } = await clerk.users.getUserList({ emailAddress: [email] });
  const userId = users[0]!.id;

  await page.goto(bookUrl);
  await page.getByLabel('Status', { exact: true }).selectOption('read');
  await page.getByLabel('Rating').selectOption('4');
  await page.getByLabel('Note').fill(note);
  await page.getByLabel(/Share this review publicly/).check();
  await page.getByRole('button', { name: 'Add to shelf' }).click();
  await expect(page.getByRole('status')).toHaveText('Added to your shelf.');
  await expectReviewBy(page, 'Wendy Hook');

  // Signed out: the review, the name, the avatar and the average.
  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const anonymous = await visitor.newPage();
  await expectReviewBy(anonymous, 'Wendy Hook');
  const review = anonymous.getByRole('listitem').filter({ hasText: note });
  await expect(review.locator('img')).toHaveAttribute('src', new RegExp(`/avatars/${userId}\\.svg$`));
  await expect(anonymous.getByText(/Average rating: \d\.\d out of 5/)).toBeVisible();

  // Rename in Clerk's profile dialog (<UserButton/> → Manage account).
  await page.getByRole('button', { name: 'Open user menu' }).click();
  await page.getByRole('menuitem', { name: /manage account/i }).click();
  const profile = page.getByRole('dialog');
  await profile.getByRole('button', { name: /update profile/i }).click();
  await profile.getByLabel('First name').fill('Wilma');
  await profile.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(profile.getByRole('button', { name: /update profile/i })).toBeVisible();
  await page.keyboard.press('Escape');
  await expectReviewBy(anonymous, 'Wilma Hook');

  // And through the Backend API (PATCH /v1/users/{id}), as an admin tool would.
  await clerk.users.updateUser(userId, { lastName: 'Backend' });
  await expectReviewBy(anonymous, 'Wilma Backend');

  expect(await userData(userId)).toEqual({
    users_by_pk: { display_name: 'Wilma Backend' },
    shelf_entries: [{ id: expect.any(String) }],
    book_reviews: [{ id: expect.any(String) }],
  });

  // Delete the account from the profile dialog.
  await page.goto(bookUrl);
  await page.getByRole('button', { name: 'Open user menu' }).click();
  await page.getByRole('menuitem', { name: /manage account/i }).click();
  await profile.getByRole('button', { name: /security/i }).click();
  await profile.getByRole('button', { name: /delete account/i }).click();
  await profile.getByLabel(/type "delete account"/i).fill('Delete account');
  await profile
    .getByRole('button', { name: /delete account/i })
    .last()
    .click();

  await expect(async () => {
    expect(await userData(userId)).toEqual({ users_by_pk: null, shelf_entries: [], book_reviews: [] });
  }).toPass({ timeout: 20_000 });
  await anonymous.goto(bookUrl);
  await expect(anonymous.getByText(note)).toHaveCount(0);
  await visitor.close();
});
