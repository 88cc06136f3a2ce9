import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHasuraClient } from '~/hasura/client.server';
import { SchemaTypesQuery } from '~/hasura/documents';
import { classifyHasuraError, HasuraGraphQLError } from '~/hasura/errors.server';

/** A stand-in that answers every request with the given status and body. */
let reply = { status: 200, body: '{}' };
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function classify(endpoint: string) {
  const result = await createHasuraClient(endpoint, null).query(SchemaTypesQuery, {}).toPromise();
  return classifyHasuraError(result.error, endpoint);
}

async function expect503(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Response);
  const response = error as Response;
  expect(response.status).toBe(503);
  const body = await response.json();
  expect(body.service).toBe('Hasura');
  expect(body.problem).toContain('Hasura is not reachable');
  expect(body.remedy).toContain('npm run dev');
  return body;
}

describe('Hasura errors', () => {
  it('turns connection refused into a 503 naming Hasura and how to start it', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const body = await expect503(classify(`http://127.0.0.1:${port}/v1/graphql`));
    expect(body.problem).toContain('ECONNREFUSED');
  });

  it('turns an HTTP 5xx into a 503', async () => {
    reply = { status: 502, body: 'bad gateway' };
    const body = await expect503(classify(url));
    expect(body.problem).toContain('HTTP 502');
  });

  it('reports GraphQL errors (HTTP 200) with their codes, without throwing', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({
        errors: [{ message: 'Could not verify JWT: JWTExpired', extensions: { path: '$', code: 'invalid-jwt' } }],
      }),
    };
    const error = await classify(url);
    expect(error).toBeInstanceOf(HasuraGraphQLError);
    expect(error!.hasCode('invalid-jwt')).toBe(true);
    expect(error!.message).toBe('Hasura rejected the request: Could not verify JWT: JWTExpired (invalid-jwt)');
  });

  it('returns null when there is no error', async () => {
    reply = { status: 200, body: JSON.stringify({ data: { __schema: { types: [] } } }) };
    expect(await classify(url)).toBeNull();
  });
});
