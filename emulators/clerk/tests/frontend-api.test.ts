import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, APP_ORIGIN, FrontendClient, startTestClerk, type TestClerk } from './helpers.js';

/** The Frontend API on the wire, as clerk-js calls it: shapes, errors, CORS, `_method`, bundle files. */
let clerk: TestClerk;
beforeAll(async () => {
  clerk = await startTestClerk();
});
afterAll(() => clerk.stop());

const errorOf = (body: { errors: Array<Record<string, unknown>> }) => body.errors[0];

describe('dev browser, environment and client', () => {
  it('answers the environment with the fields clerk-js needs', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const { status, body } = await browser.call('PATCH', '/environment');
    expect(status).toBe(200);
    expect(body.display_config).toMatchObject({
      instance_environment_type: 'development',
      preferred_sign_in_strategy: 'password',
      captcha_public_key: null,
    });
    expect(body.user_settings.attributes.email_address).toMatchObject({ enabled: true, used_for_first_factor: true });
    expect(body.user_settings.attributes.password.enabled).toBe(true);
    expect(body.commerce_settings.billing.user).toEqual({ enabled: false, has_paid_plans: false });
    expect(body.auth_config.single_session_mode).toBe(true);
  });

  it('gives every dev browser its own client, with CORS for the calling origin', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const { status, headers, body } = await browser.call('GET', '/client');
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(headers.get('access-control-allow-credentials')).toBe('true');
    expect(body.response).toMatchObject({
      object: 'client',
      id: expect.stringMatching(/^client_/),
      sessions: [],
      sign_in: null,
      sign_up: null,
      last_active_session_id: null,
    });
    expect(body.response.updated_at).toBeGreaterThan(1_600_000_000_000); // milliseconds
    const other = await (await new FrontendClient(clerk.url).init()).call('GET', '/client');
    expect(other.body.response.id).not.toBe(body.response.id);
  });

  it('answers a preflight with the requested headers', async () => {
    const res = await fetch(`${clerk.url}/v1/client`, {
      method: 'OPTIONS',
      headers: {
        Origin: APP_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  });

  it('rejects client calls without a valid dev browser', async () => {
    const none = await new FrontendClient(clerk.url).call('GET', '/client');
    expect(none.status).toBe(401);
    expect(errorOf(none.body)).toMatchObject({
      code: 'dev_browser_unauthenticated',
      message: expect.any(String),
      long_message: expect.any(String),
    });
    const forged = new FrontendClient(clerk.url);
    forged.devBrowser = 'eyJhbGciOiJub25lIn0.eyJkZXYiOiJ4In0.';
    expect((await forged.call('GET', '/client')).status).toBe(401);
  });

  it('serves the installed clerk-js bundle under any version, chunks included, and nothing else', async () => {
    const main = await fetch(`${clerk.url}/npm/@clerk/clerk-js@5/dist/clerk.browser.js`);
    expect(main.status).toBe(200);
    expect(main.headers.get('content-type')).toContain('javascript');
    expect((await main.text()).length).toBeGreaterThan(100_000);
    const chunk = await fetch(`${clerk.url}/npm/@clerk/clerk-js@5.128.0/dist/signin_clerk.browser_70f75e_5.128.0.js`);
    expect(chunk.status).toBe(200);
    for (const path of [
      '/npm/@clerk/clerk-js@5/dist/..%2Fpackage.json',
      '/npm/@clerk/clerk-js@5/dist/nope.js',
      '/npm/@clerk/other@5/dist/clerk.browser.js',
    ]) {
      expect((await fetch(`${clerk.url}${path}`)).status).toBe(404);
    }
  });

  it('publishes the JWKS for Hasura', async () => {
    const res = await fetch(`${clerk.url}/.well-known/jwks.json`);
    const body = await res.json();
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.stringMatching(/^ins_/) });
    expect(body.keys[0].d).toBeUndefined();
  });
});

