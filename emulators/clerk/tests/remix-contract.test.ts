import { getAuth } from '@clerk/remix/ssr.server';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, APP_ORIGIN, FrontendClient, startTestClerk, type TestClerk } from './helpers.js';

/** The real @clerk/remix `getAuth`, configured only through the env block the emulator prints. */
let clerk: TestClerk;
beforeAll(async () => {
  clerk = await startTestClerk();
});
afterAll(() => clerk.stop());

function loaderArgs(cookies: Record<string, string>) {
  const request = new Request(`${APP_ORIGIN}/notes`, {
    headers: {
      Accept: 'text/html',
      'Sec-Fetch-Dest': 'document',
      Cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; '),
    },
  });
  // @clerk/remix reads env from process.env first, then context.env: the test keeps process.env untouched.
  return { request, context: { env: clerk.env }, params: {} };
}

describe('@clerk/remix getAuth', () => {
  it('sees the signed-in user and mints a Hasura token through the Backend API', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const sessionId = await browser.signIn(ALICE.email, ALICE.password);
    const { body } = await browser.call('POST', `/client/sessions/${sessionId}/tokens`);
    const cookies = {
      __session: body.jwt,
      __client_uat: String(decodeJwt(body.jwt).iat! - 1),
      __clerk_db_jwt: browser.devBrowser,
    };

    const auth = await getAuth(loaderArgs(cookies) as never);
    expect(auth).toMatchObject({ userId: ALICE.id, sessionId });
    const token = await auth.getToken({ template: 'hasura' });
    expect(decodeJwt(token!)['https://hasura.io/jwt/claims']).toMatchObject({ 'x-hasura-user-id': ALICE.id });
  });

  it('is signed out for a known dev browser without session cookies', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const auth = await getAuth(loaderArgs({ __clerk_db_jwt: browser.devBrowser }) as never);
    expect(auth.userId).toBeNull();
  });

  it("throws a 307 to the emulator's handshake when the session cookie cannot be trusted", async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const sessionId = await browser.signIn(ALICE.email, ALICE.password);
    const { body } = await browser.call('POST', `/client/sessions/${sessionId}/tokens`);
    // A __client_uat newer than the token's iat means the client changed since: Clerk asks for a handshake.
    const cookies = {
      __session: body.jwt,
      __client_uat: String(decodeJwt(body.jwt).iat! + 100),
      __clerk_db_jwt: browser.devBrowser,
    };
    const thrown = await getAuth(loaderArgs(cookies) as never).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toMatch(new RegExp(`^${clerk.url}/v1/client/handshake\\?`));
  });
});
