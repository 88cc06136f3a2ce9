/**
 * Loaders and actions against a real Hasura: the local engine in-process on in-memory PGlite with this repo's
 * migrations, metadata and seeds, verifying HS256 tokens. Only Clerk's `getAuth` is replaced: it returns the
 * test's current user and signs `hasura` template tokens with the claims Clerk's Hasura template produces.
 */
import { ClerkAPIResponseError } from '@clerk/shared/error';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHasura, type RunningHasura } from '@emulators/hasura';
import { readConfig } from '@emulators/hasura/config';
import { localStackEnv } from '../../scripts/local-env';
import { createBrowserHasuraClient } from '~/hasura/browser-client';
import { catalogHref } from '~/books/catalog';
import { QuickRateMutation } from '~/hasura/documents';

const JWT_KEY = 'unit-test-hs256-key-at-least-32-characters';

interface FakeUser {
  userId: string;
  sessionId: string;
  /** Lifetimes of the next tokens in seconds, used up in order (negative: already expired); then 60. */
  tokenLifetimes?: number[];
  /** The instance has no `hasura` JWT template: Clerk's Backend API answers 404 (the session itself is active). */
  noTemplate?: boolean;
  /** The session was ended (signed out elsewhere, revoked, user deleted) while its cookie still verifies: 401. */
  sessionEnded?: boolean;
}
const clerk = vi.hoisted(() => ({ user: null as FakeUser | null, tokensIssued: 0 }));

/** What @clerk/backend throws for the Backend API's error answers (see template-token-failure.test.ts). */
const clerkApiError = (status: number, code: string, message: string) =>
  new ClerkAPIResponseError(status === 404 ? 'Not Found' : 'Unauthorized', {
    data: [{ code, message, long_message: message }],
    status,
  });

async function templateToken(user: FakeUser): Promise<string> {
  if (user.sessionEnded) throw clerkApiError(401, 'signed_out', 'Signed out');
  if (user.noTemplate) throw clerkApiError(404, 'resource_not_found', 'JWT template not found');
  clerk.tokensIssued += 1;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    'https://hasura.io/jwt/claims': {
      'x-hasura-user-id': user.userId,
      'x-hasura-default-role': 'user',
      'x-hasura-allowed-roles': ['user'],
    },
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.userId)
    .setIssuedAt(now - 5)
    .setExpirationTime(now + (user.tokenLifetimes?.shift() ?? 60))
    .sign(new TextEncoder().encode(JWT_KEY));
}

vi.mock('@clerk/remix/ssr.server', () => ({
  getAuth: async () => {
    const user = clerk.user;
    if (!user) return { userId: null, sessionId: null, getToken: async () => null };
    return { userId: user.userId, sessionId: user.sessionId, getToken: () => templateToken(user) };
  },
}));

const ALICE: FakeUser = { userId: 'user_alice', sessionId: 'sess_alice' };
const BOB: FakeUser = { userId: 'user_bob', sessionId: 'sess_bob' };
/** The seed's id for book n: md5('book-<n>') read as a uuid. */
const seededBookId = (n: number) =>
  createHash('md5')
    .update(`book-${n}`)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const BOOK = seededBookId(1);
const OTHER_BOOK = seededBookId(2);

let hasura: RunningHasura;
/**
 * Stands in for a running Clerk at CLERK_API_URL: knows only `GET /v1/sessions/{id}` (every session is active, as
 * the Backend API says of a live one) and answers 404 to everything else (reachable, but no real API).
 */
let clerkOrigin: Server;
const routes = {
  books: () => import('~/routes/books._index'),
  book: () => import('~/routes/books.$bookId'),
  shelf: () => import('~/routes/shelf'),
  status: () => import('~/routes/status'),
};