describe('sign-in', () => {
  it('signs in in two steps: identifier, then password', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const created = await browser.call('POST', '/client/sign_ins', { identifier: ALICE.email });
    expect(created.body.response).toMatchObject({
      object: 'sign_in_attempt',
      status: 'needs_first_factor',
      identifier: ALICE.email,
      supported_first_factors: [
        { strategy: 'password' },
        { strategy: 'email_code', safe_identifier: ALICE.email, primary: true },
        { strategy: 'reset_password_email_code', safe_identifier: ALICE.email, primary: true },
      ],
    });
    expect(created.body.client.sign_in.id).toBe(created.body.response.id);

    const attempt = await browser.call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: ALICE.password,
    });
    const sessionId = attempt.body.response.created_session_id;
    expect(attempt.body.response.status).toBe('complete');
    expect(attempt.body.client.last_active_session_id).toBe(sessionId);
    const [session] = attempt.body.client.sessions;
    expect(session).toMatchObject({
      object: 'session',
      id: sessionId,
      status: 'active',
      user: { id: ALICE.id, first_name: 'Alice' },
      public_user_data: { identifier: ALICE.email },
    });
    expect(decodeJwt(session.last_active_token.jwt)).toMatchObject({ sid: sessionId, sub: ALICE.id });

    const touched = await browser.call('POST', `/client/sessions/${sessionId}/touch`);
    expect(touched.body.response.id).toBe(sessionId);
    const token = await browser.call('POST', `/client/sessions/${sessionId}/tokens`);
    expect(token.body).toEqual({ object: 'token', jwt: expect.any(String) });
    const me = await browser.call('GET', '/me');
    expect(me.body.response).toMatchObject({
      object: 'user',
      id: ALICE.id,
      primary_email_address_id: expect.stringMatching(/^idn_/),
    });
    const hasura = await browser.call('POST', `/client/sessions/${sessionId}/tokens/hasura`);
    expect(decodeJwt(hasura.body.jwt)['https://hasura.io/jwt/claims']).toMatchObject({ 'x-hasura-user-id': ALICE.id });
  });

  it("lists the user's active sessions and revokes one from another device", async () => {
    const laptop = await new FrontendClient(clerk.url).init();
    const phone = await new FrontendClient(clerk.url).init();
    const laptopSession = await laptop.signIn(ALICE.email, ALICE.password);
    const phoneSession = await phone.signIn(ALICE.email, ALICE.password);
    const { body } = await laptop.call('GET', '/me/sessions/active');
    expect(body.map((session: { id: string }) => session.id)).toEqual(
      expect.arrayContaining([laptopSession, phoneSession]),
    );
    const revoked = await laptop.call('POST', `/me/sessions/${phoneSession}/revoke`);
    expect(revoked.body.response).toMatchObject({ id: phoneSession, status: 'revoked' });
    expect((await phone.call('POST', `/client/sessions/${phoneSession}/tokens`)).status).toBe(401);
    expect((await laptop.call('POST', `/client/sessions/${laptopSession}/tokens`)).status).toBe(200);
  });

  it("answers Clerk's 422 errors and changes nothing", async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const unknown = await browser.call('POST', '/client/sign_ins', { identifier: 'nobody@example.com' });
    expect(unknown.status).toBe(422);
    expect(errorOf(unknown.body)).toMatchObject({
      code: 'form_identifier_not_found',
      meta: { param_name: 'identifier' },
    });

    const wrong = await browser.call('POST', '/client/sign_ins', {
      identifier: ALICE.email,
      password: 'nope-nope',
      strategy: 'password',
    });
    expect(wrong.status).toBe(422);
    expect(errorOf(wrong.body)).toMatchObject({
      code: 'form_password_incorrect',
      message: expect.stringContaining('Password is incorrect'),
      long_message: expect.any(String),
    });
    expect((await browser.call('GET', '/client')).body.response).toMatchObject({ sign_in: null, sessions: [] });

    const created = await browser.call('POST', '/client/sign_ins', { identifier: ALICE.email });
    const id = created.body.response.id;
    const missing = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, { strategy: 'password' });
    expect(errorOf(missing.body)).toMatchObject({ code: 'form_param_missing', meta: { param_name: 'password' } });
    const badStrategy = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'phone_code',
      code: '1',
    });
    expect(badStrategy.status).toBe(422);
    const wrongAttempt = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'password',
      password: 'wrong-password',
    });
    expect(errorOf(wrongAttempt.body).code).toBe('form_password_incorrect');
    expect((await browser.call('GET', '/client')).body.response.sessions).toEqual([]);
    expect((await browser.call('GET', `/client/sign_ins/sia_unknown`)).status).toBe(404);
  });

  it('refuses tokens for unknown sessions, sessions of other clients and unknown templates', async () => {
    const alice = await new FrontendClient(clerk.url).init();
    const sessionId = await alice.signIn(ALICE.email, ALICE.password);
    const other = await new FrontendClient(clerk.url).init();
    expect((await other.call('POST', `/client/sessions/${sessionId}/tokens`)).status).toBe(404);
    expect((await alice.call('POST', '/client/sessions/sess_nope/tokens')).status).toBe(404);
    const template = await alice.call('POST', `/client/sessions/${sessionId}/tokens/nope`);
    expect(template.status).toBe(404);
    expect(errorOf(template.body).code).toBe('resource_not_found');
  });

  it('signs out with DELETE /client/sessions (sent as POST ?_method=DELETE); the ended session mints nothing', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const sessionId = await browser.signIn(ALICE.email, ALICE.password);
    const out = await browser.call('DELETE', '/client/sessions');
    expect(out.status).toBe(200);
    expect(out.body.client).toMatchObject({ sessions: [], last_active_session_id: null });
    const token = await browser.call('POST', `/client/sessions/${sessionId}/tokens`);
    expect(token.status).toBe(401);
    expect(errorOf(token.body).code).toBe('signed_out');
  });
});

