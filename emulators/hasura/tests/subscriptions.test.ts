/**
 * GraphQL over WebSocket on `/v1/graphql` against a running engine, both subprotocols (raw messages, and the
 * unmodified graphql-ws client): auth at connection_init (good, forged and expired tokens), the socket dropped when
 * the token expires, live queries (permission filters, pushes only on change, one statement per interval for a
 * query shape across users), streaming (cursor order, batches), subscription_root_fields, queries and mutations
 * over the socket, and hostile messages.
 */
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readConfig } from '../src/config.js';
import { startHasura, type RunningHasura } from '../src/index.js';
import { testDatabaseTargets, type TestDatabase } from './helpers/test-databases.js';

const fixture = join(new URL('.', import.meta.url).pathname, 'fixtures', 'subscriptions');
const SECRET = 'subscriptions-test-secret-at-least-32-characters';
const ADMIN = 'subscriptions-admin';
const NS = 'https://hasura.io/jwt/claims';
const REFETCH_MS = 100;
const INIT_TIMEOUT_S = 2;

async function token(user: string, { exp = 3600, key = SECRET } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iat: now - 5,
    exp: now + exp,
    [NS]: { 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 'user', 'x-hasura-user-id': user },
  })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(key));
}

/** JSON text as a value; anything else as the text itself. */
const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- protocol messages of every shape, read field by field
type Message = { type: string; id?: string; payload?: any };

/** A raw socket whose messages queue up for `next()`. */
class Socket {
  readonly ws: WebSocket;
  readonly messages: Message[] = [];
  private waiters: Array<() => void> = [];
  closed?: { code: number; reason: string };