beforeAll(async () => {
  hasura = await startHasura(
    readConfig({
      HASURA_GRAPHQL_DATABASE_URL: 'pglite://memory',
      HASURA_GRAPHQL_ADMIN_SECRET: 'unit-admin-secret',
      HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: JWT_KEY }),
      HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous',
      HASURA_GRAPHQL_SEEDS_DIR: 'hasura/seeds',
    }),
    { port: 0 },
  );
  clerkOrigin = createServer((req, res) => {
    const session = /^\/v1\/sessions\/([^/]+)$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !session) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({ object: 'session', id: session[1], status: 'active', user_id: 'user_x', client_id: 'client_x' }),
    );
  });
  await new Promise<void>((resolve) => clerkOrigin.listen(0, '127.0.0.1', resolve));
  const clerkPort = (clerkOrigin.address() as AddressInfo).port;
  const env = localStackEnv({ app: 3999, clerk: clerkPort, hasura: hasura.port }).app;
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await hasura?.close();
  await new Promise((resolve) => clerkOrigin?.close(resolve));
});

beforeEach(async () => {
  clerk.user = null;
  await hasura.db.exec('DELETE FROM public.shelf_entries');
});

const args = (path: string, init?: RequestInit, params: Record<string, string> = {}) =>
  ({ request: new Request(`http://app.test${path}`, init), params, context: {} }) as LoaderFunctionArgs &
    ActionFunctionArgs;

const post = (bookId: string, fields: Record<string, string>) =>
  args(`/books/${bookId}`, { method: 'POST', body: new URLSearchParams(fields) }, { bookId });

async function shelfRows() {
  const { rows } = await hasura.db.query<{
    user_id: string;
    book_id: string;
    status: string;
    rating: number | null;
    note: string | null;
  }>('SELECT user_id, book_id, status, rating, note FROM public.shelf_entries ORDER BY user_id');
  return rows;
}

/** What single fetch lets a loader or action give: plain data (200), `data(value, init)`, or a Response. */
const isDataWithInit = (result: unknown): result is { data: unknown; init: ResponseInit | null } =>
  typeof result === 'object' && result !== null && (result as { type?: unknown }).type === 'DataWithResponseInit';

/** The body of a loader/action result, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route answers its own shape; the assertions check it
async function bodyOf(result: unknown): Promise<any> {
  if (result instanceof Response) return result.json();
  return isDataWithInit(result) ? result.data : result;
}

/** The status a loader/action result answers with. */
function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  return (isDataWithInit(result) ? result.init?.status : undefined) ?? 200;
}

