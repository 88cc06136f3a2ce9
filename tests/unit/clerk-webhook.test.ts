/**
 * The app's Clerk webhook (/webhooks/clerk) end to end in-process: the local Clerk delivers real Svix-signed events
 * to the app's receiver, which writes the local Hasura engine (in-memory PGlite, this repo's migrations and
 * metadata) as role clerk_webhook. Then each refusal (unsigned, tampered, other secret, stale, replayed, too big,
 * malformed), idempotency by svix-id, ordering by updated_at, and deletion of the user's data in one transaction.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startClerk, type RunningClerk } from '@emulators/clerk';
import { readConfig } from '@emulators/hasura/config';
import { startHasura, type RunningHasura } from '@emulators/hasura';
import { localPublishableKey } from '../../scripts/local-env';

const SECRET = `whsec_${Buffer.from('unit-test-clerk-webhook-secret!!').toString('base64')}`;
const ADMIN_SECRET = 'unit-admin-secret';
const ALICE = 'user_2LocalAliceAAAAAAAAAAAAAAAA';
const BOB = 'user_2LocalBobBBBBBBBBBBBBBBBBBB';
const BOOK = '00000000-0000-4000-8000-000000000001';

interface Delivery {
  headers: Record<string, string>;
  body: string;
  status: number;
  answer: string;
}

let hasura: RunningHasura;
let clerk: RunningClerk;
let bridge: Server;
let dataDir: string;
/** What the local Clerk delivered and what the app answered, in order. */
const deliveries: Delivery[] = [];
let receive: (request: Request) => Promise<Response>;

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await hasura.db.query<T>(text, params)).rows as T[];
}

const backend = (method: string, path: string, body?: unknown) =>
  fetch(`${clerk.url}/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((response) => response.json() as Promise<{ id: string }>); // a user object; the test reads its id

async function until<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const deliveryOf = (type: string, userId: string) =>
  until(
    () =>
      deliveries.find((d) => {
        const e = JSON.parse(d.body);
        return e.type === type && e.data.id === userId;
      }),
    `${type} for ${userId}`,
  );

/** Posts a delivery (or a forged variant of one) to the receiver directly. */
async function post(headers: Record<string, string>, body: string) {
  const response = await receive(new Request('http://app.test/webhooks/clerk', { method: 'POST', headers, body }));
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** Signs `event` as Svix would, with `secret`, at `at` (default now). */
function signed(
  event: unknown,
  { id = `msg_test${Math.random().toString(36).slice(2)}`, at = new Date(), secret = SECRET } = {},
) {
  const body = JSON.stringify(event);
  return {
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
      'svix-signature': new Webhook(secret).sign(id, at, body),
    },
    body,
  };
}

const userEvent = (type: string, data: Record<string, unknown>) => ({
  data,
  object: 'event',
  type,
  timestamp: Date.now(),
  instance_id: 'ins_test',
});
const clerkUser = (id: string, firstName: string, updatedAt: number) => ({
  id,
  object: 'user',
  first_name: firstName,
  last_name: null,
  username: null,
  image_url: `https://img.clerk.com/${id}`,
  created_at: 1_700_000_000_000,
  updated_at: updatedAt,
  email_addresses: [{ email_address: 'x@example.com' }],
});

async function userRow(id: string) {
  return (
    await sql<{ display_name: string; image_url: string | null; updated_at: Date }>(
      'SELECT display_name, image_url, updated_at FROM public.users WHERE id = $1',
      [id],
    )
  )[0];
}

