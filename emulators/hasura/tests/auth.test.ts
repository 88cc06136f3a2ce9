import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseJwtSecret } from '../src/auth/jwt-config.js';
import { createJwtVerifier } from '../src/auth/jwt.js';
import { resolveSession, type AuthSettings } from '../src/auth/session.js';
import { readConfig } from '../src/config.js';

const KEY = 'a-test-secret-that-is-at-least-32-characters-long';
const NS = 'https://hasura.io/jwt/claims';

function settings(secret: Record<string, unknown> = {}, extra: Partial<AuthSettings> = {}): AuthSettings {
  const config = parseJwtSecret(JSON.stringify({ type: 'HS256', key: KEY, ...secret }));
  return { adminSecret: 'admin', jwt: { config, verifier: createJwtVerifier(config) }, ...extra };
}

async function token(payload: Record<string, unknown>, key = KEY): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(key));
}

const userClaims = {
  'x-hasura-allowed-roles': ['user', 'editor'],
  'x-hasura-default-role': 'user',
  'x-hasura-user-id': 'alice',
};

describe('parseJwtSecret', () => {
  it.each([
    [{ type: 'HS256', key: KEY, jwk_url: 'http://127.0.0.1/jwks' }, /exactly one of "key" or "jwk_url"/],
    [{ type: 'HS256' }, /exactly one of "key" or "jwk_url"/],
    [{ type: 'HS256', key: 'short' }, /HS256 key must be at least 32 characters/],
    [{ type: 'HS512', key: KEY }, /HS512 key must be at least 64 characters/],
    [{ key: KEY }, /"type" is required/],
    [{ type: 'RS256', key: 'not a pem' }, /not a PEM public key/],
    [{ type: 'HS256', key: KEY, claims_namespace: 'a', claims_namespace_path: '$.a' }, /cannot both be set/],
    [{ type: 'HS256', key: KEY, claims_namespace_path: 'hasura' }, /must start with "\$"/],
    [{ type: 'HS256', key: KEY, claims_format: 'xml' }, /claims_format/],
    [{ type: 'HS256', key: KEY, header: { type: 'Cookie' } }, /header/],
    [
      { type: 'HS256', key: KEY, claims_map: { 'x-hasura-default-role': 'user' } },
      /claims_map must give "x-hasura-allowed-roles"/,
    ],
    [{ type: 'HS256', key: KEY, unknown_option: 1 }, /unknown_option|Unrecognized key/],
  ])('rejects %j', (secret, message) => {
    expect(() => parseJwtSecret(JSON.stringify(secret))).toThrow(message);
  });

  it('rejects an RS256 type with an EC key, and accepts PKCS#1, SPKI and X.509 RSA keys', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => parseJwtSecret(JSON.stringify({ type: 'RS256', key: ec }))).toThrow(/RS256 but "key" is a ec key/);
    expect(() => parseJwtSecret(JSON.stringify({ type: 'ES384', key: ec }))).toThrow(
      /ES384 but "key" is on curve prime256v1/,
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    for (const type of ['pkcs1', 'spki'] as const) {
      const pem = rsa.export({ type, format: 'pem' });
      expect(parseJwtSecret(JSON.stringify({ type: 'RS256', key: pem })).keySource.kind).toBe('key');
    }
    // A self-signed certificate (public material only), as Firebase-style issuers publish.
    const cert = readFileSync(new URL('./fixtures/keys/x509-rsa-cert.pem', import.meta.url), 'utf8');
    const source = parseJwtSecret(JSON.stringify({ type: 'RS512', key: cert })).keySource;
    expect(source.kind === 'key' && 'asymmetricKeyType' in source.key && source.key.asymmetricKeyType).toBe('rsa');
  });

  it.each([
    ['RS384', 'RS384', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['ES256', 'ES256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['ES384', 'ES384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' })],
    ['Ed25519', 'EdDSA', () => generateKeyPairSync('ed25519')],
  ] as const)('verifies %s tokens with a PEM public key, and only that algorithm', async (type, alg, generate) => {
    const { publicKey, privateKey } = generate();
    const config = parseJwtSecret(JSON.stringify({ type, key: publicKey.export({ type: 'spki', format: 'pem' }) }));
    const auth: AuthSettings = { adminSecret: 'admin', jwt: { config, verifier: createJwtVerifier(config) } };
    const jwt = await new SignJWT({ [NS]: userClaims }).setProtectedHeader({ alg }).sign(privateKey);
    expect(await resolveSession({ authorization: `Bearer ${jwt}` }, auth)).toMatchObject({ role: 'user' });
    const hmac = await token({ [NS]: userClaims });
    expect(await resolveSession({ authorization: `Bearer ${hmac}` }, auth)).toMatchObject({
      message: 'Could not verify JWT: JWSError JWSInvalidSignature',
    });
  });

  it('is not valid JSON', () => {
    expect(() => parseJwtSecret('{type: HS256')).toThrow('HASURA_GRAPHQL_JWT_SECRET: is not valid JSON');
  });
});

describe('readConfig', () => {
  it('applies the real engine defaults', () => {
    expect(readConfig({})).toMatchObject({
      database: { kind: 'pglite', dir: join(process.cwd(), '.data/hasura/pglite') },
      statementTimeoutMs: 5000,
      cors: { mode: 'all' },
      port: 8080,
      metadataDir: 'hasura/metadata',
      migrationsDir: 'hasura/migrations',
      seedsDir: undefined,
      stringifyNumericTypes: false,
    });
  });
  it('lists every problem at once', () => {
    expect(() =>
      readConfig({
        HASURA_GRAPHQL_SERVER_PORT: 'eighty',
        HASURA_GRAPHQL_DATABASE_URL: 'mysql://x',
        HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: 'yes',
      }),
    ).toThrow(/DATABASE_URL: must be[\s\S]*SERVER_PORT: must be a port number[\s\S]*STRINGIFY_NUMERIC_TYPES/);
  });
  it('refuses JWT mode without an admin secret, as the real engine does', () => {
    expect(() => readConfig({ HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: KEY }) })).toThrow(
      /JWT_SECRET needs HASURA_GRAPHQL_ADMIN_SECRET/,
    );
  });
});

