import { expect, test } from '@playwright/test';
import { appProductionService, freePort, startService, type RunningService } from '../../scripts/stack.js';
import { E2E_ENV } from './support/stack-env.js';

// A second app server of its own, pointed at a Hasura port where nothing listens; the shared stack is untouched.
let app: RunningService;

test.beforeAll(async () => {
  const [port, closedHasuraPort] = [await freePort(), await freePort()];
  app = await startService(
    {
      ...appProductionService(port),
      env: {
        ...process.env,
        ...E2E_ENV.app,
        PORT: String(port),
        HASURA_GRAPHQL_ENDPOINT: `http://127.0.0.1:${closedHasuraPort}/v1/graphql`,
      },
    },
    { output: () => undefined },
  );
});

test.afterAll(async () => {
  await app?.stop();
});

test('the catalog answers 503 naming Hasura when the engine is down', async ({ page }) => {
  const response = await page.goto(`${app.url}/books`);
  expect(response?.status()).toBe(503);
  await expect(page.getByRole('heading', { name: 'Service unavailable' })).toBeVisible();
  await expect(page.getByText(/Hasura/).first()).toBeVisible();
});
