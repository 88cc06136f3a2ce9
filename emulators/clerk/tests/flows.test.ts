import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VerificationRecord } from '../src/state.js';
import {
  attemptCode,
  CODE_LIFETIME_MS,
  MAX_CODE_ATTEMPTS,
  newCodeVerification,
  TEST_VERIFICATION_CODE,
} from '../src/verifications.js';
import { APP_ORIGIN, FrontendClient, startTestClerk, type TestClerk } from './helpers.js';

/** The Frontend API behind the flows <SignIn/> and <UserProfile/> offer, including what they must refuse. */
let clerk: TestClerk;
beforeAll(async () => {
  clerk = await startTestClerk();
});
afterAll(() => clerk?.stop());

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const codeOf = (error: unknown) => (error as { code: string }).code;

async function newUser(name: string) {
  const email = `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  const password = `${name}-password-1`;
  const res = await fetch(`${clerk.url}/v1/users`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email_address: [email], password }),
  });
  const { id } = (await res.json()) as { id: string };
  const browser = await new FrontendClient(clerk.url).init();
  const sessionId = await browser.signIn(email, password);
  return { id, email, password, browser, sessionId };
}

async function mail(to: string): Promise<Array<{ code: string; subject: string }>> {
  return (await fetch(`${clerk.url}/mailbox/messages?to=${encodeURIComponent(to)}`)).json() as Promise<
    Array<{ code: string; subject: string }>
  >;
}

describe('codes', () => {
  const attempt = (verification: VerificationRecord, code: string, now?: number) => {
    try {
      attemptCode(verification, 'email_code', code, now);
      return 'verified';
    } catch (error) {
      return codeOf(error);
    }
  };

  it('are random 6-digit codes; 424242 also works', () => {
    const codes = new Set(Array.from({ length: 20 }, () => newCodeVerification('email_code').code));
    expect(codes.size).toBeGreaterThan(15);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(attempt(newCodeVerification('email_code'), TEST_VERIFICATION_CODE)).toBe('verified');
  });

  it(`fail after ${MAX_CODE_ATTEMPTS} wrong attempts, even for the right code after`, () => {
    const verification = newCodeVerification('email_code');
    const results = ['000000', '111111', '222222', verification.code].map((code) => attempt(verification, code));
    expect(results).toEqual([
      'form_code_incorrect',
      'form_code_incorrect',
      'verification_failed',
      'verification_failed',
    ]);
    expect(verification.status).toBe('failed');
  });

  it('expire after 10 minutes', () => {
    const now = Date.now();
    const verification = newCodeVerification('email_code', now);
    expect(attempt(verification, verification.code, now + CODE_LIFETIME_MS + 1)).toBe('verification_expired');
    expect(verification.status).toBe('expired');
    expect(attempt(verification, verification.code, now)).toBe('verification_expired');
  });

  it('belong to their strategy and need a preparation', () => {
    const verification = newCodeVerification('reset_password_email_code');
    expect(attempt(verification, verification.code)).toBe('verification_missing');
  });
});

describe('sign-in by email code and password reset', () => {
  it('signs in with the mailed code; a code prepared for one sign-in does not work on another', async () => {
    const user = await newUser('nora');
    const browser = await new FrontendClient(clerk.url).init();
    const created = await browser.call('POST', '/client/sign_ins', { identifier: user.email });
    const id = created.body.response.id;
    const factor = created.body.response.supported_first_factors.find(
      (f: { strategy: string }) => f.strategy === 'email_code',
    );
    await browser.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, {
      strategy: 'email_code',
      email_address_id: factor.email_address_id,
    });
    const [message] = await mail(user.email);
    expect(message.subject).toContain(message.code);

    const other = await new FrontendClient(clerk.url).init();
    const otherSignIn = (await other.call('POST', '/client/sign_ins', { identifier: user.email })).body.response.id;
    const stolen = await other.call('POST', `/client/sign_ins/${otherSignIn}/attempt_first_factor`, {
      strategy: 'email_code',
      code: message.code,
    });
    expect(stolen.body.errors[0].code).toBe('verification_missing');
    // Another client cannot even see the sign-in.
    expect(
      (
        await other.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
          strategy: 'email_code',
          code: message.code,
        })
      ).status,
    ).toBe(404);

    const done = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'email_code',
      code: message.code,
    });
    expect(done.body.response).toMatchObject({
      status: 'complete',
      created_session_id: expect.stringMatching(/^sess_/),
    });
    const again = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'email_code',
      code: message.code,
    });
    expect(again.body.errors[0].code).toBe('sign_in_complete');
  });

  it("refuses another user's email address id as the code's destination", async () => {
    const [victim, attacker] = [await newUser('olga'), await newUser('pete')];
    const victimAddress = (await victim.browser.call('GET', '/me')).body.response.primary_email_address_id;
    const browser = await new FrontendClient(clerk.url).init();
    const id = (await browser.call('POST', '/client/sign_ins', { identifier: attacker.email })).body.response.id;
    const res = await browser.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, {
      strategy: 'email_code',
      email_address_id: victimAddress,
    });
    expect(res.body.errors[0]).toMatchObject({
      code: 'form_param_format_invalid',
      meta: { param_name: 'email_address_id' },
    });
    expect(await mail(victim.email)).toEqual([]);
  });

  it('resets the password only after the reset code, then signs in', async () => {
    const user = await newUser('quin');
    const browser = await new FrontendClient(clerk.url).init();
    const id = (await browser.call('POST', '/client/sign_ins', { identifier: user.email })).body.response.id;
    const early = await browser.call('POST', `/client/sign_ins/${id}/reset_password`, {
      password: 'quin-new-password-2',
    });
    expect(early.body.errors[0].code).toBe('verification_missing');
    await browser.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, {
      strategy: 'reset_password_email_code',
    });
    const [message] = await mail(user.email);
    const verified = await browser.call('POST', `/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: 'reset_password_email_code',
      code: message.code,
    });
    expect(verified.body.response.status).toBe('needs_new_password');
    const short = await browser.call('POST', `/client/sign_ins/${id}/reset_password`, { password: 'short' });
    expect(short.body.errors[0].code).toBe('form_password_length_too_short');
    const done = await browser.call('POST', `/client/sign_ins/${id}/reset_password`, {
      password: 'quin-new-password-2',
      sign_out_of_other_sessions: 'true',
    });
    expect(done.body.response.status).toBe('complete');
    expect((await user.browser.call('GET', '/client')).body.response.sessions).toEqual([]);
  });
});

