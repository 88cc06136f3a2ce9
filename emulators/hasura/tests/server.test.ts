import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorsConfig } from '../src/cors.js';
import { createHasuraServer, ENGINE_VERSION } from '../src/server.js';
import type { Engine, GraphQLRequest, Session } from '../src/types.js';

/** Stands in for the engine: answers with what it was asked, so the tests see what the server passed on. */
const echoEngine: Engine = {
  inconsistentObjects: [],
  async execute(request: GraphQLRequest, session: Session) {
    return { data: { request, session } };
  },
  async executeText(request: GraphQLRequest, session: Session) {
    return JSON.stringify(await echoEngine.execute(request, session));
  },
  schemaFor: () => null,
  prepare: () => ({ ok: false, error: { message: 'not used', extensions: { path: '$', code: 'unexpected' } } }),
  executePrepared: async () => '{}',
  compile: () => ({ text: '{}' }),
};

describe('HTTP server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createHasuraServer({ engine: echoEngine, auth: { adminSecret: 'secret' } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/v1/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hasura-admin-secret': 'secret', ...headers },
      body,
    });

  it('answers /healthz, /v1/version and 404', async () => {
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'OK']);
    const version = await fetch(`${base}/v1/version`);
    expect(await version.json()).toEqual({ version: ENGINE_VERSION, server_type: 'ce' });
    const missing = await fetch(`${base}/v1/nothing`);
    expect([missing.status, await missing.json()]).toEqual([
      404,
      { path: '$', error: 'resource does not exist', code: 'not-found' },
    ]);
  });

  it('passes the request and the resolved session to the engine', async () => {
    const response = await post(JSON.stringify({ query: '{ a }', variables: { x: 1 }, operationName: null }), {
      'x-hasura-role': 'user',
      'x-hasura-user-id': 'alice',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      data: {
        request: { query: '{ a }', variables: { x: 1 }, operationName: null },
        session: { role: 'user', variables: { 'x-hasura-role': 'user', 'x-hasura-user-id': 'alice' } },
      },
    });
  });

  it('answers auth errors with HTTP 200 and never calls the engine', async () => {
    const response = await post('{"query":"{ a }"}', { 'x-hasura-admin-secret': 'wrong', 'x-request-id': 'trace-1' });
    expect(response.headers.get('x-request-id')).toBe('trace-1');
    expect([response.status, await response.json()]).toEqual([
      200,
      {
        errors: [
          {
            message: 'invalid x-hasura-admin-secret/x-hasura-access-key',
            extensions: { path: '$', code: 'access-denied' },
          },
        ],
      },
    ]);
  });

  it('answers malformed JSON and a missing query like the real engine', async () => {
    expect(await (await post('{not json')).json()).toEqual({
      errors: [
        {
          message: 'Error in $: Failed reading: not a valid json value',
          extensions: { path: '$', code: 'invalid-json' },
        },
      ],
    });
    expect(await (await post('{"variables":{}}')).json()).toEqual({
      errors: [
        {
          message: 'parsing Hasura.GraphQL.Transport.HTTP.Protocol.GQLReq(GQLReq) failed, key "query" not found',
          extensions: { path: '$', code: 'parse-failed' },
        },
      ],
    });
  });

  it('checks the credentials before it reads the body', async () => {
    const response = await post('{not json', { 'x-hasura-admin-secret': 'wrong' });
    expect((await response.json()).errors[0].extensions.code).toBe('access-denied');
  });

  it('runs a batch in order and answers an array', async () => {
    const body = await (await post(JSON.stringify([{ query: '{ a }' }, { query: '{ b }' }]))).json();
    expect(body.map((item: { data: { request: GraphQLRequest } }) => item.data.request.query)).toEqual([
      '{ a }',
      '{ b }',
    ]);
  });

  it('refuses a whole batch when one of its requests is malformed, running none', async () => {
    const body = await (await post(JSON.stringify([{ query: '{ a }' }, { nope: 1 }, { query: '{ b }' }]))).json();
    expect(body).toEqual({
      errors: [
        {
          message: 'parsing Hasura.GraphQL.Transport.HTTP.Protocol.GQLReq(GQLReq) failed, key "query" not found',
          extensions: { path: '$[1]', code: 'parse-failed' },
        },
      ],
    });
  });

  it('by default (HASURA_GRAPHQL_CORS_DOMAIN=*) answers any origin, echoing the requested headers as upstream', async () => {
    const response = await fetch(`${base}/v1/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-hasura-role, x-custom',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, x-hasura-role, x-custom',
    );
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-max-age')).toBe('1728000');
    const actual = await post('{"query":"{ a }"}', { origin: 'http://localhost:3000' });
    expect(actual.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });
});

describe('HTTP server with HASURA_GRAPHQL_CORS_DOMAIN', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))));
  async function serve(domains: string | undefined, disabled = false): Promise<string> {
    const cors = readCorsConfig(domains, disabled);
    if (typeof cors === 'string') throw new Error(cors);
    const server = createHasuraServer({ engine: echoEngine, auth: { adminSecret: 'secret' }, cors });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const preflight = (base: string, origin: string) =>
    fetch(`${base}/v1/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-hasura-admin-secret',
      },
    });
  const postFrom = (base: string, origin: string) =>
    fetch(`${base}/v1/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', 'x-hasura-admin-secret': 'secret' },
      body: '{"query":"{ a }"}',
    });

  it('answers listed origins and subdomains of wildcard ones, and gives any other origin no CORS headers', async () => {
    const base = await serve('http://localhost:3000, https://*.example.com:8443');
    for (const origin of ['http://localhost:3000', 'https://app.example.com:8443']) {
      const answer = await preflight(base, origin);
      expect([answer.status, answer.headers.get('access-control-allow-origin')], origin).toEqual([204, origin]);
      expect(answer.headers.get('access-control-allow-headers')).toBe('x-hasura-admin-secret');
      expect((await postFrom(base, origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
    const foreign = [
      'http://evil.example',
      'http://localhost:3001',
      'http://127.0.0.1:3000',
      'https://localhost:3000',
      'https://example.com:8443', // the wildcard does not cover the domain itself
      'https://a.b.example.com:8443', // nor two levels down
      'http://app.example.com:8443', // other scheme
      'https://app.example.com', // other port
      'https://app.example.com.evil.example:8443',
      'null',
    ];
    for (const origin of foreign) {
      const answer = await preflight(base, origin);
      expect(answer.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(answer.headers.get('access-control-allow-headers'), origin).toBeNull();
      const served = await postFrom(base, origin); // still served, as upstream: the browser withholds the answer
      expect(served.status).toBe(200);
      expect(served.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(served.headers.get('access-control-allow-credentials'), origin).toBeNull();
    }
  });

  it('sends no CORS headers at all with HASURA_GRAPHQL_DISABLE_CORS', async () => {
    const base = await serve(undefined, true);
    expect((await preflight(base, 'http://localhost:3000')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await postFrom(base, 'http://localhost:3000')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
