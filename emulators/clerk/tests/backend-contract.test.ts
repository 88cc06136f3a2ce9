import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClerkClient, verifyToken } from '@clerk/backend';
import { SignJWT, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, APP_ORIGIN, FrontendClient, startTestClerk, type TestClerk } from './helpers.js';

/** The real @clerk/backend against the emulator: token verification, BAPI resources and authenticateRequest. */
let clerk: TestClerk;
let client: ReturnType<typeof createClerkClient>;

beforeAll(async () => {
  clerk = await startTestClerk();
  client = createClerkClient({
    secretKey: clerk.env.CLERK_SECRET_KEY,
    apiUrl: clerk.env.CLERK_API_URL,
    publishableKey: clerk.env.CLERK_PUBLISHABLE_KEY,
  });
});
afterAll(() => clerk.stop());

async function signedInBrowser() {
  const browser = await new FrontendClient(clerk.url).init();
  const sessionId = await browser.signIn(ALICE.email, ALICE.password);
  const { body } = await browser.call('POST', `/client/sessions/${sessionId}/tokens`);
  return { browser, sessionId, token: body.jwt as string };
}

describe('session tokens', () => {
  it('verify through JWKS fetched from the Backend API and networkless with CLERK_JWT_KEY', async () => {
    const { sessionId, token } = await signedInBrowser();
    const viaJwks = await verifyToken(token, {
      secretKey: clerk.env.CLERK_SECRET_KEY,
      apiUrl: clerk.env.CLERK_API_URL,
    });
    const viaPem = await verifyToken(token, { jwtKey: clerk.env.CLERK_JWT_KEY });
    for (const claims of [viaJwks, viaPem]) {
      expect(claims.sub).toBe(ALICE.id);
      expect(claims.sid).toBe(sessionId);
    }
    expect(Object.keys(viaPem).sort()).toEqual([
      'azp',
      'exp',
      'fva',
      'iat',
      'iss',
      'jti',
      'nbf',
      'sid',
      'sts',
      'sub',
      'v',
    ]);
    expect(viaPem).toMatchObject({
      azp: APP_ORIGIN,
      iss: 'https://local-emulator.clerk.accounts.dev',
      sts: 'active',
      v: 2,
    });
    expect(viaPem.exp - viaPem.iat).toBe(60);
    expect(viaPem.iat - viaPem.nbf).toBe(5);
    expect(decodeProtectedHeader(token).kid).toMatch(/^ins_/);
  });

  it('rejects a token signed by another key', async () => {
    const { token } = await signedInBrowser();
    const forged = await new SignJWT(decodeJwt(token))
      .setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(token).kid })
      .sign(new TextEncoder().encode('x'.repeat(32)));
    await expect(verifyToken(forged, { jwtKey: clerk.env.CLERK_JWT_KEY })).rejects.toThrow();
  });

  it('mints template tokens through sessions.getToken (Hasura claims, verifiable with the public JWKS)', async () => {
    const { sessionId } = await signedInBrowser();
    const { jwt } = await client.sessions.getToken(sessionId, 'hasura');
    const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(`${clerk.url}/.well-known/jwks.json`)), {
      issuer: 'https://local-emulator.clerk.accounts.dev',
    });
    expect(payload['https://hasura.io/jwt/claims']).toEqual({
      'x-hasura-user-id': ALICE.id,
      'x-hasura-default-role': 'user',
      'x-hasura-allowed-roles': ['user'],
    });
    expect(payload.sub).toBe(ALICE.id);
    expect(payload.sid).toBeUndefined();
    expect(payload.v).toBeUndefined();
    expect(payload.exp! - payload.iat!).toBe(60);
    await expect(client.sessions.getToken(sessionId, 'no-such-template')).rejects.toMatchObject({ status: 404 });
    await expect(client.sessions.getToken('sess_unknown', 'hasura')).rejects.toMatchObject({ status: 404 });
  });
});

describe('users and testing helpers', () => {
  it('lists, reads, creates and deletes users', async () => {
    const { data, totalCount } = await client.users.getUserList({ emailAddress: [ALICE.email] });
    expect(totalCount).toBe(1);
    expect(data[0]).toMatchObject({ id: ALICE.id, firstName: 'Alice' });
    expect(data[0].primaryEmailAddress?.emailAddress).toBe(ALICE.email);
    expect((await client.users.getUser(ALICE.id)).fullName).toBe('Alice');

    const created = await client.users.createUser({
      emailAddress: ['carol@example.com'],
      password: 'carol-password-1',
      firstName: 'Carol',
    });
    expect(created.id).toMatch(/^user_[A-Za-z0-9]{27}$/);
    await expect(
      client.users.createUser({ emailAddress: ['carol@example.com'], password: 'carol-password-1' }),
    ).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ code: 'form_identifier_exists' })],
    });
    const browser = await new FrontendClient(clerk.url).init();
    expect(await browser.signIn('carol@example.com', 'carol-password-1')).toMatch(/^sess_/);

    await client.users.deleteUser(created.id);
    await expect(client.users.getUser(created.id)).rejects.toMatchObject({ status: 404 });
    expect((await client.users.getUserList({ emailAddress: ['carol@example.com'] })).totalCount).toBe(0);
  });

  it("answers 401 in Clerk's error shape for a wrong or missing secret key", async () => {
    const wrong = createClerkClient({ secretKey: 'sk_test_wrong', apiUrl: clerk.url });
    await expect(wrong.users.getUser(ALICE.id)).rejects.toMatchObject({
      status: 401,
      errors: [expect.objectContaining({ code: 'authentication_invalid' })],
    });
    const res = await fetch(`${clerk.url}/v1/users`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect((await res.json()).errors[0].code).toBe('authentication_invalid');
  });

  it('issues testing tokens and sign-in tokens that sign in through the ticket strategy', async () => {
    const testing = await client.testingTokens.createTestingToken();
    expect(testing.token).toEqual(expect.any(String));
    const { token } = await client.signInTokens.createSignInToken({ userId: ALICE.id, expiresInSeconds: 300 });
    const browser = await new FrontendClient(clerk.url).init();
    const first = await browser.call('POST', '/client/sign_ins', { strategy: 'ticket', ticket: token });
    expect(first.body.response).toMatchObject({
      status: 'complete',
      created_session_id: expect.stringMatching(/^sess_/),
    });
    const reused = await browser.call('POST', '/client/sign_ins', { strategy: 'ticket', ticket: token });
    expect(reused.status).toBe(422);
  });
});