describe('the signed-in user (/v1/me)', () => {
  it('updates names, changes the password (checking the current one) and deletes the account', async () => {
    const backend = await fetch(`${clerk.url}/v1/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email_address: ['gus@example.com'], password: 'gus-password-1' }),
    });
    const userId = ((await backend.json()) as { id: string }).id;
    const browser = await new FrontendClient(clerk.url).init();
    await browser.signIn('gus@example.com', 'gus-password-1');
    const otherDevice = await new FrontendClient(clerk.url).init();
    const otherSession = await otherDevice.signIn('gus@example.com', 'gus-password-1');

    const renamed = await browser.call('PATCH', '/me', { first_name: 'Gus', last_name: 'Grey' });
    expect(renamed.body.response).toMatchObject({ id: userId, first_name: 'Gus', last_name: 'Grey' });
    expect(renamed.body.client.sessions[0].user.first_name).toBe('Gus');

    const wrongCurrent = await browser.call('POST', '/me/change_password', {
      current_password: 'nope-nope',
      new_password: 'gus-password-2',
    });
    expect(errorOf(wrongCurrent.body)).toMatchObject({
      code: 'form_password_incorrect',
      meta: { param_name: 'current_password' },
    });
    const tooShort = await browser.call('POST', '/me/change_password', {
      current_password: 'gus-password-1',
      new_password: 'short',
    });
    expect(errorOf(tooShort.body)).toMatchObject({
      code: 'form_password_length_too_short',
      meta: { param_name: 'new_password' },
    });
    const changed = await browser.call('POST', '/me/change_password', {
      current_password: 'gus-password-1',
      new_password: 'gus-password-2',
      sign_out_of_other_sessions: 'true',
    });
    expect(changed.status).toBe(200);
    expect((await otherDevice.call('POST', `/client/sessions/${otherSession}/tokens`)).status).toBe(401);
    const fresh = await new FrontendClient(clerk.url).init();
    const oldPassword = await fresh.call('POST', '/client/sign_ins', {
      identifier: 'gus@example.com',
      password: 'gus-password-1',
      strategy: 'password',
    });
    expect(errorOf(oldPassword.body).code).toBe('form_password_incorrect');
    expect(await fresh.signIn('gus@example.com', 'gus-password-2')).toMatch(/^sess_/);

    const deleted = await browser.call('DELETE', '/me');
    expect(deleted.body.response).toEqual({ object: 'user', id: userId, deleted: true });
    expect(deleted.body.client.sessions).toEqual([]);
    const gone = await fetch(`${clerk.url}/v1/users/${userId}`, {
      headers: { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}` },
    });
    expect(gone.status).toBe(404);
  });
});