/** The field errors (by field) and the form errors of the book action's conform reply. */
async function errorsOf(response: unknown): Promise<{ fields: Record<string, string[]>; form: string[] }> {
  const { result } = await bodyOf(response);
  const { '': form = [], ...fields } = (result.error ?? {}) as Record<string, string[]>;
  return { fields, form };
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to throw a Response');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

describe('/books loader', () => {
  it('pages through the seeded catalog for a signed-out visitor (anonymous role)', async () => {
    const { loader } = await routes.books();
    const first = await bodyOf(await loader(args('/books')));
    expect(first.count).toBe('1,000+ books'); // 5,000 books, counted up to the cap
    expect(first.books).toHaveLength(20);
    expect(first.genres).toHaveLength(12);
    expect(first.genres).toContain('Poetry');
    expect(first.signedIn).toBe(false);
    expect(first.previousHref).toBeNull();
    expect(first.firstHref).toBeNull();

    const second = await bodyOf(await loader(args(first.nextHref)));
    expect(second.books).toHaveLength(20);
    const firstIds = first.books.map((b: { id: string }) => b.id);
    for (const book of second.books) expect(firstIds).not.toContain(book.id);
    expect(second.firstHref).toBe('/books');
    // The catalog order continues across the page boundary (title, then id).
    const { rows: ordered } = await hasura.db.query<{ id: string }>(
      'SELECT id FROM public.books ORDER BY title, id LIMIT 40',
    );
    expect([...firstIds, ...second.books.map((b: { id: string }) => b.id)]).toEqual(ordered.map((row) => row.id));

    const back = await bodyOf(await loader(args(second.previousHref)));
    expect(back.books).toEqual(first.books);
    expect(back.previousHref).toBeNull(); // nothing before the first book
    expect(back.nextHref).not.toBeNull();
  });

  it('reaches the last page through a cursor, with no Next beyond it', async () => {
    const { loader } = await routes.books();
    const { rows } = await hasura.db.query<{ id: string; title: string }>(
      'SELECT id::text AS id, title FROM public.books ORDER BY title DESC, id DESC OFFSET 5 LIMIT 1',
    );
    const last = await bodyOf(await loader(args(catalogHref({ q: '', genre: '' }, { after: rows[0] }))));
    expect(last.books).toHaveLength(5);
    expect(last.nextHref).toBeNull();
    expect(last.previousHref).not.toBeNull();
  });

  it('answers 400 for a malformed page link, never 5xx', async () => {
    const { loader } = await routes.books();
    for (const query of [
      'after=garbage',
      'before=%00',
      `after=${Buffer.from('["t","not-a-uuid"]').toString('base64url')}`,
    ]) {
      const response = await thrown(loader(args(`/books?${query}`)));
      expect(statusOf(response)).toBe(400);
    }
  });

  it('searches whole words of title or author case-insensitively and filters by genre', async () => {
    const { loader } = await routes.books();
    const words = (book: { title: string; author: string }) =>
      `${book.title} ${book.author}`.toLowerCase().split(/\W+/);
    const found = await bodyOf(await loader(args('/books?q=LIGHTHOUSE&genre=Horror')));
    expect(found.books.length).toBeGreaterThan(0);
    expect(found.count).toMatch(/^\d+ books?$/); // fewer than the cap
    for (const book of found.books) {
      expect(words(book)).toContain('lighthouse');
      expect(book.genre).toBe('Horror');
    }
    const byAuthor = await bodyOf(await loader(args('/books?q=nakamura')));
    expect(byAuthor.books.length).toBeGreaterThan(0);
    for (const book of byAuthor.books) expect(book.author).toMatch(/Nakamura/);
    // Every word must match, in any order; each match in (title, id) order.
    const both = await bodyOf(await loader(args('/books?q=nakamura%20LIGHTHOUSE')));
    expect(both.books.length).toBeGreaterThan(0);
    for (const book of both.books) expect(words(book)).toEqual(expect.arrayContaining(['lighthouse', 'nakamura']));
    expect(both.books.length).toBeLessThan(byAuthor.books.length);
    const titles = both.books.map((book: { title: string }) => book.title);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // A part of a word is not a word; punctuation alone is no word (and no wildcard).
    expect((await bodyOf(await loader(args('/books?q=lighthous')))).count).toBe('0 books');
    expect((await bodyOf(await loader(args('/books?q=%25')))).count).toBe('0 books');
  });

  it('keeps the search in step with the catalog: new, renamed and deleted books', async () => {
    const { loader } = await routes.books();
    const count = async (q: string) => (await bodyOf(await loader(args(`/books?q=${q}`)))).count;
    const id = '00000000-0000-4000-8000-00000000beef';
    await hasura.db.query(
      `INSERT INTO books (id, title, author, published_year, genre) VALUES ($1, 'Quokka Dreams', 'Ann Zyx', 2001, 'Poetry')`,
      [id],
    );
    expect(await count('quokka')).toBe('1 book');
    await hasura.db.query(`UPDATE books SET title = 'Wombat Dreams' WHERE id = $1`, [id]);
    expect(await count('quokka')).toBe('0 books');
    expect(await count('wombat%20zyx')).toBe('1 book');
    await hasura.db.query(`DELETE FROM books WHERE id = $1`, [id]);
    expect(await count('wombat')).toBe('0 books');
    expect(await count('dreams')).toBe('0 books');
  });

  it('answers hostile parameters with a sanitised page or a 400 that says why, never a 5xx', async () => {
    const { loader } = await routes.books();
    const nulTitleCursor = Buffer.from(
      JSON.stringify(['river\u0000', '00000000-0000-0000-0000-000000000000']),
    ).toString('base64url');
    for (const path of [
      '/books?after=not-a-cursor',
      `/books?before=${'A'.repeat(5000)}`,
      `/books?after=${nulTitleCursor}`,
    ]) {
      const response = await thrown(loader(args(path)));
      expect(statusOf(response)).toBe(400);
      expect((await bodyOf(response)).problem).toMatch(/This page link is broken/);
    }
    for (const path of [
      '/books?q=%00',
      '/books?genre=%00',
      '/books?q=%00%01%7F&page=-3',
      '/books?page=99999999999',
      `/books?q=${'é'.repeat(3000)}`,
    ]) {
      const page = await bodyOf(await loader(args(path)));
      // eslint-disable-next-line no-control-regex -- control characters are what the search must have dropped
      expect(page.search.q).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(Array.from(page.search.q).length).toBeLessThanOrEqual(200);
    }
    const nul = await bodyOf(await loader(args('/books?q=%00')));
    expect(nul.count).toBe('1,000+ books'); // nothing left to search for: the whole catalog
    const unknownGenre = await bodyOf(await loader(args('/books?genre=No%20such%20genre')));
    expect(unknownGenre.count).toBe('0 books');
  });

  it("shows a signed-in user's own shelf status per row, never another user's", async () => {
    const { action } = await routes.book();
    clerk.user = ALICE;
    await action(post(BOOK, { intent: 'save', status: 'reading', rating: '', note: '' }));
    const { loader } = await routes.books();
    const search = `/books?q=${encodeURIComponent((await hasura.db.query<{ title: string }>(`SELECT title FROM books WHERE id = '${BOOK}'`)).rows[0]!.title)}`;
    const alice = await bodyOf(await loader(args(search)));
    expect(alice.books.find((b: { id: string }) => b.id === BOOK).shelfStatus).toBe('Reading');
    clerk.user = BOB;
    const bob = await bodyOf(await loader(args(search)));
    expect(bob.books.find((b: { id: string }) => b.id === BOOK).shelfStatus).toBeNull();
  });
});

describe('/books/$bookId', () => {
  it('answers 404 for an unknown or malformed id', async () => {
    const { loader } = await routes.book();
    expect((await thrown(loader(args('/books/x', undefined, { bookId: 'not-a-uuid' })))).status).toBe(404);
    const missing = '00000000-0000-0000-0000-000000000000';
    expect((await thrown(loader(args(`/books/${missing}`, undefined, { bookId: missing })))).status).toBe(404);
  });

  it('adds, updates and removes the signed-in user’s entry', async () => {
    const { action, loader } = await routes.book();
    clerk.user = ALICE;
    const added = await action(post(BOOK, { intent: 'save', status: 'want_to_read', rating: '4', note: 'soon' }));
    expect(statusOf(added)).toBe(200);
    expect((await bodyOf(added)).message).toBe('Added to your shelf.');
    expect(await shelfRows()).toEqual([
      { user_id: 'user_alice', book_id: BOOK, status: 'want_to_read', rating: 4, note: 'soon' },
    ]);

    const { entry } = await bodyOf(await loader(args(`/books/${BOOK}`, undefined, { bookId: BOOK })));
    expect(entry).toMatchObject({ status: 'want_to_read', rating: 4, note: 'soon' });
    await action(post(BOOK, { intent: 'save', entryId: entry.id, status: 'read', rating: '', note: '' }));
    expect(await shelfRows()).toEqual([
      { user_id: 'user_alice', book_id: BOOK, status: 'read', rating: null, note: null },
    ]);

    const removed = await action(post(BOOK, { intent: 'remove', entryId: entry.id }));
    expect((await bodyOf(removed)).message).toBe('Removed from your shelf.');
    expect(await shelfRows()).toEqual([]);
  });

  it('returns field errors and writes nothing for invalid input', async () => {
    const { action } = await routes.book();
    clerk.user = ALICE;
    const response = await action(
      post(BOOK, { intent: 'save', status: 'finished', rating: '9', note: 'x'.repeat(2001) }),
    );
    expect(statusOf(response)).toBe(400);
    const { fields } = await errorsOf(response);
    expect(Object.keys(fields).sort()).toEqual(['note', 'rating', 'status']);
    expect(await shelfRows()).toEqual([]);
  });

  it('refuses a note with a NUL character as a field error, not a database failure', async () => {
    const { action } = await routes.book();
    clerk.user = ALICE;
    const response = await action(post(BOOK, { intent: 'save', status: 'read', rating: '1e400', note: 'a\u0000b' }));
    expect(statusOf(response)).toBe(400);
    const { fields } = await errorsOf(response);
    expect(fields.note?.[0]).toMatch(/NUL/);
    expect(fields.rating?.[0]).toMatch(/whole number from 1 to 5/);
    expect(await shelfRows()).toEqual([]);
  });

  it("changes nothing when bob posts alice's entry id (permissions filter it out)", async () => {
    const { action, loader } = await routes.book();
    clerk.user = ALICE;
    await action(post(BOOK, { intent: 'save', status: 'reading', rating: '5', note: 'mine' }));
    const { entry } = await bodyOf(await loader(args(`/books/${BOOK}`, undefined, { bookId: BOOK })));
    const before = await shelfRows();

    clerk.user = BOB;
    const forgedSave = await action(
      post(BOOK, { intent: 'save', entryId: entry.id, status: 'read', rating: '1', note: 'bob' }),
    );
    expect(statusOf(forgedSave)).toBe(404);
    expect((await errorsOf(forgedSave)).form[0]).toMatch(/^Not found/);
    const forgedRemove = await action(post(BOOK, { intent: 'remove', entryId: entry.id }));
    expect(statusOf(forgedRemove)).toBe(404);
    expect(await shelfRows()).toEqual(before);
    // Bob does not see alice's entry on the same book.
    expect((await bodyOf(await loader(args(`/books/${BOOK}`, undefined, { bookId: BOOK })))).entry).toBeNull();
  });

  it('refuses an unknown intent, a malformed entry id and a hostile checkbox with a 400, writing nothing', async () => {
    const { action } = await routes.book();
    clerk.user = ALICE;
    for (const fields of <Record<string, string>[]>[
      { intent: 'delete-everything', status: 'read' },
      { status: 'read' },
      { intent: 'remove', entryId: "' OR 1=1 --" },
      { intent: 'save', status: 'read', entryId: 'x'.repeat(100_000) },
      { intent: 'save', status: 'read', shared: 'true' },
    ]) {
      const response = await action(post(BOOK, fields));
      expect(statusOf(response)).toBe(400);
      const { fields: errors } = await errorsOf(response);
      expect(Object.keys(errors)).toHaveLength(1);
    }
    expect(await shelfRows()).toEqual([]);
  });

  it("changes nothing when an entry id is posted to another book's page", async () => {
    const { action, loader } = await routes.book();
    clerk.user = ALICE;
    await action(post(BOOK, { intent: 'save', status: 'reading', note: 'first book' }));
    const { entry } = await bodyOf(await loader(args(`/books/${BOOK}`, undefined, { bookId: BOOK })));
    const before = await shelfRows();
    const save = await action(post(OTHER_BOOK, { intent: 'save', entryId: entry.id, status: 'read', note: 'moved?' }));
    expect(statusOf(save)).toBe(404);
    const remove = await action(post(OTHER_BOOK, { intent: 'remove', entryId: entry.id }));
    expect(statusOf(remove)).toBe(404);
    expect(await shelfRows()).toEqual(before);
  });

  it('shows shared reviews (name, rating, note, average) to everyone, and never an unshared entry', async () => {
    const { action, loader } = await routes.book();
    await hasura.db.exec(
      "INSERT INTO public.users (id, display_name, image_url, created_at, updated_at) VALUES ('user_alice', 'Alice Liddell', 'https://img.example/a.png', now(), now())",
    );
    try {
      clerk.user = ALICE;
      await action(post(BOOK, { intent: 'save', status: 'read', rating: '4', note: 'shared by alice', shared: 'on' }));
      clerk.user = BOB;
      await action(post(BOOK, { intent: 'save', status: 'read', rating: '1', note: 'private to bob' }));

      clerk.user = null;
      const page = await bodyOf(await loader(args(`/books/${BOOK}`, undefined, { bookId: BOOK })));
      expect(page.book.reviews).toEqual([
        expect.objectContaining({
          note: 'shared by alice',
          rating: 4,
          reviewer_name: 'Alice Liddell',
          reviewer_image_url: 'https://img.example/a.png',
        }),
      ]);
      expect(page.book.reviews_aggregate.aggregate).toEqual({ count: 1, ratings: 1, avg: { rating: 4 } });

      // Bob shares too: he shows as "A reader" until his users row arrives; the average counts both.
      clerk.user = BOB;
      const { entry } = await bodyOf(await loader(args(`/books/${BOOK}`, undefined, { bookId: BOOK })));
      expect(entry).toMatchObject({ note: 'private to bob', shared: false });
      await action(
        post(BOOK, {
          intent: 'save',
          entryId: entry.id,
          status: 'read',
          rating: '1',
          note: 'now public',
          shared: 'on',
        }),
      );
      const shared = await bodyOf(await loader(args(`/books/${BOOK}`, undefined, { bookId: BOOK })));
      expect(
        shared.book.reviews
          .map((r: { note: string; reviewer_name: string | null }) => [r.note, r.reviewer_name])
          .sort(),
      ).toEqual([
        ['now public', null],
        ['shared by alice', 'Alice Liddell'],
      ]);
      expect(shared.book.reviews_aggregate.aggregate).toEqual({ count: 2, ratings: 2, avg: { rating: 2.5 } });
    } finally {
      await hasura.db.exec("DELETE FROM public.users WHERE id = 'user_alice'");
    }
  });

  it('sends a signed-out visitor who posts to sign in, and writes nothing', async () => {
    const { action } = await routes.book();
    const response = await thrown(action(post(BOOK, { intent: 'save', status: 'reading' })));
    expect(statusOf(response)).toBe(302);
    expect(response.headers.get('Location')).toBe(`/sign-in?redirect_url=${encodeURIComponent(`/books/${BOOK}`)}`);
    expect(await shelfRows()).toEqual([]);
  });
});

describe('/shelf loader', () => {
  it('redirects a signed-out visitor to sign in and back', async () => {
    const { loader } = await routes.shelf();
    const response = await thrown(loader(args('/shelf?status=read')));
    expect(response.headers.get('Location')).toBe(`/sign-in?redirect_url=${encodeURIComponent('/shelf?status=read')}`);
  });

  it("lists only the user's own entries, filtered by status", async () => {
    const { action } = await routes.book();
    clerk.user = ALICE;
    await action(post(BOOK, { intent: 'save', status: 'reading' }));
    await action(post(OTHER_BOOK, { intent: 'save', status: 'read' }));
    clerk.user = BOB;
    await action(post(BOOK, { intent: 'save', status: 'read' }));

    const { loader } = await routes.shelf();
    clerk.user = ALICE;
    const all = await bodyOf(await loader(args('/shelf')));
    expect(all.entries.map((e: { book: { id: string } }) => e.book.id).sort()).toEqual([BOOK, OTHER_BOOK].sort());
    const read = await bodyOf(await loader(args('/shelf?status=read')));
    expect(read.entries.map((e: { book: { id: string } }) => e.book.id)).toEqual([OTHER_BOOK]);
    const ignored = await bodyOf(await loader(args('/shelf?status=bogus')));
    expect(ignored.status).toBeNull();
    expect(ignored.entries).toHaveLength(2);
  });
});

describe('Hasura session', () => {
  it('retries once with a fresh token when Hasura answers invalid-jwt', async () => {
    const { loader } = await routes.shelf();
    // An already-expired token is never cached, so the first request sends it and Hasura rejects it.
    clerk.user = { userId: 'user_carol', sessionId: 'sess_carol', tokenLifetimes: [-30] };
    const issued = clerk.tokensIssued;
    const body = await bodyOf(await loader(args('/shelf')));
    expect(body.entries).toEqual([]);
    expect(clerk.tokensIssued - issued).toBe(2);
  });

  it('reuses the cached template token across requests of one session', async () => {
    const { loader } = await routes.shelf();
    clerk.user = { userId: 'user_dave', sessionId: 'sess_dave' };
    const issued = clerk.tokensIssued;
    await Promise.all([loader(args('/shelf')), loader(args('/shelf')), loader(args('/shelf'))]);
    await loader(args('/shelf'));
    expect(clerk.tokensIssued - issued).toBe(1);
  });

  it('names the missing JWT template when Clerk refuses to issue the token', async () => {
    const { loader } = await routes.shelf();
    clerk.user = { userId: 'user_erin', sessionId: 'sess_erin', noTemplate: true };
    const response = await thrown(loader(args('/shelf')));
    expect(statusOf(response)).toBe(502);
    const body = await bodyOf(response);
    expect(body).toMatchObject({ service: 'Clerk' });
    expect(body.problem).toMatch(/JWT template "hasura" \(Not Found\)/);
    expect(body.remedy).toMatch(/hasura\/README\.md/);
  });

  it('treats a session Clerk has ended as a signed-out visitor, not a missing template', async () => {
    const { loader: shelf } = await routes.shelf();
    const { loader: books } = await routes.books();
    const { action } = await routes.book();
    clerk.user = { userId: 'user_frank', sessionId: 'sess_frank', sessionEnded: true };
    const redirect = await thrown(shelf(args('/shelf?status=read')));
    expect(statusOf(redirect)).toBe(302);
    expect(redirect.headers.get('Location')).toBe('/sign-in?redirect_url=%2Fshelf%3Fstatus%3Dread');
    const catalog = await bodyOf(await books(args('/books')));
    expect(catalog.signedIn).toBe(false);
    const refused = await thrown(action(post(BOOK, { intent: 'save', status: 'read' })));
    expect(refused.headers.get('Location')).toMatch(/^\/sign-in\?redirect_url=/);
    expect(await shelfRows()).toEqual([]);
  });

  it('browser client: refreshes a token about to expire, then rates only the user’s own entry', async () => {
    const { action, loader } = await routes.book();
    clerk.user = ALICE;
    await action(post(BOOK, { intent: 'save', status: 'read' }));
    const { entry } = await bodyOf(await loader(args(`/books/${BOOK}`, undefined, { bookId: BOOK })));
    const endpoint = `http://127.0.0.1:${hasura.port}/v1/graphql`;

    const requests: { skipCache?: boolean }[] = [];
    const alice = createBrowserHasuraClient(endpoint, async (options) => {
      requests.push(options ?? {});
      // The first token expires in 5 s (inside the 10 s margin): the exchange must refresh before sending.
      return templateToken({ ...ALICE, tokenLifetimes: [requests.length === 1 ? 5 : 60] });
    });
    const rated = await alice.mutation(QuickRateMutation, { id: entry.id, rating: 3 }).toPromise();
    expect(rated.error).toBeUndefined();
    expect(rated.data?.update_shelf_entries_by_pk).toEqual({ id: entry.id, rating: 3 });
    expect(requests).toEqual([{}, { skipCache: true }]);

    const bob = createBrowserHasuraClient(endpoint, () => templateToken(BOB));
    const forged = await bob.mutation(QuickRateMutation, { id: entry.id, rating: 1 }).toPromise();
    expect(forged.data?.update_shelf_entries_by_pk).toBeNull();
    expect((await shelfRows())[0]!.rating).toBe(3);
  });

  it('/status introspects with the user token and reports the role from its claims', async () => {
    const { loader } = await routes.status();
    clerk.user = ALICE;
    const signedIn = await bodyOf(await loader(args('/status')));
    expect(signedIn).toMatchObject({ mode: 'local', userId: 'user_alice', role: 'user', hasuraUserId: 'user_alice' });
    expect(signedIn.hasura.ok).toBe(true);
    expect(signedIn.clerk.ok).toBe(false); // the stand-in answers 404 to /v1/jwks
    expect(signedIn.clerk.detail).toContain('HTTP 404');
    clerk.user = null;
    const signedOut = await bodyOf(await loader(args('/status')));
    expect(signedOut.role).toBe('anonymous');
    // The user's schema has the shelf types; the anonymous one does not, so it is smaller.
    expect(signedIn.schema.typeCount).toBeGreaterThan(signedOut.schema.typeCount);
  });
});