describe('resolveSession', () => {
  it('gives admin for every request when no admin secret is configured', async () => {
    expect(await resolveSession({ 'x-hasura-role': 'user', 'x-hasura-user-id': 'bob' }, {})).toEqual({
      role: 'user',
      variables: { 'x-hasura-role': 'user', 'x-hasura-user-id': 'bob' },
    });
    expect(await resolveSession({}, {})).toEqual({ role: 'admin', variables: { 'x-hasura-role': 'admin' } });
  });

  it('checks the admin secret first and then ignores any JWT', async () => {
    const auth = settings();
    expect(
      await resolveSession(
        { 'x-hasura-admin-secret': 'admin', authorization: 'Bearer garbage', 'x-hasura-user-id': 'x' },
        auth,
      ),
    ).toEqual({ role: 'admin', variables: { 'x-hasura-role': 'admin', 'x-hasura-user-id': 'x' } });
    expect(await resolveSession({ 'x-hasura-admin-secret': 'wrong' }, auth)).toEqual({
      message: 'invalid x-hasura-admin-secret/x-hasura-access-key',
      extensions: { path: '$', code: 'access-denied' },
    });
  });

  it('requires the admin secret in admin-secret-only mode unless an unauthorized role is set', async () => {
    expect(await resolveSession({}, { adminSecret: 'admin' })).toMatchObject({
      message: 'x-hasura-admin-secret/x-hasura-access-key required, but not found',
      extensions: { code: 'access-denied' },
    });
    expect(await resolveSession({}, { adminSecret: 'admin', unauthorizedRole: 'anonymous' })).toEqual({
      role: 'anonymous',
      variables: { 'x-hasura-role': 'anonymous' },
    });
  });

  it('takes the role and variables from the token only', async () => {
    const session = await resolveSession(
      {
        authorization: `Bearer ${await token({ [NS]: userClaims })}`,
        'x-hasura-user-id': 'mallory',
        'x-hasura-role': 'editor',
      },
      settings(),
    );
    expect(session).toEqual({ role: 'editor', variables: { 'x-hasura-role': 'editor', 'x-hasura-user-id': 'alice' } });
  });

  it('refuses a role outside the allowed roles (role header value is case-sensitive)', async () => {
    const headers = { authorization: `Bearer ${await token({ [NS]: userClaims })}`, 'x-hasura-role': 'User' };
    expect(await resolveSession(headers, settings())).toMatchObject({
      message: 'Your requested role is not in allowed roles',
      extensions: { code: 'access-denied' },
    });
  });

  it('reads claims through claims_namespace_path, stringified_json and claims_map', async () => {
    const viaPath = settings({ claims_namespace_path: '$.hasura.claims', claims_format: 'stringified_json' });
    const stringified = await token({ hasura: { claims: JSON.stringify(userClaims) } });
    expect(await resolveSession({ authorization: `Bearer ${stringified}` }, viaPath)).toMatchObject({ role: 'user' });

    const mapped = settings({
      claims_map: {
        'x-hasura-allowed-roles': { path: '$.roles' },
        'x-hasura-default-role': 'user',
        'x-hasura-user-id': { path: "$['sub']" },
        'x-hasura-org-id': { path: '$.org', default: 'none' },
      },
    });
    const plain = await token({ roles: ['user'], sub: 'bob' });
    expect(await resolveSession({ authorization: `Bearer ${plain}` }, mapped)).toEqual({
      role: 'user',
      variables: { 'x-hasura-role': 'user', 'x-hasura-user-id': 'bob', 'x-hasura-org-id': 'none' },
    });
  });

  it('finds the token in a cookie or a custom header', async () => {
    const jwt = await token({ [NS]: userClaims });
    expect(
      await resolveSession(
        { cookie: `other=1; session_jwt=${jwt}` },
        settings({ header: { type: 'Cookie', name: 'session_jwt' } }),
      ),
    ).toMatchObject({ role: 'user' });
    expect(
      await resolveSession({ 'x-my-token': jwt }, settings({ header: { type: 'CustomHeader', name: 'X-My-Token' } })),
    ).toMatchObject({ role: 'user' });
  });

  it.each([
    [
      'missing token, no unauthorized role',
      {},
      'invalid-headers',
      "Missing 'Authorization' or 'Cookie' header in JWT authentication mode",
    ],
    ['not a Bearer header', { authorization: 'Basic abc' }, 'invalid-headers', 'Malformed Authorization header'],
    [
      'one-part token',
      { authorization: 'Bearer abc' },
      'invalid-jwt',
      'Could not verify JWT: JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)',
    ],
  ])('%s', async (_name, headers, code, message) => {
    expect(await resolveSession(headers, settings())).toEqual({ message, extensions: { path: '$', code } });
  });

  it.each([
    ['expired', { exp: -60 }, {}, 'invalid-jwt', 'Could not verify JWT: JWTExpired'],
    ['expired but within allowed_skew', { exp: -60 }, { allowed_skew: 120 }, null, null],
    ['issued in the future', { iat: 600 }, {}, 'invalid-jwt', 'Could not verify JWT: JWTIssuedAtFuture'],
    ['not yet valid', { nbf: 600 }, {}, 'invalid-jwt', 'Could not verify JWT: JWTNotYetValid'],
    [
      'wrong audience',
      { aud: 'other' },
      { audience: ['app', 'api'] },
      'invalid-jwt',
      'Could not verify JWT: JWTNotInAudience',
    ],
    ['right audience', { aud: 'api' }, { audience: ['app', 'api'] }, null, null],
    ['wrong issuer', { iss: 'evil' }, { issuer: 'good' }, 'invalid-jwt', 'Could not verify JWT: JWTNotInIssuer'],
  ])('%s', async (_name, times, secret, code, message) => {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { [NS]: userClaims };
    for (const [name, value] of Object.entries(times)) claims[name] = typeof value === 'number' ? now + value : value;
    const session = await resolveSession({ authorization: `Bearer ${await token(claims)}` }, settings(secret));
    if (code) expect(session).toEqual({ message, extensions: { path: '$', code } });
    else expect(session).toMatchObject({ role: 'user' });
  });

  it('reports a bad signature, a missing namespace and missing role claims', async () => {
    const auth = settings();
    const forged = await token({ [NS]: userClaims }, `${KEY}-but-another-one`);
    expect(await resolveSession({ authorization: `Bearer ${forged}` }, auth)).toMatchObject({
      message: 'Could not verify JWT: JWSError JWSInvalidSignature',
      extensions: { code: 'invalid-jwt' },
    });
    expect(await resolveSession({ authorization: `Bearer ${await token({ sub: 'x' })}` }, auth)).toMatchObject({
      message: "claims key: 'https://hasura.io/jwt/claims' not found",
      extensions: { code: 'jwt-invalid-claims' },
    });
    const noRoles = await token({ [NS]: { 'x-hasura-default-role': 'user' } });
    expect(await resolveSession({ authorization: `Bearer ${noRoles}` }, auth)).toMatchObject({
      message: 'JWT claim does not contain x-hasura-allowed-roles',
      extensions: { code: 'jwt-missing-role-claims' },
    });
  });

  describe('with a token verified before', () => {
    afterEach(() => vi.useRealTimers());
    it('still checks its expiry on every use', async () => {
      const auth = settings();
      const jwt = await token({ [NS]: userClaims, exp: Math.floor(Date.now() / 1000) + 5 });
      expect(await resolveSession({ authorization: `Bearer ${jwt}` }, auth)).toMatchObject({ role: 'user' });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 10_000);
      expect(await resolveSession({ authorization: `Bearer ${jwt}` }, auth)).toMatchObject({
        message: 'Could not verify JWT: JWTExpired',
      });
    });
  });

  it('never falls back to the unauthorized role for an invalid token', async () => {
    const auth = settings({}, { unauthorizedRole: 'anonymous' });
    expect(await resolveSession({}, auth)).toMatchObject({ role: 'anonymous' });
    expect(await resolveSession({ authorization: 'Bearer a.b.c' }, auth)).toMatchObject({
      extensions: { code: 'invalid-jwt' },
    });
  });
});
