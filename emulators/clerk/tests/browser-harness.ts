import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../tests/chromium.js';
import type { StartClerkOptions } from '../src/index.js';
import { freePort, startTestApp, type TestApp } from './browser-app.js';
import { startTestClerk, type TestClerk } from './helpers.js';

/**
 * What every browser test file starts: the local Clerk, the test app on an origin the local Clerk allows, and headless
 * Chromium (from `CHROMIUM_PATH`, else Debian's) running the unmodified clerk-js bundle.
 */
export interface BrowserHarness {
  clerk: TestClerk;
  app: TestApp;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserHarness(
  options: Omit<StartClerkOptions, 'appOrigins'> = {},
): Promise<BrowserHarness> {
  const appPort = await freePort();
  const clerk = await startTestClerk({ ...options, appOrigins: [`http://localhost:${appPort}`] });
  let app: TestApp | undefined;
  try {
    app = await startTestApp(clerk.env, appPort);
    const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
    const started = app;
    return {
      clerk,
      app: started,
      browser,
      async close() {
        await browser.close();
        await started.close();
        await clerk.stop();
      },
    };
  } catch (error) {
    await app?.close();
    await clerk.stop();
    throw error;
  }
}

/** Resolves once the test page has loaded clerk-js and mounted its component (see browser-app.ts). */
export async function clerkReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __clerkReady?: Promise<boolean> }).__clerkReady);
  await page.evaluate(() => (window as unknown as { __clerkReady: Promise<boolean> }).__clerkReady);
}

/**
 * Types a code into clerk-js' code field (one input behind the six boxes) once it takes one: enabled and empty.
 * After a refused code clerk-js enables the field again and clears it 750 ms later, wiping whatever was typed in
 * between, so a code typed as soon as the field is enabled is lost now and then on a busy machine.
 */
export async function enterCode(page: Page, code: string): Promise<void> {
  await page.waitForFunction(() => {
    const field = document.querySelector<HTMLInputElement>('input[autocomplete=one-time-code]');
    return field !== null && !field.disabled && field.value === '';
  });
  await page.locator('input[autocomplete=one-time-code]').first().pressSequentially(code);
}

/** With `DEBUG_CLERK_BROWSER=1`, logs the page's console and every request it makes. */
export function logPageTraffic(page: Page): void {
  if (!process.env.DEBUG_CLERK_BROWSER) return;
  page.on('console', (message) => console.log(`[console] ${message.text()}`));
  page.on('response', (response) =>
    console.log(`[response] ${response.status()} ${response.request().method()} ${response.url().slice(0, 150)}`),
  );
  page.on('requestfailed', (request) => console.log(`[failed] ${request.url()} ${request.failure()?.errorText}`));
}
