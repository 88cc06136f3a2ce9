import { expect, test, type Page } from '@playwright/test';
import { seededBookId } from './support/books.js';
import { asAdmin } from './support/hasura-admin.js';
import { pageAs, removeFromShelfIfPresent } from './support/pages.js';

const bookUrl = `/books/${seededBookId(4202)}`;
const note = `bob's private note ${Date.now()}`;

/** The fields a form would post when `buttonName` submits it, hidden inputs included. */
async function formFields(page: Page, buttonName: string) {
  return page.getByRole('button', { name: buttonName }).evaluate((button: HTMLButtonElement) => {
    const form = button.form!;
    return {
      action: form.action,
      fields: Object.fromEntries(new FormData(form, button) as unknown as Iterable<[string, string]>),
    };
  });
}

test.describe('shelves are private', () => {
  let bob: Page;
  let alice: Page;

  test.beforeEach(async ({ browser }) => {
    bob = await pageAs(browser, 'bob');
    alice = await pageAs(browser, 'alice');
    await bob.goto(bookUrl);
    await removeFromShelfIfPresent(bob);
    await bob.getByLabel('Status', { exact: true }).selectOption('reading');
    await bob.getByLabel('Note').fill(note);
    await bob.getByRole('button', { name: 'Add to shelf' }).click();
    await expect(bob.getByRole('button', { name: 'Remove from shelf' })).toBeVisible();
  });

  test.afterEach(async () => {
    await bob.goto(bookUrl);
    await removeFromShelfIfPresent(bob);
    await alice.goto(bookUrl);
    await removeFromShelfIfPresent(alice);
    await bob.context().close();
    await alice.context().close();
  });

  test("alice never sees bob's entries", async () => {
    const title = (await bob.getByRole('heading', { level: 1 }).textContent())!.trim();
    await alice.goto('/shelf');
    await expect(alice.getByRole('heading', { name: 'My shelf' })).toBeVisible();
    await expect(alice.getByRole('link', { name: title, exact: true })).toHaveCount(0);

    await alice.goto(bookUrl);
    await expect(alice.getByRole('heading', { name: title })).toBeVisible();
    await expect(alice.getByRole('button', { name: 'Add to shelf' })).toBeVisible();
    await expect(alice.getByRole('button', { name: 'Remove from shelf' })).toHaveCount(0);
    expect(await alice.content()).not.toContain(note);
  });

  test("bob's entry ids posted with alice's cookies change nothing of bob's", async () => {
    const save = await formFields(bob, 'Save');
    const remove = await formFields(bob, 'Remove from shelf');

    // Alice replays bob's own forms (his entry id in the hidden fields) with her session, fresh from a page load.
    await alice.goto(bookUrl);
    const forgedSave = await alice.request.post(save.action, {
      form: { ...save.fields, status: 'read', note: 'written by alice' },
      maxRedirects: 0,
    });
    expect(forgedSave.status()).toBe(404);
    const forgedRemove = await alice.request.post(remove.action, { form: remove.fields, maxRedirects: 0 });
    expect(forgedRemove.status()).toBe(404);

    // Alice also puts bob's entry id into the hidden input of her own form and submits it.
    await alice.goto(bookUrl);
    await alice.getByRole('button', { name: 'Add to shelf' }).evaluate((button: HTMLButtonElement, entryId) => {
      const input = document.createElement('input');
      Object.assign(input, { type: 'hidden', name: 'entryId', value: entryId });
      button.form!.append(input);
    }, remove.fields.entryId);
    await alice.getByLabel('Note').fill('written by alice');
    await alice.getByRole('button', { name: 'Add to shelf' }).click();
    await expect(alice.getByRole('alert')).toContainText('Not found');

    await bob.reload();
    await expect(bob.getByRole('button', { name: 'Remove from shelf' })).toBeVisible();
    await expect(bob.getByLabel('Status', { exact: true })).toHaveValue('reading');
    await expect(bob.getByLabel('Note')).toHaveValue(note);
  });

  test("no role reads bob's unshared entry through the public reviews; sharing it shows only the review", async () => {
    const bookId = bookUrl.split('/').pop()!;
    const ALICE_ID = 'user_2LocalAliceAAAAAAAAAAAAAAAA';
    const reviewsQuery = `query ($bookId: uuid!) {
      book_reviews(where: { book_id: { _eq: $bookId } }) { note rating reviewer_name }
      books_by_pk(id: $bookId) { reviews { note } reviews_aggregate { aggregate { count avg { rating } } } }
    }`;
    const nothingShared = {
      book_reviews: [],
      books_by_pk: { reviews: [], reviews_aggregate: { aggregate: { count: 0, avg: { rating: null } } } },
    };
    for (const [role, userId] of [
      ['user', ALICE_ID],
      ['anonymous', undefined],
    ] as const) {
      expect(await asAdmin(reviewsQuery, { bookId }, role, userId), role).toEqual(nothingShared);
      // Nothing else leads to bob's rows or to the users table: not there for these roles at all.
      for (const query of [
        '{ users { id display_name } }',
        '{ book_reviews { user_id } }',
        '{ book_reviews { status } }',
      ]) {
        await expect(asAdmin(query, {}, role, userId), `${role}: ${query}`).rejects.toThrow(/not found in type/);
      }
    }
    await expect(asAdmin('{ shelf_entries { note } }', {}, 'anonymous')).rejects.toThrow(/not found in type/);
    // The webhook role sees which entries exist (it deletes them), never what they say.
    await expect(asAdmin('{ shelf_entries { note } }', {}, 'clerk_webhook')).rejects.toThrow(/not found in type/);
    // This file's book: bob has an entry for it, alice none (other tests write alice's shelf meanwhile).
    const entriesOfBook = 'query ($bookId: uuid!) { shelf_entries(where: { book_id: { _eq: $bookId } }) { note } }';
    expect(await asAdmin(entriesOfBook, { bookId }, 'user', ALICE_ID)).toEqual({ shelf_entries: [] });

    // Bob shares: now everyone sees the review (note, rating, name) — and still nothing else of his.
    await bob.getByLabel('Rating').selectOption('3');
    await bob.getByLabel(/Share this review publicly/).check();
    await bob.getByRole('button', { name: 'Save' }).click();
    await expect(bob.getByRole('status')).toHaveText('Saved.');
    for (const [role, userId] of [
      ['user', ALICE_ID],
      ['anonymous', undefined],
    ] as const) {
      const seen = await asAdmin<{ book_reviews: unknown[] }>(reviewsQuery, { bookId }, role, userId);
      // (reviewer_name is bob's once the local Clerk's seeded user.created has reached the app)
      expect(seen.book_reviews, role).toEqual([expect.objectContaining({ note, rating: 3 })]);
    }
    expect(await asAdmin(entriesOfBook, { bookId }, 'user', ALICE_ID)).toEqual({ shelf_entries: [] });
    await alice.goto(bookUrl);
    await expect(alice.getByRole('list', { name: 'Shared reviews' })).toContainText(note);
  });
});
