import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipe, subscribe } from 'wonka';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHasuraClient } from '~/hasura/client.server';
import { SchemaTypesQuery } from '~/hasura/documents';

interface Seen {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** The client's port: the same port on two requests means the connection was reused. */
  remotePort: number;
}

/** What the stand-in answers next, and what it saw. */
let reply: { status: number; body: string; delayMs?: number } = { status: 200, body: '{"data":{}}' };
let seen: Seen[] = [];
let closedEarly = 0;
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(body), remotePort: req.socket.remotePort ?? -1 });
      const answer = () => {
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(reply.body);
      };
      if (!reply.delayMs) return answer();
      const timer = setTimeout(answer, reply.delayMs);
      res.on('close', () => {
        if (!res.writableFinished) closedEarly += 1;
        clearTimeout(timer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/graphql`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  reply = { status: 200, body: '{"data":{}}' };
  seen = [];
  closedEarly = 0;
});

describe('the server-side urql client (hasuraExchange)', () => {
  it('POSTs the operation with the bearer token and returns the typed data', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({ data: { __schema: { types: [{ name: 'books' }, { name: 'Int' }] } } }),
    };
    const result = await createHasuraClient(url, 'the-token').query(SchemaTypesQuery, {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.__schema.types).toHaveLength(2);
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.authorization).toBe('Bearer the-token');
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(seen[0].body.query).toContain('__schema');
    expect(seen[0].body.operationName).toBe('SchemaTypes');
    expect(seen[0].body.variables).toEqual({});
  });

  it('sends no Authorization header when signed out', async () => {
    await createHasuraClient(url, null).query(SchemaTypesQuery, {}).toPromise();
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('keeps connections alive across requests and clients', async () => {
    for (let i = 0; i < 10; i++) await createHasuraClient(url, null).query(SchemaTypesQuery, {}).toPromise();
    expect(seen).toHaveLength(10);
    // The pool may open a second connection while the first one is being released; never one per request.
    expect(new Set(seen.map((request) => request.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('reports GraphQL errors as graphQLErrors with their extensions', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({
        errors: [{ message: 'field not found', extensions: { path: '$', code: 'validation-failed' } }],
      }),
    };
    const result = await createHasuraClient(url, null).query(SchemaTypesQuery, {}).toPromise();
    expect(result.error?.networkError).toBeUndefined();
    expect(result.error?.graphQLErrors.map((e) => [e.message, e.extensions.code])).toEqual([
      ['field not found', 'validation-failed'],
    ]);
  });

  it('reports a non-JSON error status as a network error that keeps the status', async () => {
    reply = { status: 502, body: '<html>bad gateway</html>' };
    const result = await createHasuraClient(url, null).query(SchemaTypesQuery, {}).toPromise();
    expect(result.error?.networkError?.message).toContain('HTTP 502');
    expect(result.error?.response?.status).toBe(502);
  });

  it('refuses JSON that is not a GraphQL response', async () => {
    reply = { status: 200, body: '{"hello":"world"}' };
    const result = await createHasuraClient(url, null).query(SchemaTypesQuery, {}).toPromise();
    expect(result.error?.networkError?.message).toContain('not a GraphQL response');
  });

  it('aborts the request when the operation is torn down before the answer', async () => {
    reply = { status: 200, body: '{"data":{}}', delayMs: 2_000 };
    const results: unknown[] = [];
    const { unsubscribe } = pipe(
      createHasuraClient(url, null).query(SchemaTypesQuery, {}),
      subscribe((result) => results.push(result)),
    );
    await expect.poll(() => seen.length).toBe(1);
    unsubscribe();
    await expect.poll(() => closedEarly, { timeout: 1_000 }).toBe(1);
    expect(results).toEqual([]);
  });
});
