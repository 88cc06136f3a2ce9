import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledFetch } from '~/hasura/pooled-fetch.server';

interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The client's port: the same port on two requests means the connection was reused. */
  remotePort: number;
}

let seen: Seen[] = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body, remotePort: req.socket.remotePort ?? -1 });
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
      if (req.url === '/empty') return void res.writeHead(204).end();
      res.writeHead(req.url === '/missing' ? 404 : 200, [
        ['Content-Type', 'application/json; charset=utf-8'],
        ['X-Seen', 'one'],
        ['X-Seen', 'two'],
      ]);
      res.end(JSON.stringify({ data: { echo: body } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('pooledFetch', () => {
  it('sends the method, headers and body, and answers a standard Response', async () => {
    seen = [];
    const response = await pooledFetch(`${url}/v1/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: 'Bearer abc' },
      body: '{"query":"{ books { id } }"}',
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-seen')).toBe('one, two');
    expect(await response.json()).toEqual({ data: { echo: '{"query":"{ books { id } }"}' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"query":"{ books { id } }"}' });
    expect(seen[0].headers.authorization).toBe('Bearer abc');
  });

  it('takes headers as a Headers object or a list of pairs too', async () => {
    seen = [];
    await (await pooledFetch(url, { method: 'POST', headers: new Headers({ 'X-One': '1' }), body: 'a' })).text();
    await (await pooledFetch(url, { method: 'POST', headers: [['X-Two', '2']], body: 'b' })).text();
    expect(seen.map((request) => [request.headers['x-one'], request.headers['x-two']])).toEqual([
      ['1', undefined],
      [undefined, '2'],
    ]);
  });

  it('keeps the connection alive between requests', async () => {
    seen = [];
    for (let i = 0; i < 10; i++) await (await pooledFetch(url, { method: 'POST', body: String(i) })).text();
    expect(seen).toHaveLength(10);
    // The pool may open a second connection while the first one is being released; never one per request.
    expect(new Set(seen.map((request) => request.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('passes error statuses and empty answers through', async () => {
    const missing = await pooledFetch(`${url}/missing`);
    expect([missing.status, missing.ok]).toEqual([404, false]);
    const empty = await pooledFetch(`${url}/empty`);
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(pooledFetch(`${url}/slow`, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('refuses what urql never sends instead of sending something else', async () => {
    await expect(pooledFetch(new Request(url))).rejects.toThrow('takes a URL');
    await expect(pooledFetch(url, { method: 'POST', body: new Uint8Array([1]) })).rejects.toThrow('string bodies');
  });

  it('fails with the connection error code when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(pooledFetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