describe('authenticateRequest', () => {
  const page = (cookies: Record<string, string>, url = `${APP_ORIGIN}/notes`) =>
    new Request(url, {
      headers: {
        Accept: 'text/html',
        'Sec-Fetch-Dest': 'document',
        Cookie: Object.entries(cookies)
          .map(([name, value]) => `${name}=${value}`)
          .join('; '),
      },
    });
  const options = () => ({ proxyUrl: clerk.env.CLERK_PROXY_URL, jwtKey: clerk.env.CLERK_JWT_KEY });

  it('is signed out, without a redirect, with a dev browser but no session cookies', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const state = await client.authenticateRequest(page({ __clerk_db_jwt: browser.devBrowser }), options());
    expect(state.status).toBe('signed-out');
    expect(state.headers.get('location')).toBeNull();
  });

  it('gives a first visit (no cookies at all) a dev browser through the handshake, signed out', async () => {
    const first = await client.authenticateRequest(page({}), options());
    expect(first.status).toBe('handshake');
    const hop = await fetch(first.headers.get('location')!, { redirect: 'manual' });
    const back = hop.headers.get('location')!;
    const resolved = await client.authenticateRequest(page({}, back), options());
    expect(resolved.status).toBe('signed-out');
    const devBrowser = resolved.headers.getSetCookie().find((cookie) => cookie.startsWith('__clerk_db_jwt='));
    expect(devBrowser).toMatch(/^__clerk_db_jwt=ey/);
  });

  it('is signed in with a fresh session cookie', async () => {
    const { browser, sessionId, token } = await signedInBrowser();
    const uat = String(decodeJwt(token).iat! - 1);
    const state = await client.authenticateRequest(
      page({ __session: token, __client_uat: uat, __clerk_db_jwt: browser.devBrowser }),
      options(),
    );
    expect(state.status).toBe('signed-in');
    expect(state.toAuth()).toMatchObject({ userId: ALICE.id, sessionId });
  });

  it('sends an expired session through the handshake and comes back signed in', async () => {
    const { browser, sessionId, token } = await signedInBrowser();
    // An old cookie: same session, signed with the instance key, expired a minute ago.
    const key = readFileSync(join(clerk.dataDir, 'instance-key.pem'), 'utf8');
    const { createPrivateKey } = await import('node:crypto');
    const old = decodeJwt(token);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...old, iat: now - 120, nbf: now - 125, exp: now - 60 })
      .setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader(token).kid! })
      .sign(createPrivateKey(key));
    const cookies = { __session: expired, __client_uat: String(now - 130), __clerk_db_jwt: browser.devBrowser };

    const first = await client.authenticateRequest(page(cookies), options());
    expect(first.status).toBe('handshake');
    const handshakeUrl = new URL(first.headers.get('location')!);
    expect(handshakeUrl.origin + handshakeUrl.pathname).toBe(`${clerk.url}/v1/client/handshake`);

    const hop = await fetch(handshakeUrl, { redirect: 'manual' });
    expect(hop.status).toBe(307);
    const back = new URL(hop.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(`${APP_ORIGIN}/notes`);
    expect(back.searchParams.get('__clerk_handshake')).toBeTruthy();

    const resolved = await client.authenticateRequest(page(cookies, back.toString()), options());
    expect(resolved.status).toBe('signed-in');
    expect(resolved.toAuth()).toMatchObject({ userId: ALICE.id, sessionId });
    const setCookies = resolved.headers.getSetCookie();
    expect(setCookies.some((cookie) => cookie.startsWith('__session=ey'))).toBe(true);
    expect(setCookies.some((cookie) => /^__client_uat=\d+;/.test(cookie))).toBe(true);
  });

  it('comes back from a handshake signed out after sign-out', async () => {
    const { browser, token } = await signedInBrowser();
    await browser.call('DELETE', '/client/sessions');
    const hop = await fetch(
      `${clerk.url}/v1/client/handshake?redirect_url=${encodeURIComponent(`${APP_ORIGIN}/`)}&__clerk_db_jwt=${browser.devBrowser}`,
      { redirect: 'manual' },
    );
    const back = new URL(hop.headers.get('location')!);
    const cookies = { __session: token, __client_uat: '1', __clerk_db_jwt: browser.devBrowser };
    const resolved = await client.authenticateRequest(page(cookies, back.toString()), options());
    expect(resolved.status).toBe('signed-out');
    expect(resolved.headers.getSetCookie()).toContain('__client_uat=0; Path=/; SameSite=Lax; Max-Age=315360000');
  });
});
