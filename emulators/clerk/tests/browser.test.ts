import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { clerk as clerkTesting, clerkSetup, setupClerkTestingToken } from '@clerk/testing/playwright';
import { SignJWT, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './browser-app.js';
import { clerkReady, enterCode, logPageTraffic, startBrowserHarness, type BrowserHarness } from './browser-harness.js';
import { TEST_VERIFICATION_CODE } from '../src/index.js';
import { ALICE, type TestClerk } from './helpers.js';

// The unmodified clerk-js bundle in Debian Chromium against the emulator.

/** Short session tokens, so clerk-js has to refresh within the test. */
const TOKEN_LIFETIME = 20;

let harness: BrowserHarness;
let clerk: TestClerk;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  harness = await startBrowserHarness({ sessionTokenLifetimeSeconds: TOKEN_LIFETIME });
  ({ clerk, app, browser } = harness);
});
afterAll(() => harness?.close());

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  logPageTraffic(page);
  await page.goto(`${app.url}${path}`);
  await clerkReady(page);
  return page;
}

async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies(app.url)).find((cookie) => cookie.name === '__session')?.value;
}

async function signIn(page: Page, password: string) {
  await page.locator('input[name=identifier]').fill(ALICE.email);
  await page.locator('.cl-formButtonPrimary').click();
  await page.locator('input[name=password]').fill(password);
  await page.locator('.cl-formButtonPrimary').click();
}

