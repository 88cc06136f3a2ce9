import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SchemaTypesQuery } from '~/hasura/documents';
import { HasuraGraphQLError } from '~/hasura/errors.server';
import { requestHasura } from '~/hasura/request.server';

interface Seen {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** The client's port: the same port on two requests means the connection was reused. */
  remotePort: number;
}

/** What the stand-in answers next, and what it saw. */
let reply: { status: number; body: string } = { status: 200, body: '{"data":{}}' };
let seen: Seen[] = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(body), remotePort: req.socket.remotePort ?? -1 });
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(reply.body);
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
});

/** The 503 problem a transport failure throws. */
async function expect503(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Response);
  const response = error as Response;
  expect(response.status).toBe(503);
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  const body = await response.json();
  expect(body.service).toBe('Hasura');
  expect(body.problem).toContain('Hasura is not reachable');
  expect(body.remedy).toContain('npm run dev');
  return body as { problem: string };
}

describe('requestHasura (the server-side transport)', () => {
  it('POSTs the typed operation with the given headers and returns its data', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({ data: { __schema: { types: [{ name: 'books' }, { name: 'Int' }] } } }),
    };
    const { data, error } = await requestHasura(url, SchemaTypesQuery, {}, { authorization: 'Bearer the-token' });
    expect(error).toBeNull();
    expect(data?.__schema.types).toHaveLength(2);
    expect(seen).toHaveLength(1);
    expect(seen[0].headers.authorization).toBe('Bearer the-token');
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(seen[0].body.query).toContain('__schema');
    expect(seen[0].body.operationName).toBe('SchemaTypes');
    expect(seen[0].body.variables).toEqual({});
  });

  it('sends no Authorization header unless given one (Hasura then applies its unauthorized role)', async () => {
    await requestHasura(url, SchemaTypesQuery, {});
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('keeps connections alive across requests', async () => {
    for (let i = 0; i < 10; i++) await requestHasura(url, SchemaTypesQuery, {});
    expect(seen).toHaveLength(10);
    // The pool may open a second connection while the first one is being released; never one per request.
    expect(new Set(seen.map((request) => request.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('returns GraphQL errors (HTTP 200) as a HasuraGraphQLError with their codes, without throwing', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({
        errors: [{ message: 'Could not verify JWT: JWTExpired', extensions: { path: '$', code: 'invalid-jwt' } }],
      }),
    };
    const { data, error } = await requestHasura(url, SchemaTypesQuery, {});
    expect(data).toBeNull();
    expect(error).toBeInstanceOf(HasuraGraphQLError);
    expect(error!.hasCode('invalid-jwt')).toBe(true);
    expect(error!.message).toBe('Hasura rejected the request: Could not verify JWT: JWTExpired (invalid-jwt)');
  });

  it('turns connection refused into a 503 naming Hasura and how to start it', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const body = await expect503(requestHasura(`http://127.0.0.1:${port}/v1/graphql`, SchemaTypesQuery, {}));
    expect(body.problem).toContain('ECONNREFUSED');
  });

  it('turns an HTTP 5xx into a 503, even with a GraphQL-looking body', async () => {
    reply = { status: 502, body: '<html>bad gateway</html>' };
    expect((await expect503(requestHasura(url, SchemaTypesQuery, {}))).problem).toContain('HTTP 502');
    reply = { status: 500, body: '{"errors":[{"message":"internal"}]}' };
    expect((await expect503(requestHasura(url, SchemaTypesQuery, {}))).problem).toContain('HTTP 500');
  });

  it('refuses an answer that is not GraphQL as a 503, not as data', async () => {
    reply = { status: 200, body: '{"hello":"world"}' };
    expect((await expect503(requestHasura(url, SchemaTypesQuery, {}))).problem).toContain('not a GraphQL response');
    reply = { status: 200, body: 'plain text' };
    expect((await expect503(requestHasura(url, SchemaTypesQuery, {}))).problem).toContain('not JSON');
  });
});
