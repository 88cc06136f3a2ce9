/**
 * Hostile tokens against a running engine, each proven harmless: the mutation it carries must leave the row
 * count unchanged (and a well-signed token, as the control, must change it). Then the JWKS cache: Cache-Control
 * max-age, one rate-limited refetch on an unknown kid, old keys kept when a refresh fails, key rotation.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { base64url, exportJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJwtSecret } from '../src/auth/jwt-config.js';
import { createJwtVerifier, JwtRejected } from '../src/auth/jwt.js';
import { expiryFromHeaders } from '../src/auth/jwks.js';
import { readConfig } from '../src/config.js';
import { startHasura, type RunningHasura } from '../src/index.js';

const fixture = join(new URL('.', import.meta.url).pathname, 'fixtures', 'authors-articles');
const NS = 'https://hasura.io/jwt/claims';
const aliceClaims = {
  [NS]: { 'x-hasura-allowed-roles': ['user'], 'x-hasura-default-role': 'user', 'x-hasura-user-id': 'alice' },
};
const INSERT = {
  query: 'mutation ($title: String!) { insert_articles_one(object: {author_id: 1, title: $title}) { title } }',
};

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;

function sign(
  payload: Record<string, unknown>,
  key: KeyObject | Uint8Array = rsa.privateKey,
  alg = 'RS256',
  kid?: string,
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 3600, ...payload })
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .sign(key);
}

const invalidJwt = (message: string) => ({
  errors: [{ message: `Could not verify JWT: ${message}`, extensions: { path: '$', code: 'invalid-jwt' } }],
});

describe('hostile tokens against an RS256-configured engine', () => {
  let hasura: RunningHasura;
  let title = 0;

  beforeAll(async () => {
    const config = readConfig({
      HASURA_GRAPHQL_DATABASE_URL: 'pglite://memory',
      HASURA_GRAPHQL_ADMIN_SECRET: 'attack-admin',
      HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({
        type: 'RS256',
        key: publicPem,
        audience: 'app',
        issuer: 'https://issuer.local',
      }),
      HASURA_GRAPHQL_METADATA_DIR: join(fixture, 'metadata'),
      HASURA_GRAPHQL_MIGRATIONS_DIR: join(fixture, 'migrations'),
    });
    hasura = await startHasura(config, { port: 0 });
  });
  afterAll(() => hasura?.close());

  const articleCount = async () =>
    Number((await hasura.db.query<{ n: string }>('SELECT count(*)::text AS n FROM public.articles')).rows[0].n);

  /** Sends the insert with `token`; returns the body and how many rows it added. */
  async function attempt(token: string) {
    const before = await articleCount();
    const response = await fetch(`${hasura.url}/v1/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...INSERT, variables: { title: `attack ${++title}` } }),
    });
    expect(response.status).toBe(200);
    return { body: await response.json(), added: (await articleCount()) - before };
  }

  const good = { ...aliceClaims, aud: 'app', iss: 'https://issuer.local' };

  it('control: a well-signed token inserts the row', async () => {
    const { body, added } = await attempt(await sign(good));
    expect(body).toEqual({ data: { insert_articles_one: { title: `attack ${title}` } } });
    expect(added).toBe(1);
  });

  it('alg "none" is refused', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(JSON.stringify({ ...good, exp: Math.floor(Date.now() / 1000) + 3600 }));
    expect(await attempt(`${header}.${payload}.`)).toEqual({
      body: invalidJwt('JWSError JWSInvalidSignature'),
      added: 0,
    });
  });

  it('HS256 signed with the RSA public key as the HMAC secret is refused', async () => {
    const forged = await sign(good, new TextEncoder().encode(publicPem), 'HS256');
    expect(await attempt(forged)).toEqual({ body: invalidJwt('JWSError JWSInvalidSignature'), added: 0 });
  });

  it('a tampered payload is refused', async () => {
    const [header, , signature] = (await sign(good)).split('.');
    const admin = { ...good, [NS]: { 'x-hasura-allowed-roles': ['admin'], 'x-hasura-default-role': 'admin' } };
    const tampered = `${header}.${base64url.encode(JSON.stringify(admin))}.${signature}`;
    expect(await attempt(tampered)).toEqual({ body: invalidJwt('JWSError JWSInvalidSignature'), added: 0 });
  });

  it('a token signed by another RSA key is refused', async () => {
    expect(await attempt(await sign(good, otherRsa.privateKey))).toEqual({
      body: invalidJwt('JWSError JWSInvalidSignature'),
      added: 0,
    });
  });

  it.each([
    ['expired', { exp: -60 }, 'JWTExpired'],
    ['issued in the future', { iat: 3600 }, 'JWTIssuedAtFuture'],
    ['not yet valid', { nbf: 3600 }, 'JWTNotYetValid'],
  ])('%s is refused', async (_name, offsets, message) => {
    const now = Math.floor(Date.now() / 1000);
    const times = Object.fromEntries(Object.entries(offsets).map(([claim, offset]) => [claim, now + offset]));
    expect(await attempt(await sign({ ...good, ...times }))).toEqual({ body: invalidJwt(message), added: 0 });
  });

  it('a wrong issuer or audience is refused', async () => {
    expect(await attempt(await sign({ ...good, iss: 'https://evil.local' }))).toEqual({
      body: invalidJwt('JWTNotInIssuer'),
      added: 0,
    });
    expect(await attempt(await sign({ ...good, aud: 'other' }))).toEqual({
      body: invalidJwt('JWTNotInAudience'),
      added: 0,
    });
  });
});

/** A loopback JWKS endpoint whose keys, headers and failure mode the tests control. */
class JwksServer {
  hits = 0;
  keys: JWK[] = [];
  cacheControl: string | null = null;
  failing = false;
  private server: Server = createServer((_req, res) => {
    this.hits++;
    if (this.failing) return void res.writeHead(500).end('down');
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(this.cacheControl ? { 'cache-control': this.cacheControl } : {}),
    });
    res.end(JSON.stringify({ keys: this.keys }));
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function publicJwk(key: KeyObject, kid: string): Promise<JWK> {
  return { ...(await exportJWK(key)), kid, alg: 'RS256', use: 'sig' };
}

describe('JWKS keys', () => {
  const jwks = new JwksServer();
  let clock = 0;
  beforeAll(() => jwks.start());
  afterAll(() => jwks.stop());
  beforeEach(async () => {
    jwks.hits = 0;
    jwks.failing = false;
    jwks.cacheControl = null;
    jwks.keys = [await publicJwk(rsa.publicKey, 'k1')];
    clock = 1_000_000;
  });

  const verifier = () =>
    createJwtVerifier(parseJwtSecret(JSON.stringify({ jwk_url: jwks.url })), {
      now: () => clock,
      minRefetchIntervalMs: 5_000,
    });
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: Error) => (error instanceof JwtRejected ? error.message : `unexpected: ${error.message}`),
    );

  it.each([
    [{ 'cache-control': 'public, max-age=300, must-revalidate' }, 300_000],
    [{ 'cache-control': 'no-store' }, 0],
    [{ 'cache-control': 'must-revalidate' }, 0],
    [{ 'cache-control': 'no-cache' }, 0],
    [{ expires: new Date(Date.UTC(2030, 0, 1)).toUTCString() }, Date.UTC(2030, 0, 1) - 1_000_000],
    [{ expires: '0' }, 0],
    [{}, null],
  ])("reads the keys' lifetime from %j", (headers, offset) => {
    const expiry = expiryFromHeaders(new Headers(headers as Record<string, string>), 1_000_000);
    expect(expiry === null ? null : expiry - 1_000_000).toBe(offset);
  });

  it('refetches after Cache-Control max-age, not before', async () => {
    jwks.cacheControl = 'public, max-age=60';
    const v = verifier();
    await v.jwks!.start();
    const token = await sign(aliceClaims, rsa.privateKey, 'RS256', 'k1');
    clock += 59_000;
    await v.verify(token);
    expect(jwks.hits).toBe(1);
    clock += 2_000;
    await v.verify(token);
    expect(jwks.hits).toBe(2);
  });

  it('treats no-cache as stale at once, still rate-limited', async () => {
    jwks.cacheControl = 'no-cache';
    const v = verifier();
    await v.jwks!.start();
    const token = await sign(aliceClaims, rsa.privateKey, 'RS256', 'k1');
    await v.verify(token);
    expect(jwks.hits).toBe(1);
    clock += 6_000;
    await v.verify(token);
    expect(jwks.hits).toBe(2);
  });

  it('an unknown kid triggers exactly one rate-limited refetch', async () => {
    const v = verifier();
    await v.jwks!.start();
    const stranger = await sign(aliceClaims, otherRsa.privateKey, 'RS256', 'unknown');
    clock += 6_000;
    expect(await rejection(v.verify(stranger))).toBe('JWSError NoUsableKeys');
    expect(jwks.hits).toBe(2);
    // Within the interval: refused without asking the JWKS again.
    expect(await rejection(v.verify(stranger))).toBe('JWSError NoUsableKeys');
    expect(jwks.hits).toBe(2);
    // After it, concurrent unknown kids share one fetch.
    clock += 6_000;
    const results = await Promise.all([1, 2, 3].map(() => rejection(v.verify(stranger))));
    expect(results).toEqual(Array(3).fill('JWSError NoUsableKeys'));
    expect(jwks.hits).toBe(3);
  });

  it('keeps the old keys when a refresh fails', async () => {
    jwks.cacheControl = 'max-age=10';
    const v = verifier();
    await v.jwks!.start();
    jwks.failing = true;
    clock += 11_000;
    const token = await sign(aliceClaims, rsa.privateKey, 'RS256', 'k1');
    await expect(v.verify(token)).resolves.toMatchObject({ [NS]: aliceClaims[NS] });
    expect(jwks.hits).toBe(2);
  });

  it('follows a key rotation without a restart', async () => {
    const v = verifier();
    await v.jwks!.start();
    jwks.keys = [await publicJwk(otherRsa.publicKey, 'k2')];
    clock += 6_000;
    const rotated = await sign(aliceClaims, otherRsa.privateKey, 'RS256', 'k2');
    await expect(v.verify(rotated)).resolves.toMatchObject({ [NS]: aliceClaims[NS] });
    // The retired key is gone with the old set.
    const retired = await sign(aliceClaims, rsa.privateKey, 'RS256', 'k1');
    expect(await rejection(v.verify(retired))).toBe('JWSError NoUsableKeys');
  });

  it('survives a failed start-up fetch and fetches on demand', async () => {
    jwks.failing = true;
    const v = verifier();
    await v.jwks!.start();
    expect(v.jwks!.size).toBe(0);
    jwks.failing = false;
    clock += 6_000;
    await expect(v.verify(await sign(aliceClaims, rsa.privateKey, 'RS256', 'k1'))).resolves.toMatchObject({
      [NS]: aliceClaims[NS],
    });
    expect(jwks.hits).toBe(2);
  });

  it('stops accepting a token already verified once its key leaves the set', async () => {
    jwks.cacheControl = 'max-age=60';
    const v = verifier();
    await v.jwks!.start();
    const token = await sign(aliceClaims, rsa.privateKey, 'RS256', 'k1');
    await v.verify(token);
    jwks.keys = [await publicJwk(otherRsa.publicKey, 'k2')];
    clock += 61_000;
    expect(await rejection(v.verify(token))).toBe('JWSError NoUsableKeys');
  });

  it('never accepts an HMAC token, even one signed with a JWK from the set', async () => {
    const v = verifier();
    await v.jwks!.start();
    const hmac = await sign(aliceClaims, new TextEncoder().encode(JSON.stringify(jwks.keys[0])), 'HS256', 'k1');
    expect(await rejection(v.verify(hmac))).toBe('JWSError JWSInvalidSignature');
  });

  // Starts a whole engine (PGlite + migrations), which can take a while on a loaded machine.
  it('serves requests end to end with keys from jwk_url', { timeout: 90_000 }, async () => {
    const hasura = await startHasura(
      readConfig({
        HASURA_GRAPHQL_DATABASE_URL: 'pglite://memory',
        HASURA_GRAPHQL_ADMIN_SECRET: 'jwks-admin',
        HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ jwk_url: jwks.url }),
        HASURA_GRAPHQL_METADATA_DIR: join(fixture, 'metadata'),
        HASURA_GRAPHQL_MIGRATIONS_DIR: join(fixture, 'migrations'),
      }),
      { port: 0 },
    );
    try {
      expect(hasura.startup.jwksKeys).toBe(1);
      const ask = async (token: string) =>
        (
          await fetch(`${hasura.url}/v1/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({
              query: '{ articles_aggregate(where: {published: {_eq: false}}) { aggregate { count } } }',
            }),
          })
        ).json();
      expect(await ask(await sign(aliceClaims, rsa.privateKey, 'RS256', 'k1'))).toEqual({
        data: { articles_aggregate: { aggregate: { count: 3 } } },
      });
      expect(await ask(await sign(aliceClaims, otherRsa.privateKey, 'RS256', 'nope'))).toEqual(
        invalidJwt('JWSError NoUsableKeys'),
      );
    } finally {
      await hasura.close();
    }
  });
});