  constructor(url: string, protocols?: string | string[]) {
    this.ws = new WebSocket(url, protocols);
    this.ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as Message);
      this.wake();
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    this.ws.on('error', () => undefined);
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  send(message: unknown) {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message matching `match` (keep-alives skipped), removed from the queue. */
  async next(match: (m: Message) => boolean = (m) => m.type !== 'ka' && m.type !== 'ping', timeoutMs = 3000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex(match);
      if (index >= 0) return this.messages.splice(index, 1)[0];
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Messages for operation `id` that arrive within `ms`. */
  async collect(id: string, ms: number): Promise<Message[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const found = this.messages.filter((m) => m.id === id);
    for (const m of found) this.messages.splice(this.messages.indexOf(m), 1);
    return found;
  }

  async whenClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket still open');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.closed;
  }

  close() {
    this.ws.terminate();
  }
}

const NOTES = 'subscription { notes(order_by: {id: asc}) { id owner body } }';

for (const target of testDatabaseTargets()) {
  describe(`websocket subscriptions (${target.name})`, () => {
    let database: TestDatabase;
    let hasura: RunningHasura;
    let wsUrl: string;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      database = await target.create();
      hasura = await startHasura(
        readConfig({
          HASURA_GRAPHQL_DATABASE_URL: database.url,
          HASURA_GRAPHQL_ADMIN_SECRET: ADMIN,
          HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: SECRET }),
          HASURA_GRAPHQL_METADATA_DIR: join(fixture, 'metadata'),
          HASURA_GRAPHQL_MIGRATIONS_DIR: join(fixture, 'migrations'),
          HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_REFETCH_INTERVAL: String(REFETCH_MS),
          HASURA_GRAPHQL_STREAMING_QUERIES_MULTIPLEXED_REFETCH_INTERVAL: String(REFETCH_MS),
          HASURA_GRAPHQL_WEBSOCKET_KEEPALIVE: '1',
          HASURA_GRAPHQL_WEBSOCKET_CONNECTION_INIT_TIMEOUT: String(INIT_TIMEOUT_S),
          HASURA_GRAPHQL_CORS_DOMAIN: 'http://app.test',
        }),
        { port: 0 },
      );
      wsUrl = `${hasura.url.replace('http', 'ws')}/v1/graphql`;
    });

    afterAll(async () => {
      for (const socket of sockets) socket.close();
      await hasura?.close();
      await database?.drop();
    });

    const open = async (protocols?: string | string[]) => {
      const socket = new Socket(wsUrl, protocols);
      sockets.push(socket);
      await socket.opened();
      return socket;
    };

    /** An acknowledged socket of `protocol` for `user` (admin secret when user is null). */
    const connect = async (protocol: 'graphql-transport-ws' | 'graphql-ws', user: string | null) => {
      const socket = await open(protocol);
      const headers = user ? { Authorization: `Bearer ${await token(user)}` } : { 'x-hasura-admin-secret': ADMIN };
      socket.send({ type: 'connection_init', payload: { headers } });
      expect((await socket.next()).type).toBe('connection_ack');
      return socket;
    };

    const insertNote = async (owner: string, body: string) => {
      const response = await hasura.engine.execute(
        {
          query: 'mutation ($o: String!, $b: String!) { insert_notes_one(object: {owner: $o, body: $b}) { id } }',
          variables: { o: owner, b: body },
        },
        { role: 'admin', variables: { 'x-hasura-role': 'admin' } },
      );
      expect(response.errors).toBeUndefined();
      return (response.data as { insert_notes_one: { id: number } }).insert_notes_one.id;
    };

    describe('handshake and connection_init', () => {
      it('echoes only an offered subprotocol; none offered speaks the legacy protocol', async () => {
        expect((await open('graphql-transport-ws')).ws.protocol).toBe('graphql-transport-ws');
        expect((await open(['graphql-ws', 'graphql-transport-ws'])).ws.protocol).toBe('graphql-transport-ws');
        expect((await open('graphql-ws')).ws.protocol).toBe('graphql-ws');
        const none = await open();
        expect(none.ws.protocol).toBe('');
        none.send({
          type: 'connection_init',
          payload: { headers: { Authorization: `Bearer ${await token('alice')}` } },
        });
        expect((await none.next()).type).toBe('connection_ack');
        expect((await none.next((m) => m.type === 'ka')).type).toBe('ka');
      });

      it('graphql-transport-ws: a good token is acknowledged, a forged or expired one closes with 4403 Forbidden', async () => {
        await connect('graphql-transport-ws', 'alice');
        for (const bad of [
          await token('alice', { key: 'x'.repeat(40) }),
          await token('alice', { exp: -60 }),
          'not.a.jwt',
        ]) {
          const socket = await open('graphql-transport-ws');
          socket.send({ type: 'connection_init', payload: { headers: { Authorization: `Bearer ${bad}` } } });
          expect(await socket.whenClosed()).toEqual({ code: 4403, reason: '{"server_error_msg":"4403: Forbidden"}' });
          expect(socket.messages.filter((m) => m.type !== 'ping')).toEqual([]);
        }
      });

      it('graphql-ws (legacy): a bad or expired token gets connection_error, then close 4400', async () => {
        await connect('graphql-ws', 'bob');
        const expired = await open('graphql-ws');
        expired.send({
          type: 'connection_init',
          payload: { headers: { Authorization: `Bearer ${await token('alice', { exp: -60 })}` } },
        });
        const message = await expired.next();
        expect(message).toEqual({ type: 'connection_error', payload: 'Could not verify JWT: JWTExpired' });
        expect(await expired.whenClosed()).toEqual({
          code: 4400,
          reason: '{"server_error_msg":"4400: Connection initialization failed: Could not verify JWT: JWTExpired"}',
        });
        const forged = await open('graphql-ws');
        forged.send({
          type: 'connection_init',
          payload: { headers: { Authorization: `Bearer ${await token('alice', { key: 'y'.repeat(40) })}` } },
        });
        expect((await forged.next()).type).toBe('connection_error');
        expect((await forged.whenClosed()).code).toBe(4400);
      });

      it('takes credentials only from payload.headers, never from top-level payload keys or cookies', async () => {
        const socket = await open('graphql-transport-ws');
        socket.send({ type: 'connection_init', payload: { Authorization: `Bearer ${await token('alice')}` } });
        // No token in payload.headers: JWT mode without an unauthorized role refuses.
        expect((await socket.whenClosed()).code).toBe(4403);
      });

      it('graphql-transport-ws: no connection_init within the init timeout closes 4408; legacy sockets wait', async () => {
        const opened = Date.now();
        const [silent, legacy, acked] = await Promise.all([
          open('graphql-transport-ws'),
          open('graphql-ws'),
          connect('graphql-transport-ws', 'alice'),
        ]);
        // Hasura's words (Transport/WebSocket/Server.hs): a plain-text reason, not a server_error_msg object.
        expect(await silent.whenClosed(INIT_TIMEOUT_S * 1000 + 3000)).toEqual({
          code: 4408,
          reason: 'Connection initialisation timed out',
        });
        expect(Date.now() - opened).toBeGreaterThanOrEqual(INIT_TIMEOUT_S * 1000 - 50);
        // Only graphql-transport-ws has the timeout; an initialised socket is never affected.
        expect(legacy.closed).toBeUndefined();
        expect(acked.closed).toBeUndefined();
        legacy.send({
          type: 'connection_init',
          payload: { headers: { Authorization: `Bearer ${await token('bob')}` } },
        });
        expect((await legacy.next()).type).toBe('connection_ack');
      });

      it('keeps alive: ping (graphql-transport-ws) every HASURA_GRAPHQL_WEBSOCKET_KEEPALIVE seconds, and answers pings', async () => {
        const socket = await connect('graphql-transport-ws', 'alice');
        expect(await socket.next((m) => m.type === 'ping', 2500)).toEqual({
          type: 'ping',
          payload: { message: 'keepalive' },
        });
        socket.send({ type: 'ping', payload: { n: 1 } });
        expect(await socket.next((m) => m.type === 'pong')).toEqual({ type: 'pong', payload: { n: 1 } });
      });

      it('drops the connection (no close frame) when the JWT expires, ending its subscriptions', async () => {
        for (const protocol of ['graphql-transport-ws', 'graphql-ws'] as const) {
          const socket = await open(protocol);
          socket.send({
            type: 'connection_init',
            payload: { headers: { Authorization: `Bearer ${await token('alice', { exp: 2 })}` } },
          });
          expect((await socket.next()).type).toBe('connection_ack');
          socket.send({ id: '1', type: protocol === 'graphql-ws' ? 'start' : 'subscribe', payload: { query: NOTES } });
          await socket.next((m) => m.id === '1');
          const closed = await socket.whenClosed(4000);
          expect(closed.code).toBe(1006);
        }
        await expect.poll(() => hasura.subscriptions.stats().cohorts, { timeout: 2000 }).toBe(0);
      });
    });

    describe('live queries', () => {
      it('pushes each user only their own rows, again only when the result changed', async () => {
        const alice = await connect('graphql-transport-ws', 'alice');
        const bob = await connect('graphql-ws', 'bob');
        alice.send({ id: 'a', type: 'subscribe', payload: { query: NOTES } });
        bob.send({ id: 'b', type: 'start', payload: { query: NOTES } });
        expect(await alice.next()).toEqual({ type: 'next', id: 'a', payload: { data: { notes: [] } } });
        expect(await bob.next()).toEqual({ type: 'data', id: 'b', payload: { data: { notes: [] } } });

        // Nothing changed: no push over several intervals.
        expect(await alice.collect('a', REFETCH_MS * 5)).toEqual([]);

        const id = await insertNote('alice', 'hello');
        expect(await alice.next()).toEqual({
          type: 'next',
          id: 'a',
          payload: { data: { notes: [{ id, owner: 'alice', body: 'hello' }] } },
        });
        // Exactly one push for one change, and bob never sees alice's row.
        expect(await alice.collect('a', REFETCH_MS * 5)).toEqual([]);
        expect(await bob.collect('b', REFETCH_MS * 3)).toEqual([]);

        const bobs = await insertNote('bob', 'mine');
        expect(await bob.next()).toEqual({
          type: 'data',
          id: 'b',
          payload: { data: { notes: [{ id: bobs, owner: 'bob', body: 'mine' }] } },
        });
        expect(await alice.collect('a', REFETCH_MS * 3)).toEqual([]);

        alice.send({ id: 'a', type: 'complete' });
        bob.send({ id: 'b', type: 'stop' });
        await insertNote('alice', 'after stop');
        expect(await alice.collect('a', REFETCH_MS * 4)).toEqual([]);
      });

      it('runs one SQL statement per interval for one query shape, whatever the number of users', async () => {
        const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
        const shared = await Promise.all(users.map((user) => connect('graphql-transport-ws', user)));
        for (const socket of shared) socket.send({ id: 'x', type: 'subscribe', payload: { query: NOTES } });
        for (const socket of shared) await socket.next();
        expect(hasura.subscriptions.stats().cohorts).toBe(6);
        const before = hasura.subscriptions.stats().statements;
        await new Promise((resolve) => setTimeout(resolve, REFETCH_MS * 10));
        const statements = hasura.subscriptions.stats().statements - before;
        // ~10 intervals: one statement each for the six cohorts (plus timing slack), never six per interval.
        expect(statements).toBeGreaterThanOrEqual(5);
        expect(statements).toBeLessThanOrEqual(13);
        for (const socket of shared) socket.send({ id: 'x', type: 'complete' });
      });

      it('is validated against subscription_root: subscription_root_fields [] hides a table the role may query', async () => {
        const socket = await connect('graphql-transport-ws', 'alice');
        socket.send({ id: 'q', type: 'subscribe', payload: { query: 'query { audit { id } }' } });
        expect(await socket.next()).toEqual({ type: 'next', id: 'q', payload: { data: { audit: [] } } });
        expect(await socket.next()).toEqual({ type: 'complete', id: 'q' });
        socket.send({ id: 's', type: 'subscribe', payload: { query: 'subscription { audit { id } }' } });
        expect(await socket.next()).toEqual({
          type: 'error',
          id: 's',
          payload: [
            {
              message: "field 'audit' not found in type: 'subscription_root'",
              extensions: { path: '$.selectionSet.audit', code: 'validation-failed' },
            },
          ],
        });
        const legacy = await connect('graphql-ws', 'alice');
        legacy.send({ id: 's', type: 'start', payload: { query: 'subscription { nope { id } }' } });
        expect(await legacy.next()).toMatchObject({
          type: 'error',
          id: 's',
          payload: { errors: [{ extensions: { code: 'validation-failed' } }] },
        });
      });

      it('answers queries and mutations over the socket (next, then complete), as the session', async () => {
        const socket = await connect('graphql-transport-ws', 'carol');
        socket.send({
          id: 'm',
          type: 'subscribe',
          payload: { query: 'mutation { insert_notes_one(object: {body: "via ws"}) { owner body } }' },
        });
        expect(await socket.next()).toEqual({
          type: 'next',
          id: 'm',
          payload: { data: { insert_notes_one: { owner: 'carol', body: 'via ws' } } },
        });
        expect(await socket.next()).toEqual({ type: 'complete', id: 'm' });
      });

      it('works with the unmodified graphql-ws client', async () => {
        const client = createClient({
          url: wsUrl,
          webSocketImpl: WebSocket,
          connectionParams: async () => ({ headers: { Authorization: `Bearer ${await token('dave')}` } }),
          retryAttempts: 0,
        });
        const results: unknown[] = [];
        const dispose = client.subscribe(
          { query: 'subscription { notes_aggregate { aggregate { count } } }' },
          {
            next: (value) => results.push(value),
            error: () => undefined,
            complete: () => undefined,
          },
        );
        await expect.poll(() => results.length, { timeout: 3000 }).toBe(1);
        await insertNote('dave', 'one');
        await expect.poll(() => results.length, { timeout: 3000 }).toBe(2);
        expect(results).toEqual([
          { data: { notes_aggregate: { aggregate: { count: 0 } } } },
          { data: { notes_aggregate: { aggregate: { count: 1 } } } },
        ]);
        dispose();
        await client.dispose();
      });
    });

    describe('streaming subscriptions', () => {
      it('sends rows after the cursor in cursor order, in batches, never empty ones, then new rows as they come', async () => {
        const ids: number[] = [];
        for (const body of ['s1', 's2', 's3', 's4', 's5']) ids.push(await insertNote('erin', body));
        const socket = await connect('graphql-transport-ws', 'erin');
        socket.send({
          id: 'st',
          type: 'subscribe',
          payload: {
            query:
              'subscription ($n: Int!) { notes_stream(batch_size: $n, cursor: {initial_value: {id: 0}}) { body } }',
            variables: { n: 2 },
          },
        });
        const batches: string[][] = [];
        for (let i = 0; i < 3; i++) {
          const message = await socket.next();
          expect(message.type).toBe('next');
          batches.push(message.payload.data.notes_stream.map((row: { body: string }) => row.body));
        }
        expect(batches).toEqual([['s1', 's2'], ['s3', 's4'], ['s5']]);
        expect(await socket.collect('st', REFETCH_MS * 4)).toEqual([]);
        await insertNote('erin', 's6');
        await insertNote('frank', 'not erin');
        expect((await socket.next()).payload).toEqual({ data: { notes_stream: [{ body: 's6' }] } });

        socket.send({
          id: 'desc',
          type: 'subscribe',
          payload: {
            query: `subscription { notes_stream(batch_size: 10, cursor: {initial_value: {id: ${ids[2]}}, ordering: DESC}, where: {body: {_neq: "s1"}}) { id body } }`,
          },
        });
        expect((await socket.next()).payload.data.notes_stream).toEqual([{ id: ids[1], body: 's2' }]);
      });

      it('refuses a cursor over several columns', async () => {
        const socket = await connect('graphql-transport-ws', 'erin');
        socket.send({
          id: 'bad',
          type: 'subscribe',
          payload: {
            query: 'subscription { notes_stream(batch_size: 1, cursor: {initial_value: {id: 0, body: "a"}}) { id } }',
          },
        });
        expect(await socket.next()).toMatchObject({
          type: 'error',
          id: 'bad',
          payload: [{ extensions: { code: 'validation-failed' } }],
        });
      });
    });

    describe('hostile clients', () => {
      it('graphql-transport-ws: garbage or a subscribe before init closes the socket; legacy answers connection_error', async () => {
        const garbage = await open('graphql-transport-ws');
        garbage.send('{not json');
        expect((await garbage.whenClosed()).code).toBe(4400);

        const early = await open('graphql-transport-ws');
        early.send({ id: '1', type: 'subscribe', payload: { query: NOTES } });
        expect(await early.next()).toMatchObject({ type: 'error', id: '1' });
        expect((await early.whenClosed()).code).toBe(1000);

        const legacy = await open('graphql-ws');
        legacy.send('{not json');
        expect(await legacy.next()).toEqual({ type: 'connection_error', payload: 'parsing ClientMessage failed' });
        legacy.send({
          type: 'connection_init',
          payload: { headers: { Authorization: `Bearer ${await token('alice')}` } },
        });
        expect((await legacy.next()).type).toBe('connection_ack');
      });

      it('refuses a duplicate operation id and a second connection_init', async () => {
        const socket = await connect('graphql-transport-ws', 'alice');
        socket.send({ id: 'd', type: 'subscribe', payload: { query: NOTES } });
        await socket.next();
        socket.send({ id: 'd', type: 'subscribe', payload: { query: NOTES } });
        expect(await socket.next()).toMatchObject({ type: 'error', id: 'd' });
        expect((await socket.whenClosed()).code).toBe(1000);

        const twice = await connect('graphql-transport-ws', 'alice');
        twice.send({ type: 'connection_init', payload: {} });
        expect((await twice.whenClosed()).code).toBe(4429);
      });

      it('a session cannot widen itself: x-hasura-user-id headers next to a JWT are ignored', async () => {
        await insertNote('alice', 'private');
        const socket = await open('graphql-transport-ws');
        socket.send({
          type: 'connection_init',
          payload: { headers: { Authorization: `Bearer ${await token('mallory')}`, 'x-hasura-user-id': 'alice' } },
        });
        await socket.next();
        socket.send({ id: 'm', type: 'subscribe', payload: { query: NOTES } });
        expect(await socket.next()).toEqual({ type: 'next', id: 'm', payload: { data: { notes: [] } } });
      });

      it("refuses a browser socket from an origin outside HASURA_GRAPHQL_CORS_DOMAIN, in Hasura's error shape", async () => {
        const upgrade = (origin?: string) =>
          new Promise<{ status: number; body?: unknown }>((resolve) => {
            const socket = new WebSocket(wsUrl, 'graphql-transport-ws', origin === undefined ? {} : { origin });
            socket.on('unexpected-response', (_req, res) => {
              let body = '';
              res.on('data', (chunk: Buffer) => (body += chunk.toString()));
              res.on('end', () => resolve({ status: res.statusCode!, body: parsed(body) }));
            });
            socket.on('open', () => {
              socket.terminate();
              resolve({ status: 101 });
            });
            socket.on('error', () => undefined);
          });
        const refused = {
          status: 400,
          body: {
            message: 'received origin header does not match configured CORS domains',
            extensions: { path: '$', code: 'access-denied' },
          },
        };
        for (const origin of ['http://evil.test', 'http://app.test.evil.test', 'https://app.test', 'null'])
          expect(await upgrade(origin)).toEqual(refused);
        expect(await upgrade('http://app.test')).toEqual({ status: 101 });
        // No Origin header (not a browser): nothing to check, as in Hasura.
        expect(await upgrade()).toEqual({ status: 101 });
      });

      it('answers 404 to an upgrade on another path', async () => {
        const socket = new WebSocket(`${hasura.url.replace('http', 'ws')}/v1/other`, 'graphql-transport-ws');
        const status = await new Promise<number | undefined>((resolve) => {
          socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
          socket.on('error', () => resolve(undefined));
        });
        expect(status).toBe(404);
      });
    });
  });
}
