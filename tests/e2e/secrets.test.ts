import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { LOCAL_CLERK_SECRET_KEY } from '../../scripts/local-env.js';
import { seededBookId } from './support/books.js';
import { E2E_ENV, USERS } from './support/stack-env.js';

const SECRETS = [
  LOCAL_CLERK_SECRET_KEY,
  E2E_ENV.hasura.HASURA_GRAPHQL_ADMIN_SECRET,
  E2E_ENV.app.CLERK_WEBHOOK_SIGNING_SECRET,
];
const PAGES = [
  '/',
  '/books',
  '/books?q=river',
  `/books/${seededBookId(1)}`,
  '/shelf',
  '/status',
  '/sign-in',
  '/sign-up',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function expectNoSecretsInPages(request: APIRequestContext) {
  for (const path of PAGES) {
    const response = await request.get(path);
    expect(response.status(), path).toBeLessThan(500);
    const html = await response.text();
    for (const secret of SECRETS) expect(html, `${path} leaks a secret`).not.toContain(secret);
  }
}

test('no secret in the HTML of any page, signed out', async ({ request }) => {
  await expectNoSecretsInPages(request);
});

test.describe('signed in', () => {
  test.use({ storageState: USERS.alice.storageState });
  test('no secret in the HTML of any page', async ({ page }) => {
    await page.goto('/books'); // refreshes the session cookie before the plain requests below
    await expectNoSecretsInPages(page.request);
  });
});

test('no secret in the client bundles under public/build', () => {
  const files = filesUnder('public/build');
  expect(files.some((file) => file.endsWith('.js'))).toBe(true);
  for (const file of files) {
    const content = readFileSync(file, 'utf8');
    for (const secret of SECRETS) expect(content, `${file} contains a secret`).not.toContain(secret);
  }
});