describe('email addresses of the signed-in user', () => {
  it("cannot add an address another user has, nor touch another user's addresses", async () => {
    const [alice, mallory] = [await newUser('rita'), await newUser('mal')];
    const taken = await mallory.browser.call('POST', '/me/email_addresses', { email_address: alice.email });
    expect(taken.body.errors[0].code).toBe('form_identifier_exists');
    const aliceAddress = (await alice.browser.call('GET', '/me')).body.response.primary_email_address_id;
    for (const [method, path] of [
      ['POST', `/me/email_addresses/${aliceAddress}/prepare_verification`],
      ['POST', `/me/email_addresses/${aliceAddress}/attempt_verification`],
      ['DELETE', `/me/email_addresses/${aliceAddress}`],
    ] as const) {
      expect((await mallory.browser.call(method, path, { strategy: 'email_code', code: '424242' })).status).toBe(404);
    }
    const primary = await mallory.browser.call('PATCH', '/me', { primary_email_address_id: aliceAddress });
    expect(primary.status).toBe(404);
    expect((await alice.browser.call('GET', '/me')).body.response.email_addresses).toHaveLength(1);
  });

  it('keeps an unverified address from signing in or becoming primary; the primary cannot be removed', async () => {
    const user = await newUser('sam');
    const extra = `sam-extra-${Date.now()}@example.com`;
    const added = (await user.browser.call('POST', '/me/email_addresses', { email_address: extra })).body.response;
    expect(added).toMatchObject({ email_address: extra, verification: null });
    expect((await user.browser.call('PATCH', '/me', { primary_email_address_id: added.id })).body.errors[0].code).toBe(
      'form_param_format_invalid',
    );
    const fresh = await new FrontendClient(clerk.url).init();
    expect((await fresh.call('POST', '/client/sign_ins', { identifier: extra })).body.errors[0].code).toBe(
      'form_identifier_not_found',
    );
    const primaryId = (await user.browser.call('GET', '/me')).body.response.primary_email_address_id;
    expect((await user.browser.call('DELETE', `/me/email_addresses/${primaryId}`)).body.errors[0].code).toBe(
      'identification_deletion_failed',
    );
    expect(
      (await user.browser.call('POST', '/me/email_addresses', { email_address: 'not-an-email' })).body.errors[0].code,
    ).toBe('form_param_format_invalid');
  });

  it('refuses names longer than Clerk allows, changing nothing', async () => {
    const user = await newUser('tess');
    const res = await user.browser.call('PATCH', '/me', { first_name: 'x'.repeat(257), last_name: 'Kept' });
    expect(res.body.errors[0]).toMatchObject({
      code: 'form_param_max_length_exceeded',
      meta: { param_name: 'first_name' },
    });
    expect((await user.browser.call('GET', '/me')).body.response).toMatchObject({ first_name: null, last_name: null });
  });
});

