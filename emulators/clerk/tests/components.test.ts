import type { Browser, BrowserContext, Locator, Page, Response } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from './browser-app.js';
import { clerkReady, enterCode, logPageTraffic, startBrowserHarness, type BrowserHarness } from './browser-harness.js';
import { CODE_LIFETIME_MS } from '../src/verifications.js';
import { FrontendClient, type TestClerk } from './helpers.js';

/**
 * Every control Clerk's prebuilt <SignIn/>, <SignUp/>, <UserButton/> and <UserProfile/> render for the local
 * instance, clicked through in Chromium with the unmodified clerk-js. Any answer of the local Clerk that is a
 * "No route" 404 or a 5xx fails the test: a control either works or the environment does not offer it.
 */

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

// The longer walks (several screens, a 30 s countdown, animations slowed tenfold) set their own timeouts.
vi.setConfig({ testTimeout: 60_000 });
// In CI a walk that fails is run once more, as the Playwright suite's are (playwright.config.ts): under a full
// parallel suite clerk-js' slowed animations have failed a different walk now and then; a walk that fails
// twice is a failure. Locally every failure shows.
const walk = { retry: process.env.CI ? 1 : 0 };

let harness: BrowserHarness;
let clerk: TestClerk;
let app: TestApp;
let browser: Browser;
/** Answers of the local Clerk that mean "a control the emulator cannot serve". */
let broken: string[] = [];
let pending: Promise<unknown>[] = [];

beforeAll(async () => {
  harness = await startBrowserHarness();
  ({ clerk, app, browser } = harness);
});
afterAll(() => harness?.close());
afterEach(async (ctx) => {
  if (process.env.DEBUG_CLERK_BROWSER && ctx.task.result?.state === 'fail') {
    let n = 0;
    for (const context of browser.contexts())
      for (const page of context.pages())
        await page.screenshot({ path: `/tmp/clerk-components-${n++}.png`, fullPage: true }).catch(() => {});
  }
  await Promise.all(pending);
  expect(broken).toEqual([]);
  broken = [];
  pending = [];
});

function watch(response: Response) {
  if (!response.url().startsWith(clerk.url) || response.status() < 400) return;
  pending.push(
    response.text().then(
      (body) => {
        if (response.status() >= 500 || body.includes('No route'))
          broken.push(`${response.status()} ${response.request().method()} ${response.url()} ${body.slice(0, 200)}`);
      },
      () => {},
    ),
  );
}

const watched = new WeakSet<Page>();

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  if (!watched.has(page)) {
    watched.add(page);
    page.on('response', watch);
    page.on('pageerror', (error) => broken.push(`page error: ${error.message}`));
    logPageTraffic(page);
  }
  await page.goto(`${app.url}${path}`);
  await clerkReady(page);
  return page;
}

/** A new user through the Backend API, so each flow starts from its own account. */
async function newUser(name: string, password = `${name}-password-1`) {
  const email = `${name}-${Date.now()}@example.com`;
  const res = await fetch(`${clerk.url}/v1/users`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email_address: [email], password, first_name: name }),
  });
  const user = (await res.json()) as { id: string };
  return { id: user.id, email, password };
}

/**
 * The newest code the local Clerk "sent" to an address (its mailbox), once it is there: clerk-js shows the code field
 * before its request for the code is answered.
 */
async function mailedCode(email: string): Promise<string> {
  const messages = async () =>
    (await (await fetch(`${clerk.url}/mailbox/messages?to=${encodeURIComponent(email)}`)).json()) as Array<{
      code: string;
    }>;
  await eventually(async () => (await messages()).length).toBeGreaterThan(0);
  return (await messages())[0].code;
}

async function identify(page: Page, email: string) {
  await page.locator('input[name=identifier]').fill(email);
  await page.locator('.cl-formButtonPrimary').click();
  await page.locator('input[name=password]').waitFor();
}