describe('clerk-js against the emulator', () => {
  /** Alice's browser once signed in; the later tests continue her session. */
  let signedIn: BrowserContext;

  it('shows the inline error for a wrong password, signs in with the right one and mints a Hasura token', async () => {
    signedIn = await browser.newContext();
    const page = await open(signedIn, '/sign-in');
    await signIn(page, 'wrong-password');
    await expect
      .poll(() => page.locator('#error-password').textContent(), { timeout: 10_000 })
      .toContain('Password is incorrect');

    await page.locator('input[name=password]').fill(ALICE.password);
    await page.locator('.cl-formButtonPrimary').click();
    await page.waitForURL(`${app.url}/`);
    await clerkReady(page);
    expect(await page.evaluate(() => window.Clerk.user?.id)).toBe(ALICE.id);
    const token = await page.evaluate(() => window.Clerk.session!.getToken({ template: 'hasura' }));
    const { payload } = await jwtVerify(token!, createRemoteJWKSet(new URL(`${clerk.url}/.well-known/jwks.json`)));
    expect(payload['https://hasura.io/jwt/claims']).toMatchObject({
      'x-hasura-user-id': ALICE.id,
      'x-hasura-default-role': 'user',
    });
    expect(payload.azp).toBe(app.url);
  });

  it(
    'refreshes the session cookie before the short-lived token expires',
    async () => {
      const first = await sessionCookie(signedIn);
      expect(first).toBeTruthy();
      await expect
        .poll(() => sessionCookie(signedIn), { timeout: TOKEN_LIFETIME * 1000, interval: 500 })
        .not.toBe(first);
      const [before, after] = [decodeJwt(first!), decodeJwt((await sessionCookie(signedIn))!)];
      expect(after.sid).toBe(before.sid);
      expect(after.iat!).toBeGreaterThan(before.iat!);
    },
    TOKEN_LIFETIME * 1000 + 5_000,
  );

  it('sends a page with an expired session cookie through the handshake and back, signed in', async () => {
    for (const page of signedIn.pages()) await page.close();
    const current = decodeJwt((await sessionCookie(signedIn))!);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...current, iat: now - 120, nbf: now - 125, exp: now - 60 })
      .setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader((await sessionCookie(signedIn))!).kid! })
      .sign(createPrivateKey(readFileSync(join(clerk.dataDir, 'instance-key.pem'), 'utf8')));
    const sessionCookies = (await signedIn.cookies(app.url)).filter((cookie) => cookie.name.startsWith('__session'));
    await signedIn.addCookies(sessionCookies.map((cookie) => ({ ...cookie, value: expired })));

    const page = await signedIn.newPage();
    const hops: string[] = [];
    page.on('response', (response) => hops.push(`${response.status()} ${new URL(response.url()).pathname}`));
    await page.goto(`${app.url}/protected`);
    expect(await page.locator('#auth').textContent()).toBe(`signed in as ${ALICE.id}`);
    expect(hops.slice(0, 4)).toEqual([
      '307 /protected',
      '307 /v1/client/handshake',
      '307 /protected',
      '200 /protected',
    ]);
    expect(page.url()).toBe(`${app.url}/protected`);
    const renewed = decodeJwt((await sessionCookie(signedIn))!);
    expect(renewed.exp!).toBeGreaterThan(now);
    expect(renewed.sid).toBe(current.sid);
  });

  it("signs out from the UserButton menu, showing the user's offline avatar", async () => {
    const page = await open(signedIn, '/user-button');
    expect(await page.evaluate(() => window.Clerk.user?.id)).toBe(ALICE.id);
    await page.locator('.cl-userButtonTrigger').click();
    await expect.poll(() => page.locator('.cl-userPreviewMainIdentifier').first().textContent()).toContain('Alice');
    const avatar = await page
      .locator('.cl-userButtonPopoverCard img, .cl-userButtonBox img')
      .first()
      .getAttribute('src');
    expect(avatar).toBe(`${clerk.url}/avatars/${ALICE.id}.svg`);
    // clerk-js navigates to the after-sign-out URL once the session is ended; the server then sees no session.
    await page.locator('.cl-userButtonPopoverActionButton__signOut').click();
    await page.waitForURL(`${app.url}/`);
    await clerkReady(page);
    expect(await page.evaluate(() => window.Clerk.user ?? null)).toBeNull();
    expect(await sessionCookie(signedIn)).toBeFalsy();
    await page.goto(`${app.url}/protected`);
    expect(await page.locator('#auth').textContent()).toBe('signed out');
    await signedIn.close();
  });

  it('signs up with email + password, rejecting a wrong code and accepting 424242', async () => {
    const context = await browser.newContext();
    const page = await open(context, '/sign-up');
    const email = `dana-${Date.now()}@example.com`;
    await page.locator('input[name=emailAddress]').fill(email);
    await page.locator('input[name=password]').fill('dana-password-1');
    await page.locator('.cl-formButtonPrimary').click();
    await enterCode(page, '111111');
    await expect
      .poll(() => page.locator('.cl-otpCodeField').textContent(), { timeout: 10_000 })
      .toContain('Incorrect code');
    await enterCode(page, TEST_VERIFICATION_CODE);
    await page.waitForURL(`${app.url}/`);
    await clerkReady(page);
    expect(await page.evaluate(() => window.Clerk.user?.primaryEmailAddress?.emailAddress)).toBe(email);
    await context.close();
  });

  it("works with @clerk/testing's Playwright helpers (clerkSetup, setupClerkTestingToken, clerk.signIn/signOut)", async () => {
    const names = ['CLERK_FAPI', 'CLERK_TESTING_TOKEN', 'CLERK_API_URL'] as const;
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    try {
      process.env.CLERK_API_URL = clerk.env.CLERK_API_URL; // how clerkSetup finds the Backend API
      await clerkSetup({
        publishableKey: clerk.env.CLERK_PUBLISHABLE_KEY,
        secretKey: clerk.env.CLERK_SECRET_KEY,
        dotenv: false,
      });
      expect(process.env.CLERK_TESTING_TOKEN).toBeTruthy();
      const context = await browser.newContext();
      const page = await context.newPage();
      await setupClerkTestingToken({ page });
      await page.goto(`${app.url}/`);
      await clerkTesting.signIn({
        page,
        signInParams: { strategy: 'password', identifier: ALICE.email, password: ALICE.password },
      });
      expect(await page.evaluate(() => window.Clerk.user?.id)).toBe(ALICE.id);
      await clerkTesting.signOut({ page });
      await expect.poll(() => page.evaluate(() => window.Clerk?.user ?? null)).toBeNull();
      await context.close();
    } finally {
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});