describe('profile images', () => {
  async function upload(user: Awaited<ReturnType<typeof newUser>>, body: Buffer | string, type = 'image/png') {
    const form = new FormData();
    form.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)], { type }), 'me.png');
    const url = new URL(`${clerk.url}/v1/me/profile_image`);
    url.searchParams.set('__clerk_db_jwt', user.browser.devBrowser);
    const res = await fetch(url, { method: 'POST', headers: { Origin: APP_ORIGIN }, body: form });
    return {
      status: res.status,
      body: (await res.json()) as { response?: { public_url: string }; errors?: Array<{ code: string }> },
    };
  }

  it('stores a real image and serves it back inert; HTML or SVG dressed as an image is refused', async () => {
    const user = await newUser('uma');
    for (const hostile of [
      '<html><script>alert(document.cookie)</script></html>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    ]) {
      const refused = await upload(user, hostile);
      expect(refused.status).toBe(422);
      expect(refused.body.errors![0].code).toBe('avatar_file_type_invalid');
    }
    const stored = await upload(user, PNG);
    expect(stored.status).toBe(200);
    const image = await fetch(stored.body.response!.public_url);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const me = (await user.browser.call('GET', '/me')).body.response;
    expect(me).toMatchObject({ has_image: true, image_url: stored.body.response!.public_url });
    expect((await fetch(`${clerk.url}/images/${user.id}/img_guess`)).status).toBe(404);
  });

  it('refuses files over 10 MB', async () => {
    const user = await newUser('vera');
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(user, big);
    expect(res.status).toBe(413);
    expect(res.body.errors![0].code).toBe('avatar_file_size_exceeded');
    expect((await user.browser.call('GET', '/me')).body.response.has_image).toBe(false);
  });
});

