import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.js';
import { APP_URL, E2E_ENV, E2E_PORTS } from './tests/e2e/support/stack-env.js';

const ci = !!process.env.CI;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: ci ? 1 : 0,
  workers: 2, // 2 cores shared with the three servers
  forbidOnly: ci,
  reporter: ci ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: APP_URL,
    trace: 'on-first-retry',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    // One sign-in per user through Clerk's <SignIn/>; the state lands in playwright/.auth/<user>.json (git-ignored).
    { name: 'setup alice', testMatch: /auth\.setup\.ts/, grep: /sign in as alice/ },
    { name: 'setup bob', testMatch: /auth\.setup\.ts/, grep: /sign in as bob/ },
    { name: 'chromium', testMatch: /.*\.test\.ts/, dependencies: ['setup alice', 'setup bob'] },
  ],
  // Started in this order, each waiting on its own health URL: Clerk (Hasura fetches its JWKS), Hasura, the app.
  webServer: [
    {
      name: 'Clerk',
      command: 'npm run emulator:clerk',
      env: E2E_ENV.clerk,
      url: `http://127.0.0.1:${E2E_PORTS.clerk}/.well-known/jwks.json`,
      reuseExistingServer: !ci,
      timeout: 60_000,
    },
    {
      name: 'Hasura',
      command: 'npm run emulator:hasura',
      env: E2E_ENV.hasura,
      url: `http://127.0.0.1:${E2E_PORTS.hasura}/healthz`,
      reuseExistingServer: !ci,
      timeout: 120_000,
    },
    {
      name: 'app',
      command: 'npm run build && npm start',
      env: E2E_ENV.app,
      url: `${APP_URL}/healthz`,
      reuseExistingServer: !ci,
      timeout: 240_000,
    },
  ],
});
