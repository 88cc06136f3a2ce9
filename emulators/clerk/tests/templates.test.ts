import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { jwks, loadOrCreateInstanceKeys } from '../src/keys.js';
import { renderClaims, shortcodeProblems, type TemplateContext } from '../src/templates.js';
import { TokenIssuer } from '../src/tokens.js';

const context: TemplateContext = {
  user: {
    id: 'user_2abc',
    external_id: null,
    first_name: 'Alice',
    last_name: 'Liddell',
    username: null,
    primary_email_address: 'alice@example.com',
    primary_phone_number: null,
    email_verified: true,
    phone_number_verified: false,
    image_url: 'http://127.0.0.1/avatars/user_2abc.svg',
    has_image: false,
    created_at: 1_700_000_000,
    updated_at: 1_700_000_100,
    two_factor_enabled: false,
    public_metadata: { role: 'editor', plan: { tier: 2, tags: ['a', 'b'] } },
    unsafe_metadata: { theme: 'dark' },
  },
  org: null,
};

describe('renderClaims', () => {
  it('keeps the JSON type of a shortcode that stands alone', () => {
    expect(
      renderClaims(
        {
          id: '{{user.id}}',
          verified: '{{user.email_verified}}',
          phoneVerified: '{{user.phone_number_verified}}',
          created: '{{user.created_at}}',
          meta: '{{user.public_metadata}}',
          tier: '{{user.public_metadata.plan.tier}}',
          tags: '{{user.public_metadata.plan.tags}}',
          phone: '{{user.primary_phone_number}}',
          twoFactor: '{{user.two_factor_enabled}}',
        },
        context,
      ),
    ).toEqual({
      id: 'user_2abc',
      verified: true,
      phoneVerified: false,
      created: 1_700_000_000,
      meta: { role: 'editor', plan: { tier: 2, tags: ['a', 'b'] } },
      tier: 2,
      tags: ['a', 'b'],
      phone: null,
      twoFactor: false,
    });
  });

  it('covers every user shortcode', () => {
    const claims = renderClaims(
      {
        first: '{{user.first_name}}',
        last: '{{user.last_name}}',
        full: '{{user.full_name}}',
        username: '{{user.username}}',
        email: '{{user.primary_email_address}}',
        image: '{{user.image_url}}',
        updated: '{{user.updated_at}}',
        unsafe: '{{user.unsafe_metadata.theme}}',
        externalId: '{{user.external_id}}',
        hasImage: '{{user.has_image}}',
      },
      context,
    );
    expect(claims).toEqual({
      first: 'Alice',
      last: 'Liddell',
      full: 'Alice Liddell',
      username: null,
      email: 'alice@example.com',
      image: 'http://127.0.0.1/avatars/user_2abc.svg',
      updated: 1_700_000_100,
      unsafe: 'dark',
      externalId: null,
      hasImage: false,
    });
  });

  it('interpolates shortcodes inside longer strings as text', () => {
    expect(
      renderClaims(
        {
          greeting: 'Hi {{user.first_name}} ({{user.primary_email_address}})',
          tier: 'tier-{{user.public_metadata.plan.tier}}',
          none: 'x{{user.username}}y',
          obj: 'm={{user.public_metadata.plan}}',
        },
        context,
      ),
    ).toEqual({
      greeting: 'Hi Alice (alice@example.com)',
      tier: 'tier-2',
      none: 'xy',
      obj: 'm={"tier":2,"tags":["a","b"]}',
    });
  });

  it('falls back left to right with ||, down to a quoted literal', () => {
    expect(
      renderClaims(
        {
          name: '{{user.username || user.first_name}}',
          literal: "{{user.username || user.external_id || 'anonymous'}}",
          doubleQuoted: '{{user.username || "nobody"}}',
          inText: "user:{{user.username || 'guest'}}",
          missingPath: "{{user.public_metadata.nope || 'default'}}",
          allMissing: '{{user.username || user.external_id}}',
          falseIsAValue: "{{user.two_factor_enabled || 'x'}}",
        },
        context,
      ),
    ).toEqual({
      name: 'Alice',
      literal: 'anonymous',
      doubleQuoted: 'nobody',
      inText: 'user:guest',
      missingPath: 'default',
      allMissing: null,
      falseIsAValue: false,
    });
  });

  it('renders org shortcodes as null (organizations are not emulated) and leaves keys, numbers and nested arrays alone', () => {
    expect(
      renderClaims(
        {
          org: '{{org.id}}',
          role: "{{org.role || 'member'}}",
          slug: '{{org.slug}}',
          meta: '{{org.public_metadata}}',
          n: 3,
          list: ['{{user.id}}', { deep: '{{user.first_name}}' }],
          '{{user.id}}': 'k',
        },
        context,
      ),
    ).toEqual({
      org: null,
      role: 'member',
      slug: null,
      meta: null,
      n: 3,
      list: ['user_2abc', { deep: 'Alice' }],
      '{{user.id}}': 'k',
    });
  });

  it('reports unknown shortcodes', () => {
    expect(
      shortcodeProblems({
        a: '{{user.id}}',
        b: ['{{user.nope}}'],
        c: "{{session.id || 'x'}}",
        d: '{{user.first_name.x}}',
      }),
    ).toEqual([
      'unknown shortcode {{user.nope}}',
      'unknown shortcode {{session.id}}',
      'unknown shortcode {{user.first_name.x}}',
    ]);
    expect(shortcodeProblems({ ok: "{{user.public_metadata.a.b || org.slug || 'z'}}" })).toEqual([]);
  });
});

