/**
 * The same-origin check as the middleware server.js puts in front of Remix (the e2e csrf test drives it inside the
 * real server): a cross-site document POST gets the 403 page, a cross-site data request the 403 JSON, everything
 * else goes on to Remix untouched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameOriginMiddleware, type ExpressRequest } from '~/security/same-origin-middleware.server';

let server: Server;
let base: string;
let ownOrigins: readonly string[] = [];

beforeAll(async () => {
  const middleware = sameOriginMiddleware(() => ownOrigins);
  server = createServer((req, res) => {
    // What Express adds to the request (without "trust proxy": the Host header's name, plain http).
    Object.assign(req, { protocol: 'http', hostname: (req.headers.host ?? '').split(':')[0], originalUrl: req.url });
    middleware(req as ExpressRequest, res, (error) => {
      res.writeHead(error ? 500 : 200).end(error ? 'error' : 'reached Remix');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const send = (method: string, path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : 'a=1' });

describe('sameOriginMiddleware', () => {
  it('answers a cross-site document POST with a 403 page that says why, and never reaches Remix', async () => {
    const response = await send('POST', '/books/1', { Origin: 'http://127.0.0.1:9999' });
    expect(response.status).toBe(403);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const page = await response.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain("did not come from this app's own pages (it was sent from http://127.0.0.1:9999)");
    expect(page).toContain('nothing was changed');
    expect(page).not.toContain('reached Remix');
  });

  it('refuses by Sec-Fetch-Site and Referer as the action check does, for every mutating method', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await send(method, '/books/1', { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    }
    expect((await send('POST', '/books/1', { Referer: 'http://evil.test/x' })).status).toBe(403);
  });

  it('lets the app’s own pages, requests without browser headers, and GET/HEAD/OPTIONS through', async () => {
    expect(await (await send('POST', '/books/1', { Origin: base })).text()).toBe('reached Remix');
    expect(await (await send('POST', '/books/1', { 'Sec-Fetch-Site': 'same-origin' })).text()).toBe('reached Remix');
    expect(await (await send('POST', '/webhooks/clerk')).text()).toBe('reached Remix');
    for (const method of ['GET', 'OPTIONS']) {
      expect(await (await send(method, '/books/1', { Origin: 'http://evil.test' })).text()).toBe('reached Remix');
    }
    expect((await send('HEAD', '/books/1', { Origin: 'http://evil.test' })).status).toBe(200);
  });

  it('answers a cross-site data request (single fetch `.data`, or `?_data=`) 403 with the reason as JSON', async () => {
    for (const path of ['/books/1.data', '/_root.data', '/books/1?_data=routes%2Fbooks.%24bookId']) {
      for (const headers of <Record<string, string>[]>[
        { Origin: 'http://evil.test' },
        { 'Sec-Fetch-Site': 'cross-site' },
      ]) {
        const response = await send('POST', path, headers);
        expect(response.status).toBe(403);
        expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
        expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
        expect((await response.json()).problem).toMatch(/did not come from this app's own pages.*nothing was changed/);
      }
    }
    expect(await (await send('POST', '/books/1.data', { Origin: base })).text()).toBe('reached Remix');
    expect(await (await send('GET', '/books/1.data', { Origin: 'http://evil.test' })).text()).toBe('reached Remix');
  });

  it('compares with APP_ORIGIN when it is set, not with the Host the server sees', async () => {
    ownOrigins = ['https://books.example'];
    try {
      expect(await (await send('POST', '/books/1', { Origin: 'https://books.example' })).text()).toBe('reached Remix');
      expect((await send('POST', '/books/1', { Origin: base })).status).toBe(403);
    } finally {
      ownOrigins = [];
    }
  });

  it('escapes the origin it echoes into the page', async () => {
    const response = await send('POST', '/books/1', { Referer: 'http://a.test/"><script>alert(1)</script>' });
    expect(response.status).toBe(403);
    // Referer is reduced to its origin; an Origin header is echoed as sent, so it must be escaped.
    const hostile = await send('POST', '/books/1', { Origin: 'http://evil.test/<script>alert(1)</script>' });
    expect(hostile.status).toBe(403);
    const page = await hostile.text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;');
  });
});
