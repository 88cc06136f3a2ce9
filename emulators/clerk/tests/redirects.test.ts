import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { DEFAULT_CONFIG_PATH } from '../src/server.js';
import { checkRedirect } from '../src/redirects.js';
import { ALICE, FrontendClient, startTestClerk, type TestClerk } from './helpers.js';

/** The app origin of these tests: the same host as the local Clerk (127.0.0.1), as in the real local stack. */
const APP = 'http://127.0.0.1:3999';
const ALLOWED = new Set([APP]);

/** Values an attacker would put in `redirect_url` to get the browser (and the handshake's cookies) elsewhere. */
const HOSTILE = [
  'https://evil.example/x',
  'http://127.0.0.1:9999/',
  'http://127.0.0.1:39990/',
  'https://127.0.0.1:3999/',
  'http://localhost:3999/',
  'http://[::1]:3999/',
  'http://127.0.0.1:3999.evil.example/',
  '//evil.example/x',
  '///evil.example/x',
  '/\\evil.example/x',
  '\\\\evil.example\\x',
  '/\t/evil.example',
  '/\n/evil.example',
  ' http://127.0.0.1:3999/',
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://127.0.0.1:3999@evil.example/',
  'http://127.0.0.1:3999:pw@evil.example/',
  'http://user:pw@127.0.0.1:3999/',
  'http:\\\\evil.example',
  'http:/evil.example',
  'http:evil.example',
  'http:127.0.0.1:3999/',
  'evil.example',
  '%2F%2Fevil.example',
  'http%3A%2F%2Fevil.example',
  '',
];

/** The same attacks as raw (percent-encoded) query strings, as a link would carry them. */
const HOSTILE_QUERIES = [
  'redirect_url=%2F%2Fevil.example',
  'redirect_url=%252F%252Fevil.example',
  'redirect_url=http%3A%2F%2F127.0.0.1%3A3999%40evil.example%2F',
  'redirect_url=%5C%5Cevil.example',
  'redirect_url=%2F%5Cevil.example',
  'redirect_url=https:%2F%2Fevil.example',
  'redirect_url=%09%2F%2Fevil.example',
  'redirect_url=http%3A%2F%2F127.0.0.1%3A3999%2F&redirect_url=https%3A%2F%2Fevil.example%2F',
];

describe('checkRedirect', () => {
  it.each(HOSTILE)('refuses %j', (value) => {
    expect(checkRedirect(value, ALLOWED).ok).toBe(false);
  });

  it.each([
    ['http://127.0.0.1:3999/books?page=2#top', 'absolute'],
    ['http://127.0.0.1:3999', 'absolute'],
    ['HTTP://127.0.0.1:3999/', 'absolute'],
    ['http://127.0.0.1:3999/%2F%2Fevil.example', 'absolute'],
    ['/books?q=a', 'relative'],
    ['/', 'relative'],
  ])('accepts %j (%s)', (value, kind) => {
    const check = checkRedirect(value, ALLOWED);
    expect(check.ok && check.target.kind).toBe(kind);
  });

  it('keeps a relative path relative and ASCII-only', () => {
    const check = checkRedirect('/bücher?q=ü', ALLOWED);
    expect(check.ok && check.target).toEqual({ kind: 'relative', location: '/b%C3%BCcher?q=%C3%BC' });
  });
});

describe('allowed_redirect_origins in the config', () => {
  const base = { users: [], jwt_templates: {} };

  it('takes origins (normalized) and refuses anything else, listing each problem', () => {
    expect(
      parseConfig({ ...base, allowed_redirect_origins: ['https://staging.example.com/', 'http://127.0.0.1:5173'] })
        .allowed_redirect_origins,
    ).toEqual(['https://staging.example.com', 'http://127.0.0.1:5173']);
    for (const bad of [
      'javascript:alert(1)',
      'https://example.com/path',
      'https://user@example.com',
      'not a url',
      '*',
    ]) {
      expect(() => parseConfig({ ...base, allowed_redirect_origins: [bad] })).toThrow(/allowed_redirect_origins\.0/);
    }
  });
});