describe('the mailbox', () => {
  it('lists mail, escapes it, and is not readable from another origin or in a frame', async () => {
    const user = await newUser('walt');
    const browser = await new FrontendClient(clerk.url).init();
    const id = (await browser.call('POST', '/client/sign_ins', { identifier: user.email })).body.response.id;
    await browser.call('POST', `/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'email_code' });
    const [message] = await mail(user.email);
    const page = await fetch(`${clerk.url}/mailbox?to=${encodeURIComponent(user.email)}`, {
      headers: { Origin: 'https://evil.example' },
    });
    const html = await page.text();
    expect(html).toContain(message.code);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const json = await fetch(`${clerk.url}/mailbox/messages`, { headers: { Origin: 'https://evil.example' } });
    expect(json.headers.get('access-control-allow-origin')).toBeNull();
    const hostile = await fetch(`${clerk.url}/mailbox?to=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(await hostile.text()).not.toContain('<script>alert(1)</script>');
  });
});

describe('the log', () => {
  it('shows every code the local Clerk mails', async () => {
    const lines: string[] = [];
    const logged = await startTestClerk({ log: (line) => lines.push(line) });
    try {
      const email = `lou-${Date.now()}@example.com`;
      const browser = await new FrontendClient(logged.url).init();
      const signUp = await browser.call('POST', '/client/sign_ups', {
        email_address: email,
        password: 'lou-password-1',
      });
      await browser.call('POST', `/client/sign_ups/${signUp.body.response.id}/prepare_verification`, {
        strategy: 'email_code',
      });
      const [message] = (await (
        await fetch(`${logged.url}/mailbox/messages?to=${encodeURIComponent(email)}`)
      ).json()) as Array<{ code: string }>;
      expect(message.code).toMatch(/^\d{6}$/);
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^mail to ${email}: ${message.code} is your`)));
    } finally {
      await logged.stop();
    }
  });
});

describe('session settings', () => {
  it("come from the config file's session block: lifetime and inactivity timeout", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clerk-config-'));
    const configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({ session: { lifetime_seconds: 7_200, inactivity_timeout_seconds: 900 } }),
    );
    const configured = await startTestClerk({ configPath });
    try {
      const email = `sid-${Date.now()}@example.com`;
      await fetch(`${configured.url}/v1/users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${configured.env.CLERK_SECRET_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email_address: [email], password: 'sid-password-1' }),
      });
      const browser = await new FrontendClient(configured.url).init();
      await browser.signIn(email, 'sid-password-1');
      const [session] = (await browser.call('GET', '/client')).body.response.sessions;
      expect(session.expire_at - session.last_active_at).toBe(7_200_000);

      // 15 minutes without a token refresh or touch: the session has ended.
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      try {
        vi.setSystemTime(Date.now() + 901_000);
        expect((await browser.call('GET', '/client')).body.response.sessions).toEqual([]);
      } finally {
        vi.useRealTimers();
      }
    } finally {
      await configured.stop();
    }
  });

  it('end a session at its lifetime or after the inactivity timeout, and activity keeps it alive', async () => {
    const { Store } = await import('../src/state.js');
    const { parseConfig } = await import('../src/config.js');
    expect(parseConfig({}).session).toEqual({ lifetime_seconds: 604_800, inactivity_timeout_seconds: null });
    expect(() => parseConfig({ session: { lifetime_seconds: 10 } })).toThrow(/session\.lifetime_seconds/);

    const store = new Store({ lifetimeMs: 3_600_000, inactivityTimeoutMs: 600_000 });
    const user = await store.createUser({ email: 'x@example.com', password: 'x-password-1' });
    const client = store.createClient();
    const session = store.createSession(client, user, null);
    expect(session.expireAt - session.createdAt).toBe(3_600_000);
    const now = Date.now();
    expect(store.isLive(session, now + 599_000)).toBe(true);
    expect(store.isLive(session, now + 601_000)).toBe(false);
    session.lastActiveAt = now - 599_000;
    store.markActive(session);
    expect(store.isLive(session, now + 599_000)).toBe(true);
    expect(store.isLive(session, now + 3_600_001)).toBe(false);
    session.lastActiveAt = now - 700_000;
    expect(store.activeSessions(client)).toEqual([]);
    expect(() => store.activeSessionOfClient(client, session.id)).toThrow();
  });
});
