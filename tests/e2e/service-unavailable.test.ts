import { expect, test } from '@playwright/test';
import { appProductionService, freePort, startService, type RunningService } from '../../scripts/stack.js';
import { localStackEnv } from '../../scripts/local-env.js';
import { E2E_ENV, E2E_PORTS } from './support/stack-env.js';

// App servers of their own, each pointed at a port where nothing listens; the shared stack is untouched.
let hasuraDown: RunningService;
let clerkDown: RunningService;

async function startAppWith(overrides: (port: number, closedPort: number) => Record<string, string>) {
  const [port, closedPort] = [await freePort(), await freePort()];
  return startService(
    {
      ...appProductionService(port),
      env: { ...process.env, ...E2E_ENV.app, PORT: String(port), ...overrides(port, closedPort) },
    },
    { output: () => undefined },
  );
}

test.beforeAll(async () => {
  [hasuraDown, clerkDown] = await Promise.all([
    startAppWith((_, closed) => ({ HASURA_GRAPHQL_ENDPOINT: `http://127.0.0.1:${closed}/v1/graphql` })),
    startAppWith((port, closed) => {
      // Every Clerk URL of the app at the closed port, the rest as in the shared stack.
      const { CLERK_API_URL, CLERK_PROXY_URL, CLERK_JS } = localStackEnv({
        ...E2E_PORTS,
        app: port,
        clerk: closed,
      }).app;
      return { CLERK_API_URL, CLERK_PROXY_URL, CLERK_JS };
    }),
  ]);
  // The local Clerk redirects (its handshake) only to the app's origins: admit this app server's, as a deployer
  // lists another origin in the Clerk dashboard (Backend API `PATCH /v1/instance`, `allowed_origins`).
  const allowed = await fetch(`${E2E_ENV.app.CLERK_API_URL}/v1/instance`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${E2E_ENV.app.CLERK_SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ allowed_origins: [new URL(hasuraDown.url).origin] }),
  });
  expect(allowed.ok).toBe(true);
});

test.afterAll(async () => {
  await Promise.all([hasuraDown?.stop(), clerkDown?.stop()]);
});

test('the catalog answers 503 naming Hasura when the engine is down', async ({ page }) => {
  const response = await page.goto(`${hasuraDown.url}/books`);
  expect(response?.status()).toBe(503);
  await expect(page.getByRole('heading', { name: 'Service unavailable' })).toBeVisible();
  await expect(page.getByText(/Hasura/).first()).toBeVisible();
});

test('pages answer 503 naming Clerk when the Clerk server is down', async ({ page }) => {
  const response = await page.goto(`${clerkDown.url}/books`);
  expect(response?.status()).toBe(503);
  await expect(page.getByRole('heading', { name: 'Service unavailable' })).toBeVisible();
  await expect(page.getByText(/Clerk is not reachable/)).toBeVisible();
});