describe('sign-up', () => {
  it('creates the user after the email is verified with 424242', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const email = 'erin@example.com';
    const created = await browser.call('POST', '/client/sign_ups', {
      email_address: email,
      password: 'erin-password-1',
      first_name: 'Erin',
    });
    expect(created.body.response).toMatchObject({
      object: 'sign_up_attempt',
      status: 'missing_requirements',
      unverified_fields: ['email_address'],
      missing_fields: [],
    });
    const id = created.body.response.id;

    const early = await browser.call('POST', `/client/sign_ups/${id}/attempt_verification`, {
      strategy: 'email_code',
      code: '424242',
    });
    expect(errorOf(early.body).code).toBe('verification_missing');
    const prepared = await browser.call('POST', `/client/sign_ups/${id}/prepare_verification`, {
      strategy: 'email_code',
    });
    expect(prepared.body.response.verifications.email_address).toMatchObject({
      status: 'unverified',
      strategy: 'email_code',
      next_action: 'needs_attempt',
    });

    const wrong = await browser.call('POST', `/client/sign_ups/${id}/attempt_verification`, {
      strategy: 'email_code',
      code: '123456',
    });
    expect(wrong.status).toBe(422);
    expect(errorOf(wrong.body)).toMatchObject({ code: 'form_code_incorrect', meta: { param_name: 'code' } });

    const done = await browser.call('POST', `/client/sign_ups/${id}/attempt_verification`, {
      strategy: 'email_code',
      code: '424242',
    });
    expect(done.body.response).toMatchObject({
      status: 'complete',
      created_user_id: expect.stringMatching(/^user_/),
      created_session_id: expect.stringMatching(/^sess_/),
    });
    expect(done.body.client.sessions[0].user).toMatchObject({
      first_name: 'Erin',
      email_addresses: [{ email_address: email }],
    });

    const again = await (
      await new FrontendClient(clerk.url).init()
    ).call('POST', '/client/sign_ups', { email_address: email, password: 'erin-password-1' });
    expect(errorOf(again.body).code).toBe('form_identifier_exists');
    const other = await new FrontendClient(clerk.url).init();
    expect(await other.signIn(email, 'erin-password-1')).toMatch(/^sess_/);
  });

  it('validates fields before creating anything', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const badEmail = await browser.call('POST', '/client/sign_ups', {
      email_address: 'not-an-email',
      password: 'long-enough-1',
    });
    expect(errorOf(badEmail.body)).toMatchObject({
      code: 'form_param_format_invalid',
      meta: { param_name: 'email_address' },
    });
    const short = await browser.call('POST', '/client/sign_ups', {
      email_address: 'fay@example.com',
      password: 'short',
    });
    expect(errorOf(short.body).code).toBe('form_password_length_too_short');
    for (const metadata of ['{not json', '[1, 2]', '42']) {
      const bad = await browser.call('POST', '/client/sign_ups', {
        email_address: 'fay@example.com',
        password: 'long-enough-1',
        unsafe_metadata: metadata,
      });
      expect(bad.status).toBe(422);
      expect(errorOf(bad.body)).toMatchObject({ meta: { param_name: 'unsafe_metadata' } });
    }
    expect((await browser.call('GET', '/client')).body.response.sign_up).toBeNull();
    const good = await browser.call('POST', '/client/sign_ups', {
      email_address: 'fay@example.com',
      password: 'long-enough-1',
      unsafe_metadata: '{"theme":"dark"}',
    });
    expect(good.status).toBe(200);
  });
});

describe('errors', () => {
  it("answers malformed JSON on the Backend API with 400 in Clerk's shape", async () => {
    const res = await fetch(`${clerk.url}/v1/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}`, 'Content-Type': 'application/json' },
      body: '{"email_address": [',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(errorOf(await res.json()).code).toBe('malformed_request');
  });

  it('survives malformed paths, cookies and oversized bodies', async () => {
    const auth = { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}` };
    expect((await fetch(`${clerk.url}/v1/users/%E0%A4%A`, { headers: auth })).status).toBe(404);
    const browser = await new FrontendClient(clerk.url).init();
    const res = await fetch(`${clerk.url}/v1/client?__clerk_db_jwt=${browser.devBrowser}`, {
      headers: { Cookie: 'a=%E0%A4%A; b' },
    });
    expect(res.status).toBe(200);
    const big = await fetch(`${clerk.url}/v1/users`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email_address: ['x@example.com'], pad: 'x'.repeat(2 * 1024 * 1024) }),
    }).catch((error: Error) => error);
    if (big instanceof Response) expect(big.status).toBe(413);
    expect((await fetch(`${clerk.url}/.well-known/jwks.json`)).status).toBe(200); // still serving
  });

  it('answers unknown routes with 404 and a bad redirect_url on the handshake with 400 invalid_handshake', async () => {
    const res = await fetch(`${clerk.url}/v1/nope`);
    expect(res.status).toBe(404);
    expect(errorOf(await res.json()).code).toBe('resource_not_found');
    const handshake = await fetch(`${clerk.url}/v1/client/handshake?redirect_url=javascript:alert(1)`, {
      redirect: 'manual',
    });
    expect(handshake.status).toBe(400);
    expect(errorOf(await handshake.json()).code).toBe('invalid_handshake');
  });
});