/** expect.poll with room for a UI round trip on a busy machine. */
const eventually = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, interval: 100, ...options });

/** The response to the page's next Frontend API call `method path` (PATCH and DELETE travel as POST + `_method`). */
function nextClerkCall(page: Page, method: string, path: string | RegExp): Promise<Response> {
  return page.waitForResponse((response) => {
    const url = new URL(response.url());
    const sent = url.searchParams.get('_method') ?? response.request().method();
    const pathMatches = typeof path === 'string' ? url.pathname === path : path.test(url.pathname);
    return url.origin === clerk.url && pathMatches && sent === method;
  });
}

/**
 * Resolves once every finite animation in the page has finished. clerk-js animates each form swap and each field
 * error (auto-animate moves the controls below it): a click sent while its button moves can land beside it, and the
 * request it should send never goes.
 */
const animationsSettled = (page: Page) =>
  page.evaluate(() => {
    const running = document
      .getAnimations()
      .filter((animation) => animation.playState === 'running')
      .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    const finished = Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
    // Bounded, so a stuck animation fails the step that needed it rather than hanging the walk.
    return Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 15_000))]).then(() => undefined);
  });

const currentUserId = (page: Page) => page.evaluate(() => window.Clerk.user?.id ?? null);

describe('<SignIn/>', walk, () => {
  /** A new user's <SignIn/> at the email-code step: identifier, "Use another method", "Email code to …". */
  async function atEmailCodeStep(name: string) {
    const user = await newUser(name);
    const context = await browser.newContext();
    const page = await open(context, '/sign-in');
    await identify(page, user.email);
    await page.getByText('Use another method').click();
    await page.getByRole('button', { name: `Email code to ${user.email}` }).click();
    return { user, context, page };
  }

  it('signs in with an email code through "Use another method", refusing a wrong code', async () => {
    const user = await newUser('erin');
    const context = await browser.newContext();
    const page = await open(context, '/sign-in');
    await identify(page, user.email);
    await eventually(() => page.getByText('Forgot password?').isVisible()).toBe(true);
    await page.getByText('Use another method').click();
    await page.getByRole('button', { name: `Email code to ${user.email}` }).click();
    await enterCode(page, '000000');
    await eventually(() => page.locator('.cl-otpCodeField').textContent()).toContain('Incorrect code');
    await enterCode(page, await mailedCode(user.email));
    await page.waitForURL(`${app.url}/`);
    await eventually(() => currentUserId(page)).toBe(user.id);
    await context.close();
  });

  it('resets a forgotten password with an emailed code, signing out the other devices', async () => {
    const user = await newUser('fred');
    const otherDevice = await new FrontendClient(clerk.url).init();
    await otherDevice.signIn(user.email, user.password);

    const context = await browser.newContext();
    const page = await open(context, '/sign-in');
    await identify(page, user.email);
    await page.getByText('Forgot password?').click();
    await page.getByRole('button', { name: 'Reset your password' }).click();
    await enterCode(page, await mailedCode(user.email));
    await page.locator('input[name=password]').fill('fred-new-password-2');
    await page.locator('input[name=confirmPassword]').fill('fred-new-password-2');
    const signOutOthers = page.locator('input[name=signOutOfOtherSessions]');
    if (!(await signOutOthers.isChecked())) await signOutOthers.check();
    await page.getByRole('button', { name: 'Reset Password' }).click();
    await page.waitForURL(`${app.url}/`);
    await eventually(() => currentUserId(page)).toBe(user.id);
    await context.close();

    expect((await otherDevice.call('GET', '/client')).body.response.sessions).toEqual([]);
    const fresh = await new FrontendClient(clerk.url).init();
    expect(await fresh.signIn(user.email, 'fred-new-password-2')).toMatch(/^sess_/);
    const old = await fresh.call('POST', '/client/sign_ins', {
      identifier: user.email,
      password: user.password,
      strategy: 'password',
    });
    expect(old.body.errors[0].code).toBe('form_password_incorrect');
  });

  it("gives up on a code after three wrong attempts with Clerk's verification_failed; 'Resend' starts over", async () => {
    const { user, context, page } = await atEmailCodeStep('gail');
    for (const wrong of ['000001', '000002']) {
      await enterCode(page, wrong);
      await eventually(() => page.locator('.cl-otpCodeField').textContent()).toContain('Incorrect code');
    }
    await enterCode(page, '000003');
    await eventually(() => page.locator('.cl-otpCodeField').textContent()).toContain('Too many failed attempts');
    // Even the right code is refused now; a new code is needed.
    const attempt = nextClerkCall(page, 'POST', /^\/v1\/client\/sign_ins\/[^/]+\/attempt_first_factor$/);
    await enterCode(page, await mailedCode(user.email));
    expect(await (await attempt).json()).toMatchObject({ errors: [{ code: 'verification_failed' }] });
    expect(await currentUserId(page)).toBeNull();

    // "Resend" (clerk-js enables it after a 30 s countdown) mails a new code, and that one signs in.
    const resend = page.locator('.cl-formResendCodeLink');
    await eventually(() => resend.isEnabled(), { timeout: 45_000 }).toBe(true);
    const prepared = nextClerkCall(page, 'POST', /^\/v1\/client\/sign_ins\/[^/]+\/prepare_first_factor$/);
    await resend.click();
    expect((await prepared).status()).toBe(200);
    const mails = async () =>
      (await (await fetch(`${clerk.url}/mailbox/messages?to=${encodeURIComponent(user.email)}`)).json()) as unknown[];
    await eventually(async () => (await mails()).length).toBe(2);
    await enterCode(page, await mailedCode(user.email));
    await page.waitForURL(`${app.url}/`);
    await eventually(() => currentUserId(page)).toBe(user.id);
    await context.close();
  }, 120_000);

  it("refuses an email code used after its 10 minutes with Clerk's verification_expired", async () => {
    const { user, context, page } = await atEmailCodeStep('iris');
    await page.locator('input[autocomplete=one-time-code]').first().waitFor();
    const code = await mailedCode(user.email);
    // The local Clerk runs in this process: its clock, not the browser's, decides that the code has expired.
    const attempt = nextClerkCall(page, 'POST', /^\/v1\/client\/sign_ins\/[^/]+\/attempt_first_factor$/);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + CODE_LIFETIME_MS + 1_000);
      await enterCode(page, code);
      expect((await attempt).status()).toBe(422);
    } finally {
      vi.useRealTimers();
    }
    await eventually(async () => (await page.locator('.cl-otpCodeField').allTextContents()).join()).toContain(
      'This verification has expired',
    );
    expect(await currentUserId(page)).toBeNull();
    await context.close();
  });

  it('links to sign-up and offers help, with nothing that the local Clerk cannot answer', async () => {
    const user = await newUser('hank');
    const context = await browser.newContext();
    const page = await open(context, '/sign-in');
    await identify(page, user.email);
    await page.getByText('Use another method').click();
    await page.getByText('Get help').click();
    await eventually(() => page.getByText('Email support').isVisible()).toBe(true);

    // "Sign up" and, there, "Sign in" lead to the app's own pages (the signUpUrl / signInUrl it mounts them with).
    await open(context, '/sign-in');
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-up');
    await page.locator('input[name=emailAddress]').waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.locator('input[name=identifier]').waitFor();
    await context.close();
  });
});