beforeAll(async () => {
  hasura = await startHasura(
    readConfig({
      HASURA_GRAPHQL_DATABASE_URL: 'pglite://memory',
      HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET,
      HASURA_GRAPHQL_METADATA_DIR: 'hasura/metadata',
      HASURA_GRAPHQL_MIGRATIONS_DIR: 'hasura/migrations',
      HASURA_GRAPHQL_SERVER_PORT: '0',
    }),
    { port: 0 },
  );
  await sql("INSERT INTO public.genres (name) VALUES ('Fiction')");
  await sql(`INSERT INTO public.books (id, title, author, genre) VALUES ('${BOOK}', 'A Book', 'An Author', 'Fiction')`);
  for (const [name, value] of Object.entries({
    CLERK_PUBLISHABLE_KEY: localPublishableKey(),
    CLERK_SECRET_KEY: 'sk_test_local',
    HASURA_GRAPHQL_ENDPOINT: `${hasura.url}/v1/graphql`,
    HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET,
    CLERK_WEBHOOK_SIGNING_SECRET: SECRET,
  }))
    vi.stubEnv(name, value);
  ({ receiveClerkWebhook: receive } = await import('~/webhooks/clerk-webhook.server'));

  // The app's endpoint: a Node server handing each request to the receiver, recording both sides.
  bridge = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const body = Buffer.concat(chunks).toString('utf8');
      const response = await receive(new Request('http://app.test/webhooks/clerk', { method: 'POST', headers, body }));
      const answer = await response.text();
      deliveries.push({ headers, body, status: response.status, answer });
      res.writeHead(response.status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => bridge.listen(0, '127.0.0.1', resolve));
  dataDir = mkdtempSync(join(tmpdir(), 'clerk-webhook-test-'));
  clerk = await startClerk({
    port: 0,
    dataDir,
    log: () => {},
    webhooks: {
      endpoints: [
        { url: `http://127.0.0.1:${(bridge.address() as AddressInfo).port}/webhooks/clerk`, signingSecret: SECRET },
      ],
      retryScheduleMs: [50, 100, 200],
    },
  });
}, 120_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await clerk?.close();
  await new Promise((resolve) => bridge?.close(resolve));
  await hasura?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Clerk → /webhooks/clerk → Hasura', () => {
  it('gets the seeded users from the local Clerk at start', async () => {
    const alice = await until(() => userRow(ALICE), 'alice in users');
    expect(alice).toMatchObject({ display_name: 'Alice', image_url: `${clerk.url}/avatars/${ALICE}.svg` });
    await until(() => userRow(BOB), 'bob in users');
    const delivered = await deliveryOf('user.created', ALICE);
    expect(delivered.status).toBe(200);
    expect(JSON.parse(delivered.answer)).toEqual({ outcome: 'applied' });
  });

  it('follows a user created, renamed and deleted through the Backend API; deletion takes the shelf with it', async () => {
    const { id } = await backend('POST', '/users', {
      email_address: ['jo@example.com'],
      first_name: 'Jo',
      last_name: 'March',
    });
    expect(await until(() => userRow(id), 'jo in users')).toMatchObject({ display_name: 'Jo March' });

    await backend('PATCH', `/users/${id}`, { first_name: 'Josephine' });
    await until(async () => (await userRow(id))?.display_name === 'Josephine March', 'the new name');

    await sql(
      'INSERT INTO public.shelf_entries (user_id, book_id, status, rating, note, shared) VALUES ($1, $2, $3, 5, $4, true)',
      [id, BOOK, 'read', 'loved it'],
    );
    await sql('INSERT INTO public.shelf_entries (user_id, book_id, status, shared) VALUES ($1, $2, $3, false)', [
      ALICE,
      BOOK,
      'reading',
    ]);
    expect(await sql('SELECT reviewer_name FROM public.book_reviews')).toEqual([{ reviewer_name: 'Josephine March' }]);

    await backend('DELETE', `/users/${id}`);
    await until(async () => !(await userRow(id)), 'jo gone');
    expect(await sql('SELECT id FROM public.shelf_entries WHERE user_id = $1', [id])).toEqual([]);
    expect(await sql('SELECT id FROM public.book_reviews')).toEqual([]);
    expect(await sql('SELECT id FROM public.deleted_users WHERE id = $1', [id])).toEqual([{ id }]);
    // Someone else's entry is untouched.
    expect(await sql('SELECT user_id FROM public.shelf_entries')).toEqual([{ user_id: ALICE }]);
    expect((await deliveryOf('user.deleted', id)).status).toBe(200);
  });

  describe('refuses, and changes nothing', () => {
    let original: Delivery;
    let before: Awaited<ReturnType<typeof userRow>>;

    beforeAll(async () => {
      original = await deliveryOf('user.created', BOB);
      await until(() => userRow(BOB), 'bob in users');
    });
    // Each refusal must leave bob's row as it was.
    const unchanged = async () => expect(await userRow(BOB)).toEqual(before);
    beforeAll(async () => {
      before = await userRow(BOB);
    });

    it('an unsigned delivery', async () => {
      const { status, body } = await post(
        { 'content-type': 'application/json' },
        original.body.replace('"Bob"', '"Mallory"'),
      );
      expect(status).toBe(400);
      expect(body.problem).toMatch(/verification failed/i);
      await unchanged();
    });

    it('a tampered body under the original signature', async () => {
      const forged = JSON.parse(original.body);
      forged.type = 'user.updated';
      forged.data.first_name = 'Mallory';
      forged.data.updated_at = Date.now() + 60_000;
      const { status } = await post(
        { ...original.headers, 'svix-id': `${original.headers['svix-id']}x` },
        JSON.stringify(forged),
      );
      expect(status).toBe(400);
      const sameIdTampered = await post(original.headers, JSON.stringify(forged));
      expect(sameIdTampered.status).toBe(400);
      await unchanged();
    });

    it('a delivery signed with another secret', async () => {
      const other = `whsec_${Buffer.from('an-attackers-own-signing-secret!').toString('base64')}`;
      const { headers, body } = signed(userEvent('user.updated', clerkUser(BOB, 'Mallory', Date.now() + 60_000)), {
        secret: other,
      });
      expect((await post(headers, body)).status).toBe(400);
      await unchanged();
    });

    it('a correctly signed delivery more than 5 minutes old (or ahead)', async () => {
      const event = userEvent('user.updated', clerkUser(BOB, 'Mallory', Date.now() + 60_000));
      const stale = signed(event, { at: new Date(Date.now() - 5 * 60_000 - 10_000) });
      expect((await post(stale.headers, stale.body)).status).toBe(400);
      const future = signed(event, { at: new Date(Date.now() + 5 * 60_000 + 10_000) });
      expect((await post(future.headers, future.body)).status).toBe(400);
      await unchanged();
    });

    it('a replay of a delivery already handled (same svix-id), even re-signed now', async () => {
      const renamed = signed(userEvent('user.updated', clerkUser(BOB, 'Robert', Date.now() + 1000)));
      expect((await post(renamed.headers, renamed.body)).status).toBe(200);
      before = await userRow(BOB);
      expect(before.display_name).toBe('Robert');

      const replay = await post(renamed.headers, renamed.body);
      expect(replay.status).toBe(409);
      expect(replay.body.problem).toMatch(/already handled/);
      // The same id with a newer event inside: still the same message, still refused.
      const reused = signed(userEvent('user.updated', clerkUser(BOB, 'Mallory', Date.now() + 5000)), {
        id: renamed.headers['svix-id'],
      });
      expect((await post(reused.headers, reused.body)).status).toBe(409);
      await unchanged();
    });

    it('a body over the size limit, and signed data that is not a Clerk user', async () => {
      const huge = signed(userEvent('user.updated', { ...clerkUser(BOB, 'x'.repeat(300_000), Date.now() + 9000) }));
      expect((await post(huge.headers, huge.body)).status).toBe(413);
      const noId = signed(userEvent('user.updated', { ...clerkUser(BOB, 'Mallory', Date.now() + 9000), id: 'robert' }));
      expect((await post(noId.headers, noId.body)).status).toBe(400);
      const badDelete = signed(userEvent('user.deleted', { id: BOB, object: 'user' }));
      expect((await post(badDelete.headers, badDelete.body)).status).toBe(400);
      await unchanged();
      expect(
        await sql('SELECT count(*)::int AS n FROM public.clerk_webhook_deliveries WHERE svix_id = ANY($1)', [
          [huge.headers['svix-id'], noId.headers['svix-id'], badDelete.headers['svix-id']],
        ]),
      ).toEqual([{ n: 0 }]);
    });
  });

  it('answers 2xx to event types it does not use, so Svix does not retry them', async () => {
    const session = signed({
      data: { id: 'sess_1', object: 'session' },
      object: 'event',
      type: 'session.created',
      timestamp: Date.now(),
    });
    expect(await post(session.headers, session.body)).toEqual({ status: 200, body: { outcome: 'ignored' } });
  });

  it('takes POST only, and answers 503 naming the variable when the signing secret is not set', async () => {
    const route = await import('~/routes/webhooks.clerk');
    const get = route.loader();
    expect([get.status, get.headers.get('Allow')]).toEqual([405, 'POST']);
    const put = await route.action({
      request: new Request('http://app.test/webhooks/clerk', { method: 'PUT' }),
      params: {},
      context: {},
    });
    expect(put.status).toBe(405);

    vi.resetModules();
    vi.stubEnv('CLERK_WEBHOOK_SIGNING_SECRET', undefined);
    try {
      const unconfigured = await import('~/webhooks/clerk-webhook.server');
      const { headers, body } = signed(userEvent('user.updated', clerkUser(BOB, 'Mallory', Date.now() + 60_000)));
      const response = await unconfigured.receiveClerkWebhook(
        new Request('http://app.test/webhooks/clerk', { method: 'POST', headers, body }),
      );
      expect(response.status).toBe(503);
      expect((await response.json()).problem).toContain('CLERK_WEBHOOK_SIGNING_SECRET');
    } finally {
      vi.stubEnv('CLERK_WEBHOOK_SIGNING_SECRET', SECRET);
    }
    expect((await userRow(BOB))!.display_name).not.toBe('Mallory');
  });

  it('keeps the newest profile whatever order updates arrive in', async () => {
    const id = 'user_2OrderTestCCCCCCCCCCCCCCCC';
    const t = Date.now();
    const newer = signed(userEvent('user.updated', clerkUser(id, 'Newer', t + 2000)));
    const older = signed(userEvent('user.updated', clerkUser(id, 'Older', t + 1000)));
    const created = signed(userEvent('user.created', clerkUser(id, 'Created', t)));
    expect((await post(newer.headers, newer.body)).body).toEqual({ outcome: 'applied' });
    expect((await post(older.headers, older.body)).body).toEqual({ outcome: 'stale' });
    expect((await post(created.headers, created.body)).body).toEqual({ outcome: 'stale' });
    expect((await userRow(id))!.display_name).toBe('Newer');

    // A late update after the deletion does not bring the user back.
    const deleted = signed(userEvent('user.deleted', { id, object: 'user', deleted: true }));
    expect((await post(deleted.headers, deleted.body)).status).toBe(200);
    const late = signed(userEvent('user.updated', clerkUser(id, 'Zombie', t + 9000)));
    expect((await post(late.headers, late.body)).body).toEqual({ outcome: 'stale' });
    expect(await userRow(id)).toBeUndefined();
  });

  it('applies a message once when the same delivery arrives twice at the same time', async () => {
    const id = 'user_2TwiceTestDDDDDDDDDDDDDDDD';
    const once = signed(userEvent('user.created', clerkUser(id, 'Once', Date.now())));
    const statuses = (await Promise.all([post(once.headers, once.body), post(once.headers, once.body)]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
    expect(
      await sql('SELECT count(*)::int AS n FROM public.clerk_webhook_deliveries WHERE svix_id = $1', [
        once.headers['svix-id'],
      ]),
    ).toEqual([{ n: 1 }]);
  });
});
