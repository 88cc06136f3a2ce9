import { expect, test } from '@playwright/test';
import { USERS } from './support/stack-env.js';

test.use({ storageState: USERS.alice.storageState });

test('/status introspects the schema with the signed-in user token', async ({ page }) => {
  await page.goto('/status');
  const text = await page.getByText(/GraphQL schema has \d+ types/).textContent();
  const types = Number(/has (\d+) types/.exec(text ?? '')?.[1]);
  expect(types).toBeGreaterThan(0);
});