describe('redirect_url on the local Clerk', () => {
  let clerk: TestClerk;
  const extraOrigin = 'https://preview.example.com';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clerk-redirects-'));
    const configPath = join(dir, 'config.json');
    const config = JSON.parse((await import('node:fs')).readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
    writeFileSync(configPath, JSON.stringify({ ...config, allowed_redirect_origins: [extraOrigin] }));
    clerk = await startTestClerk({ appOrigins: [APP], configPath });
  });
  afterAll(() => clerk?.stop());

  /** A signed-in dev browser: what the attacker wants the handshake to hand over. */
  async function signedIn() {
    const browser = await new FrontendClient(clerk.url, APP).init();
    await browser.signIn(ALICE.email, ALICE.password);
    return browser;
  }

  const handshake = (browser: FrontendClient, query: string) =>
    fetch(`${clerk.url}/v1/client/handshake?${query}`, {
      redirect: 'manual',
      headers: { Cookie: `__clerk_db_jwt=${browser.devBrowser}` },
    });

  async function expectRefused(res: Response, code: string) {
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await res.text();
    expect(JSON.parse(body).errors[0].code).toBe(code);
    expect(body).not.toMatch(/__clerk_handshake|eyJ/);
  }

  it('refuses a handshake to every hostile redirect_url with 400 invalid_handshake, no redirect, no token', async () => {
    const browser = await signedIn();
    for (const value of HOSTILE)
      await expectRefused(await handshake(browser, `redirect_url=${encodeURIComponent(value)}`), 'invalid_handshake');
    for (const query of HOSTILE_QUERIES) await expectRefused(await handshake(browser, query), 'invalid_handshake');
    await expectRefused(await handshake(browser, ''), 'invalid_handshake');
  });

  it('still hands the session back to the app origin, to the configured extra origin and to a relative path', async () => {
    const browser = await signedIn();
    const back = await handshake(browser, `redirect_url=${encodeURIComponent(`${APP}/shelf?x=1`)}`);
    expect(back.status).toBe(307);
    const location = new URL(back.headers.get('location')!);
    expect(location.origin + location.pathname + '?x=' + location.searchParams.get('x')).toBe(`${APP}/shelf?x=1`);
    expect(location.searchParams.get('__clerk_handshake')).toMatch(/^eyJ/);

    const extra = await handshake(browser, `redirect_url=${encodeURIComponent(`${extraOrigin}/`)}`);
    expect(new URL(extra.headers.get('location')!).origin).toBe(extraOrigin);

    const relative = await handshake(browser, `redirect_url=${encodeURIComponent('/shelf#top')}`);
    expect(relative.status).toBe(307);
    expect(relative.headers.get('location')).toMatch(/^\/shelf\?__clerk_handshake=eyJ[^#]+#top$/);
  });

  it("takes more origins from the Backend API's PATCH /v1/instance allowed_origins (secret key only), replacing the last list", async () => {
    const browser = await signedIn();
    const other = 'http://127.0.0.1:5555';
    const to = (origin: string) => handshake(browser, `redirect_url=${encodeURIComponent(`${origin}/`)}`);
    const patch = (body: unknown, secret = clerk.env.CLERK_SECRET_KEY) =>
      fetch(`${clerk.url}/v1/instance`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await to(other)).status).toBe(400);
    expect((await patch({ allowed_origins: [other] }, 'sk_test_wrong')).status).toBe(401);
    expect((await patch({ allowed_origins: ['javascript:alert(1)'] })).status).toBe(422);
    expect((await to(other)).status).toBe(400);
    expect((await patch({ allowed_origins: [`${other}/`] })).status).toBe(204);
    expect((await to(other)).status).toBe(307);
    expect((await to(APP)).status).toBe(307);
    expect((await patch({ allowed_origins: [] })).status).toBe(204);
    expect((await to(other)).status).toBe(400);
    expect((await to(extraOrigin)).status).toBe(307);
  });

  it('refuses a hostile redirect_url on any other Frontend API call with 400 form_param_value_invalid, changing nothing', async () => {
    const browser = await new FrontendClient(clerk.url, APP).init();
    for (const param of ['redirect_url', 'action_complete_redirect_url']) {
      const { status, body } = await browser.call('POST', '/client/sign_ins', {
        identifier: ALICE.email,
        strategy: 'password',
        password: ALICE.password,
        [param]: 'https://evil.example/',
      });
      expect(status).toBe(400);
      expect(body.errors[0]).toMatchObject({ code: 'form_param_value_invalid', meta: { param_name: param } });
    }
    const query = await browser.call('DELETE', '/client/sessions?redirect_url=%2F%2Fevil.example');
    expect(query.status).toBe(400);
    const { body } = await browser.call('GET', '/client');
    expect(body.response.sessions).toEqual([]);
    expect(body.response.sign_in).toBeNull();
    // The same call with the app's own origin goes through.
    const ok = await browser.call('POST', '/client/sign_ins', {
      identifier: ALICE.email,
      strategy: 'password',
      password: ALICE.password,
      redirect_url: `${APP}/`,
    });
    expect(ok.status).toBe(200);
  });
});