describe('<SignUp/>', walk, () => {
  it('signs up with first and last name, the email verified with the mailed code', async () => {
    const context = await browser.newContext();
    const page = await open(context, '/sign-up');
    const email = `ivy-${Date.now()}@example.com`;
    const values = { firstName: 'Ivy', lastName: 'Lee', emailAddress: email, password: 'ivy-password-1' };
    // Fill until clerk-js' controlled inputs hold every value (a re-render while mounting can clear one).
    await eventually(async () => {
      for (const [name, value] of Object.entries(values)) {
        const input = page.locator(`input[name=${name}]`);
        if ((await input.inputValue()) !== value) await input.fill(value);
      }
      return Promise.all(Object.keys(values).map((name) => page.locator(`input[name=${name}]`).inputValue()));
    }).toEqual(Object.values(values));
    await page.locator('.cl-formButtonPrimary').click();
    const codeField = page.locator('input[autocomplete=one-time-code]').first();
    // The code screen, or the form's own error (named in the failure instead of a bare timeout).
    await eventually(
      async () =>
        (await codeField.isVisible()) ? 'code screen' : await page.locator('.cl-formFieldErrorText').allTextContents(),
      { timeout: 40_000 },
    ).toBe('code screen');
    await enterCode(page, await mailedCode(email));
    await page.waitForURL(`${app.url}/`);
    await eventually(() => page.evaluate(() => window.Clerk.user?.fullName)).toBe('Ivy Lee');
    await context.close();
  });
});

