import { existsSync, readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { SignJWT, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './browser-app.js';
import { ALICE, startTestClerk, type TestClerk } from './helpers.js';

/** The unmodified clerk-js bundle in Debian Chromium against the emulator. */
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Short session tokens, so clerk-js has to refresh within the test. */
const TOKEN_LIFETIME = 20;

let clerk: TestClerk;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  clerk = await startTestClerk({ sessionTokenLifetimeSeconds: TOKEN_LIFETIME });
  app = await startTestApp(clerk.env);
  browser = await chromium.launch({ executablePath, args: FLAGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await clerk?.stop();
});

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  if (process.env.DEBUG_CLERK_BROWSER) {
    page.on('console', (message) => console.log(`[console] ${message.text()}`));
    page.on('response', (response) => console.log(`[response] ${response.status()} ${response.request().method()} ${response.url().slice(0, 150)}`));
    page.on('requestfailed', (request) => console.log(`[failed] ${request.url()} ${request.failure()?.errorText}`));
  }
  await page.goto(`${app.url}${path}`);
  await clerkReady(page);
  return page;
}

async function clerkReady(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __clerkReady?: Promise<boolean> }).__clerkReady);
  await page.evaluate(() => (window as unknown as { __clerkReady: Promise<boolean> }).__clerkReady);
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
  it('shows the inline error for a wrong password, signs in with the right one and mints a Hasura token', async () => {
    const context = await browser.newContext();
    const page = await open(context, '/sign-in');
    await signIn(page, 'wrong-password');
    await expect.poll(() => page.locator('#error-password').textContent(), { timeout: 10_000 }).toContain('Password is incorrect');

    await page.locator('input[name=password]').fill(ALICE.password);
    await page.locator('.cl-formButtonPrimary').click();
    await page.waitForURL(`${app.url}/`);
    await clerkReady(page);
    expect(await page.evaluate(() => window.Clerk.user?.id)).toBe(ALICE.id);
    const token = await page.evaluate(() => window.Clerk.session!.getToken({ template: 'hasura' }));
    const { payload } = await jwtVerify(token!, createRemoteJWKSet(new URL(`${clerk.url}/.well-known/jwks.json`)));
    expect(payload['https://hasura.io/jwt/claims']).toMatchObject({ 'x-hasura-user-id': ALICE.id, 'x-hasura-default-role': 'user' });
    expect(payload.azp).toBe(app.url);
    await context.close();
  });
});

declare global {
  interface Window {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    Clerk: any;
  }
}
