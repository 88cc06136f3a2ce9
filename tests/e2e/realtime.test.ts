/**
 * Realtime: `/shelf` follows changes made elsewhere through the Hasura subscription (graphql-ws over the engine's
 * websocket), and keeps doing so while Clerk's `hasura` template tokens (30 s on the e2e stack) expire under the
 * open socket: each change shows within 3 s, with at most one reconnect per token lifetime.
 */
import { expect, test, type Browser, type Page, type WebSocket } from '@playwright/test';
import { asAdmin } from './support/hasura-admin.js';
import { seededBookId } from './support/books.js';
import { removeFromShelfIfPresent } from './support/pages.js';
import { E2E_TEMPLATE_LIFETIME_S, USERS } from './support/stack-env.js';

const ALICE_ID = 'user_2LocalAliceAAAAAAAAAAAAAAAA';
const BOOK = seededBookId(4111);
const LONG_BOOK = seededBookId(4112);
const PUSH_WITHIN_MS = 3000;

async function aliceTab(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: USERS.alice.storageState });
  return context.newPage();
}

/** `/shelf`, hydrated, its socket counted from the start. */
async function openLiveShelf(page: Page, sockets: WebSocket[]) {
  page.on('websocket', (socket) => {
    if (socket.url().includes('/v1/graphql')) sockets.push(socket);
  });
  await page.goto('/shelf');
  await expect(page.getByRole('button', { name: 'Open user menu' })).toBeVisible(); // hydrated, Clerk loaded
  await expect(page.locator('.nav-count')).toBeVisible(); // the subscription answered
}

async function removeEntry(bookId: string) {
  await asAdmin(
    'mutation ($u: String!, $b: uuid!) { delete_shelf_entries(where: {user_id: {_eq: $u}, book_id: {_eq: $b}}) { affected_rows } }',
    { u: ALICE_ID, b: bookId },
  );
}

test.afterAll(async () => {
  await removeEntry(BOOK);
  await removeEntry(LONG_BOOK);
});

test('a change in one tab shows in the other within 3 s, and the nav counts the entries', async ({ browser }) => {
  const sockets: WebSocket[] = [];
  const watcher = await aliceTab(browser);
  const editor = await aliceTab(browser);
  await editor.goto(`/books/${BOOK}`);
  await removeFromShelfIfPresent(editor);
  const title = (await editor.getByRole('heading', { level: 1 }).textContent())!.trim();

  await openLiveShelf(watcher, sockets);
  const link = watcher.getByRole('link', { name: title, exact: true });
  await expect(link).toHaveCount(0);

  await editor.getByLabel('Status', { exact: true }).selectOption('reading');
  await editor.getByRole('button', { name: 'Add to shelf' }).click();
  await expect(editor.getByRole('button', { name: 'Remove from shelf' })).toBeVisible();
  await expect(link).toBeVisible({ timeout: PUSH_WITHIN_MS });
  // The count in the nav is the number of entries the (unfiltered) shelf lists, both live.
  await expect
    .poll(
      async () =>
        Number(await watcher.locator('.nav-count').textContent()) === (await watcher.locator('ul.shelf > li').count()),
    )
    .toBe(true);

  await editor.getByRole('button', { name: 'Remove from shelf' }).click();
  await expect(editor.getByRole('button', { name: 'Add to shelf' })).toBeVisible();
  await expect(link).toHaveCount(0, { timeout: PUSH_WITHIN_MS });
  expect(sockets).toHaveLength(1);
  await watcher.context().close();
  await editor.context().close();
});

test('the page stays live across three token lifetimes, reconnecting at most once per lifetime', async ({
  browser,
}) => {
  const lifetimes = 3;
  test.setTimeout((lifetimes * E2E_TEMPLATE_LIFETIME_S + 60) * 1000);
  const sockets: WebSocket[] = [];
  const watcher = await aliceTab(browser);
  await removeEntry(LONG_BOOK);
  await openLiveShelf(watcher, sockets);
  const started = Date.now();
  await asAdmin(
    'mutation ($u: String!, $b: uuid!) { insert_shelf_entries_one(object: {user_id: $u, book_id: $b, status: "reading", note: "note 0"}) { id } }',
    { u: ALICE_ID, b: LONG_BOOK },
  );
  await expect(watcher.getByText('note 0', { exact: true })).toBeVisible({ timeout: PUSH_WITHIN_MS });

  // A change every 10 s until three lifetimes have passed; each must show within 3 s.
  let round = 0;
  const delays: number[] = [];
  while (Date.now() - started < lifetimes * E2E_TEMPLATE_LIFETIME_S * 1000 + 5000) {
    await watcher.waitForTimeout(10_000 - ((Date.now() - started) % 10_000));
    round++;
    const changedAt = Date.now();
    await asAdmin(
      'mutation ($u: String!, $b: uuid!, $n: String!) { update_shelf_entries(where: {user_id: {_eq: $u}, book_id: {_eq: $b}}, _set: {note: $n}) { affected_rows } }',
      { u: ALICE_ID, b: LONG_BOOK, n: `note ${round}` },
    );
    await expect(watcher.getByText(`note ${round}`, { exact: true })).toBeVisible({ timeout: PUSH_WITHIN_MS });
    delays.push(Date.now() - changedAt);
  }
  const elapsedLifetimes = (Date.now() - started) / (E2E_TEMPLATE_LIFETIME_S * 1000);
  console.log(
    `realtime: ${round} changes over ${elapsedLifetimes.toFixed(1)} token lifetimes, shown after ${delays.join(', ')} ms; ${sockets.length} sockets`,
  );
  expect(elapsedLifetimes).toBeGreaterThanOrEqual(lifetimes);
  // The first socket, plus at most one reconnect per token lifetime.
  expect(sockets.length - 1).toBeLessThanOrEqual(Math.ceil(elapsedLifetimes));
  expect(sockets.length).toBeGreaterThanOrEqual(lifetimes); // the tokens did expire under the open page
  await watcher.context().close();
});