describe('<UserButton/> and <UserProfile/>', walk, () => {
  async function signedInPage(user: { email: string; password: string }, path: string) {
    const context = await browser.newContext();
    const page = await open(context, '/sign-in');
    await identify(page, user.email);
    await page.locator('input[name=password]').fill(user.password);
    await page.locator('.cl-formButtonPrimary').click();
    await page.waitForURL(`${app.url}/`);
    return { context, page: await open(context, path) };
  }

  it('opens "Manage account" from the UserButton and signs out', async () => {
    const user = await newUser('jack');
    const { context, page } = await signedInPage(user, '/user-button');
    await page.locator('.cl-userButtonTrigger').click();
    await page.getByRole('menuitem', { name: 'Manage account' }).click();
    await eventually(() => page.locator('.cl-userProfile-root').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('.cl-userButtonTrigger').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await eventually(() => currentUserId(page)).toBeNull();
    await context.close();
  });

  /**
   * Opens the form of a <UserProfile/> section ("Update profile", "Update password") and returns it. The button swaps
   * the section's row for the form, and every save or cancel swaps them back; clerk-js animates each swap with
   * auto-animate, which keeps the removed row or form in the page (inert, fading out) for a while. So this waits
   * until no form is left in the section and one such button is, then until the one new form is there: the steps
   * after it act on that form only.
   */
  async function openSectionForm(page: Page, section: 'profile' | 'password', button: string) {
    const root = page.locator(`.cl-profileSection__${section}`);
    const forms = root.locator('form');
    const trigger = root.getByRole('button', { name: button });
    await eventually(() => forms.count()).toBe(0);
    await eventually(() => trigger.count()).toBe(1);
    await animationsSettled(page);
    await trigger.click();
    await eventually(() => forms.count()).toBe(1);
    await animationsSettled(page);
    return forms;
  }

  const openProfileForm = (page: Page) => openSectionForm(page, 'profile', 'Update profile');

  /** What the profile row shows, once it is the only one (no fading copy of an earlier row is left). */
  const profileRow = (page: Page) =>
    page.locator('.cl-profileSectionItem__profile').evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.querySelector('.cl-userPreviewMainIdentifierText')?.textContent,
        image: row.querySelector('img')?.getAttribute('src'),
      })),
    );

  const profile = (page: Page) =>
    page.evaluate(() => {
      const user = window.Clerk.user;
      return user && { fullName: user.fullName, hasImage: user.hasImage, imageUrl: user.imageUrl };
    });

  it('updates the name, uploads and removes a profile image', async () => {
    const user = await newUser('kate');
    const { context, page } = await signedInPage(user, '/user-profile');
    // Animations at a tenth of their speed keep each fading copy in the page ten times longer: a step that acted on
    // one (the race this test once lost on busy machines) fails here every time instead of now and then.
    await (await context.newCDPSession(page)).send('Animation.setPlaybackRate', { playbackRate: 0.1 });

    // The image uploads as soon as it is chosen, and the form closes.
    let form = await openProfileForm(page);
    const upload = nextClerkCall(page, 'POST', '/v1/me/profile_image');
    await form.locator('input[type=file]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    expect((await upload).status()).toBe(200);
    await eventually(() => form.count()).toBe(0);
    const uploaded = (await profile(page))!;
    expect(uploaded.hasImage).toBe(true);
    const image = await fetch(uploaded.imageUrl);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    await eventually(() => profileRow(page)).toEqual([{ name: 'kate', image: uploaded.imageUrl }]);

    // The names wait for "Save", which is enabled once they differ from the saved ones.
    form = await openProfileForm(page);
    const save = form.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);
    await form.locator('input[name=firstName]').fill('Katherine');
    await form.locator('input[name=lastName]').fill('Lane');
    await eventually(() => save.isEnabled()).toBe(true);
    const update = nextClerkCall(page, 'PATCH', '/v1/me');
    await animationsSettled(page);
    await save.click();
    expect((await update).status()).toBe(200);
    await eventually(() => form.count()).toBe(0);
    expect((await profile(page))!.fullName).toBe('Katherine Lane');
    await eventually(() => profileRow(page)).toEqual([{ name: 'Katherine Lane', image: uploaded.imageUrl }]);

    // "Remove" deletes the image at once: the initials avatar is back and the image is no longer served.
    form = await openProfileForm(page);
    const removal = nextClerkCall(page, 'DELETE', '/v1/me/profile_image');
    await form.getByRole('button', { name: 'Remove' }).click();
    expect((await removal).status()).toBe(200);
    await eventually(() => form.count()).toBe(0);
    const removed = (await profile(page))!;
    expect(removed.hasImage).toBe(false);
    expect(removed.imageUrl).not.toBe(uploaded.imageUrl);
    await eventually(() => profileRow(page)).toEqual([{ name: 'Katherine Lane', image: removed.imageUrl }]);
    expect((await fetch(uploaded.imageUrl)).status).toBe(404);
    await context.close();
  }, 120_000);

  it('adds an email address, verifies it by code, makes it primary and removes the old one', async () => {
    const user = await newUser('liam');
    const { context, page } = await signedInPage(user, '/user-profile');
    const added = `liam-new-${Date.now()}@example.com`;
    await page.getByRole('button', { name: 'Add email address' }).click();
    await page.locator('input[name=emailAddress]').fill(added);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('input[autocomplete=one-time-code]').first().waitFor();
    await enterCode(page, '000000');
    await eventually(() => page.locator('.cl-otpCodeField').textContent()).toContain('Incorrect code');
    await enterCode(page, await mailedCode(added));
    await eventually(() =>
      page.evaluate(
        (email) => window.Clerk.user?.emailAddresses.find((a) => a.emailAddress === email)?.verification.status,
        added,
      ),
    ).toBe('verified');

    const row = (email: string) => page.locator('.cl-profileSectionItem__emailAddresses').filter({ hasText: email });
    await row(added).getByRole('button').last().click();
    await page.getByRole('menuitem', { name: 'Set as primary' }).click();
    await eventually(() => page.evaluate(() => window.Clerk.user?.primaryEmailAddress?.emailAddress)).toBe(added);

    await row(user.email).getByRole('button').last().click();
    await page.getByRole('menuitem', { name: 'Remove email' }).click();
    await page.getByRole('button', { name: 'Remove' }).click();
    await eventually(() => page.evaluate(() => window.Clerk.user?.emailAddresses.map((a) => a.emailAddress))).toEqual([
      added,
    ]);

    // The old address no longer signs in; the new one does.
    const fresh = await new FrontendClient(clerk.url).init();
    expect((await fresh.call('POST', '/client/sign_ins', { identifier: user.email })).body.errors[0].code).toBe(
      'form_identifier_not_found',
    );
    expect(await fresh.signIn(added, user.password)).toMatch(/^sess_/);
    await context.close();
  });

  it('signs out another device, changes the password (the current one required, other devices signed out or not) and deletes the account', async () => {
    const user = await newUser('mona');
    const phone = await new FrontendClient(clerk.url).init();
    await phone.signIn(user.email, user.password);
    const sessionsOf = async (device: FrontendClient) =>
      (await device.call('GET', '/client')).body.response.sessions as unknown[];
    const { context, page } = await signedInPage(user, '/user-profile');
    await page.getByRole('button', { name: 'Security' }).click();

    // Active devices: this browser and the phone; sign the phone out.
    const devices = page.locator('.cl-activeDevice');
    await eventually(() => devices.count()).toBe(2);
    await page
      .locator('.cl-activeDeviceListItem')
      .filter({ hasNotText: 'This device' })
      .getByRole('button', { name: 'Open menu' })
      .click();
    await page.getByRole('menuitem', { name: 'Sign out of device' }).click();
    await eventually(() => devices.count()).toBe(1);
    expect(await sessionsOf(phone)).toEqual([]);

    const tablet = await new FrontendClient(clerk.url).init();
    await tablet.signIn(user.email, user.password);
    const fill = async (form: Locator, current: string, next: string) => {
      await form.locator('input[name=currentPassword]').fill(current);
      await form.locator('input[name=newPassword]').fill(next);
      await form.locator('input[name=confirmPassword]').fill(next);
    };
    const save = async (form: Locator) => {
      const answer = nextClerkCall(page, 'POST', '/v1/me/change_password');
      await animationsSettled(page);
      await form.getByRole('button', { name: 'Save' }).click();
      return (await answer).status();
    };

    // A wrong current password is refused in the form and changes nothing; "Sign out of all other devices" unticked
    // keeps the tablet signed in.
    let form = await openSectionForm(page, 'password', 'Update password');
    const signOutOthers = form.locator('input[name=signOutOfOtherSessions]');
    expect(await signOutOthers.isChecked()).toBe(true);
    await signOutOthers.uncheck();
    await fill(form, 'not-the-password-1', 'mona-new-password-2');
    expect(await save(form)).toBe(422);
    await eventually(() => form.textContent()).toContain('Password is incorrect');
    await form.locator('input[name=currentPassword]').fill(user.password);
    expect(await save(form)).toBe(200);
    await eventually(() => form.count()).toBe(0);
    expect(await sessionsOf(tablet)).toHaveLength(1);
    const fresh = await new FrontendClient(clerk.url).init();
    const old = await fresh.call('POST', '/client/sign_ins', {
      identifier: user.email,
      password: user.password,
      strategy: 'password',
    });
    expect(old.body.errors[0].code).toBe('form_password_incorrect');

    // Ticked (the default), it signs the tablet out and keeps this browser signed in.
    form = await openSectionForm(page, 'password', 'Update password');
    expect(await form.locator('input[name=signOutOfOtherSessions]').isChecked()).toBe(true);
    await fill(form, 'mona-new-password-2', 'mona-new-password-3');
    expect(await save(form)).toBe(200);
    await eventually(() => form.count()).toBe(0);
    expect(await sessionsOf(tablet)).toEqual([]);
    expect(await currentUserId(page)).toBe(user.id);

    await page.getByRole('button', { name: 'Delete account' }).click();
    await page.locator('input[name=deleteConfirmation]').fill('Delete account');
    await page.getByRole('button', { name: 'Delete account' }).last().click();
    await eventually(() => currentUserId(page)).toBeNull();
    const gone = await fetch(`${clerk.url}/v1/users/${user.id}`, {
      headers: { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}` },
    });
    expect(gone.status).toBe(404);
    await context.close();
  }, 120_000);
});
