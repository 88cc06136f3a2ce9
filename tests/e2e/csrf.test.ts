import { expect, test } from '@playwright/test';
import { seededBookId } from './support/books.js';
import { removeFromShelfIfPresent } from './support/pages.js';
import { startOtherSite, type OtherSite } from './support/other-site.js';
import { APP_URL, USERS } from './support/stack-env.js';

test.use({ storageState: USERS.alice.storageState });

const bookId = seededBookId(4303);
const bookUrl = `/books/${bookId}`;
// Single fetch: the route's data (and its action, for a POST) at the page's URL + `.data`.
const dataUrl = `${APP_URL}${bookUrl}.data`;

// Same site as the app (same host, another port: in production a sibling subdomain), so the browser sends alice's
// SameSite=Lax cookies along.
let attacker: OtherSite;
let ATTACKER: string;
test.beforeAll(async () => {
  attacker = await startOtherSite('<!doctype html><title>Win a prize</title><h1>Win a prize</h1>');
  ATTACKER = attacker.origin;
});
test.afterAll(() => attacker?.close());

test.beforeEach(async ({ page }) => {
  await page.goto(bookUrl); // also lets clerk-js renew alice's session cookie
  await removeFromShelfIfPresent(page);
});

test.afterEach(async ({ page }) => {
  await page.goto(bookUrl);
  await removeFromShelfIfPresent(page);
});

async function expectNotOnShelf(page: import('@playwright/test').Page) {
  await page.goto(bookUrl);
  await expect(page.getByRole('button', { name: 'Add to shelf' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove from shelf' })).toHaveCount(0);
}

test('a page on another origin cannot write to the shelf with a Remix data request (`.data`)', async ({ page }) => {
  await page.goto(`${ATTACKER}/prize`);
  const answered = page.waitForResponse((response) => response.url() === dataUrl);
  // A "simple" cross-origin request: no preflight, cookies attached; the attacker cannot read the answer, only cause it.
  await page.evaluate(
    (url) =>
      fetch(url, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        body: new URLSearchParams({ intent: 'save', status: 'read', note: 'planted by another site' }),
      }),
    dataUrl,
  );
  const response = await answered;
  expect(response.status()).toBe(403);
  await expectNotOnShelf(page);

  // The answer the attacker's page cannot read, replayed with the same Origin: why it was refused.
  const replay = await page
    .context()
    .request.post(dataUrl, { form: { intent: 'save', status: 'read' }, headers: { Origin: ATTACKER } });
  expect(replay.status()).toBe(403);
  const { problem } = await replay.json();
  expect(problem).toMatch(/did not come from this app's own pages .*nothing was changed/);
  expect(problem).toContain(ATTACKER);
  await expectNotOnShelf(page);
});

test('a cross-site form posted to the book page is refused with a 403 page that says why, and changes nothing', async ({
  page,
}) => {
  await page.goto(`${ATTACKER}/prize`);
  const answered = page.waitForResponse((response) => response.url() === `${APP_URL}${bookUrl}`);
  await page.evaluate((action) => {
    // A plain form posted from the attacker's page: the visitor lands on the app's answer.
    const form = Object.assign(document.createElement('form'), { method: 'POST', action });
    for (const [name, value] of Object.entries({ intent: 'save', status: 'read' })) {
      form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }));
    }
    document.body.append(form);
    form.submit();
  }, `${APP_URL}${bookUrl}`);
  // Remix alone answers an empty 500 here, before any app code runs; server.js answers the check's 403 page.
  const response = await answered;
  expect(response.status()).toBe(403);
  expect(response.headers()['content-type']).toBe('text/html; charset=utf-8');
  await expect(page.getByRole('heading', { name: 'Request refused' })).toBeVisible();
  await expect(page.getByRole('paragraph')).toContainText(
    `did not come from this app's own pages (it was sent from ${ATTACKER}), so nothing was changed`,
  );
  await expectNotOnShelf(page);
});

test('without Origin, a same-site Sec-Fetch-Site or a foreign Referer is refused too; the app’s own forms still work', async ({
  page,
}) => {
  const request = page.context().request;
  const form = { intent: 'save', status: 'read' };
  const sameSite = await request.post(dataUrl, { form, headers: { 'Sec-Fetch-Site': 'same-site' } });
  expect(sameSite.status()).toBe(403);
  const referred = await request.post(dataUrl, { form, headers: { Referer: `${ATTACKER}/prize` } });
  expect(referred.status()).toBe(403);
  await expectNotOnShelf(page);

  // The app's own form (a data request from the app's origin) goes through.
  await page.getByLabel('Status', { exact: true }).selectOption('reading');
  await page.getByRole('button', { name: 'Add to shelf' }).click();
  await expect(page.getByRole('status')).toHaveText('Added to your shelf.');
});
