import { test as setup } from '@playwright/test';
import { USERS, type UserName } from './support/stack-env.js';
import { signInThroughClerk } from './support/sign-in.js';

for (const name of Object.keys(USERS) as UserName[]) {
  setup(`sign in as ${name}`, async ({ page }) => {
    const user = USERS[name];
    await page.goto('/sign-in');
    await signInThroughClerk(page, user);
    await page.context().storageState({ path: user.storageState });
  });
}
