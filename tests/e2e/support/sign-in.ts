import { expect, type Page } from '@playwright/test';

/**
 * Signs in through Clerk's real `<SignIn/>` on the current page: email, then password (on the same screen or the
 * next, depending on the instance settings), then waits until Clerk leaves the sign-in page.
 */
export async function signInThroughClerk(page: Page, user: { email: string; password: string }): Promise<void> {
  const identifier = page.getByLabel('Email address');
  await identifier.fill(user.email);
  const password = page.locator('input[name="password"]');
  const continueButton = page.getByRole('button', { name: 'Continue', exact: true });
  if (!(await password.isVisible())) {
    await continueButton.click();
    await expect(password).toBeVisible();
  }
  await password.fill(user.password);
  await continueButton.click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