describe('template tokens', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clerk-keys-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const hasura = { 'https://hasura.io/jwt/claims': { 'x-hasura-user-id': '{{user.id}}' } };

  it('signs with the instance key by default, with lifetime, skew and the automatic claims', async () => {
    const keys = await loadOrCreateInstanceKeys(dataDir);
    const issuer = new TokenIssuer(keys, 'https://local.clerk.accounts.dev', 60);
    const template = parseConfig({ jwt_templates: { t: { claims: hasura, lifetime: 120, allowed_clock_skew: 10 } } })
      .jwt_templates.t;
    const jwt = await issuer.templateToken(template, context, { azp: 'http://localhost:3000' });
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks(keys)), {
      issuer: 'https://local.clerk.accounts.dev',
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: keys.kid });
    expect(Object.keys(payload).sort()).toEqual([
      'azp',
      'exp',
      'https://hasura.io/jwt/claims',
      'iat',
      'iss',
      'jti',
      'nbf',
      'sub',
    ]);
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(payload.iat! - payload.nbf!).toBe(10);
    expect(payload.sub).toBe('user_2abc');
  });

  it('keeps the instance key across restarts (same kid and public key)', async () => {
    const first = await loadOrCreateInstanceKeys(dataDir);
    const second = await loadOrCreateInstanceKeys(dataDir);
    expect(second.kid).toBe(first.kid);
    expect(second.publicKeyPem).toBe(first.publicKeyPem);
    expect(first.jwk).toMatchObject({ kty: 'RSA', e: 'AQAB', alg: 'RS256', use: 'sig' });
    expect(Buffer.from(first.jwk.n!, 'base64url').length).toBe(256);
  });

  it('signs with a custom HS256 key', async () => {
    const keys = await loadOrCreateInstanceKeys(dataDir);
    const secret = 'a-very-long-shared-secret-for-hs256-tokens';
    const template = parseConfig({
      jwt_templates: { t: { claims: hasura, signing_key: { algorithm: 'HS256', key: secret } } },
    }).jwt_templates.t;
    const jwt = await new TokenIssuer(keys, 'https://x.clerk.accounts.dev', 60).templateToken(template, context);
    const { payload } = await jwtVerify(jwt, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    expect(payload['https://hasura.io/jwt/claims']).toEqual({ 'x-hasura-user-id': 'user_2abc' });
    await expect(jwtVerify(jwt, new TextEncoder().encode(`${secret}-other`))).rejects.toThrow();
  });

  it('signs with a custom RS256 key', async () => {
    const keys = await loadOrCreateInstanceKeys(dataDir);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const template = parseConfig({
      jwt_templates: { t: { claims: hasura, signing_key: { algorithm: 'RS256', key: pem } } },
    }).jwt_templates.t;
    const jwt = await new TokenIssuer(keys, 'https://x.clerk.accounts.dev', 60).templateToken(template, context);
    expect(decodeProtectedHeader(jwt).kid).toBeUndefined();
    const { payload } = await jwtVerify(jwt, publicKey, { algorithms: ['RS256'] });
    expect(payload.sub).toBe('user_2abc');
    await expect(jwtVerify(jwt, keys.publicKey)).rejects.toThrow();
  });
});

describe('config validation', () => {
  it('applies Clerk defaults', () => {
    const config = parseConfig({
      users: [{ email: 'a@example.com', password: 'password1' }],
      jwt_templates: { t: { claims: {} } },
    });
    expect(config.jwt_templates.t).toMatchObject({ lifetime: 60, allowed_clock_skew: 5 });
  });

  it('lists every problem in one clear error', () => {
    expect(() =>
      parseConfig({
        users: [
          { email: 'not-an-email', password: 'short', id: 'alice' },
          { email: 'b@example.com', password: 'password1', extra: 1 },
        ],
        jwt_templates: { t: { claims: {}, signing_key: { algorithm: 'HS512', key: 'x' } } },
      }),
    ).toThrowError(
      /users\.0\.id: must look like a Clerk user id[\s\S]*users\.0\.email[\s\S]*users\.0\.password[\s\S]*users\.1[\s\S]*jwt_templates\.t\.signing_key\.algorithm/,
    );
    expect(() =>
      parseConfig({
        users: [
          { email: 'a@example.com', password: 'password1' },
          { email: 'A@example.com', password: 'password1' },
        ],
      }),
    ).toThrowError(/duplicate email/);
    expect(() =>
      parseConfig({ jwt_templates: { t: { claims: {}, signing_key: { algorithm: 'RS256', key: 'not a pem' } } } }),
    ).toThrowError(/PEM/);
    expect(() => parseConfig({ jwt_templates: { hasura: { claims: { id: '{{user.uid}}' } } } })).toThrowError(
      /jwt_templates\.hasura\.claims: unknown shortcode \{\{user\.uid\}\}/,
    );
  });
});
