import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE, FrontendClient } from './helpers.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** `npm run emulator:clerk` prints an env block that a .env parser (Node's, as dotenv) reads back exactly. */
describe('main.ts', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'clerk-main-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('prints the env block ready for .env and serves on it', async () => {
    const child = spawn(join(repo, 'node_modules/.bin/tsx'), [join(repo, 'emulators/clerk/src/main.ts')], {
      cwd,
      env: {
        ...process.env,
        CLERK_EMULATOR_PORT: '0',
        CLERK_EMULATOR_CONFIG: join(repo, 'emulators/clerk/config.local.json'),
        CLERK_EMULATOR_DATA_DIR: join(cwd, 'keys'),
        CLERK_EMULATOR_SESSION_TOKEN_LIFETIME: '30',
        CLERK_SECRET_KEY: 'sk_test_main',
      },
    });
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          output += chunk;
          if (output.includes('HASURA_GRAPHQL_JWT_SECRET=')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${output}`)));
      });
      const env = parseEnv(output) as Record<string, string>;
      expect(env.CLERK_SECRET_KEY).toBe('sk_test_main');
      expect(env.CLERK_PUBLISHABLE_KEY).toBe(
        `pk_test_${Buffer.from('local-emulator.clerk.accounts.dev$').toString('base64')}`,
      );
      expect(env.CLERK_PROXY_URL).toBe(env.CLERK_API_URL);
      expect(env.CLERK_JWT_KEY).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
      expect(env.CLERK_TELEMETRY_DISABLED).toBe('1');
      expect(JSON.parse(env.HASURA_GRAPHQL_JWT_SECRET)).toEqual({
        jwk_url: `${env.CLERK_API_URL}/.well-known/jwks.json`,
      });
      expect((await fetch(env.CLERK_JS)).status).toBe(200);
      const users = await fetch(`${env.CLERK_API_URL}/v1/users`, {
        headers: { Authorization: `Bearer ${env.CLERK_SECRET_KEY}` },
      });
      expect(((await users.json()) as unknown[]).length).toBe(2);
      expect(existsSync(join(cwd, 'keys/instance-key.pem'))).toBe(true);
      const browser = await new FrontendClient(env.CLERK_PROXY_URL).init();
      const sessionId = await browser.signIn(ALICE.email, ALICE.password);
      const { body } = await browser.call('POST', `/client/sessions/${sessionId}/tokens`);
      const claims = decodeJwt(body.jwt);
      expect(claims.exp! - claims.iat!).toBe(30);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('exits with a clear message on a bad port', async () => {
    const child = spawn(join(repo, 'node_modules/.bin/tsx'), [join(repo, 'emulators/clerk/src/main.ts')], {
      cwd,
      env: { ...process.env, CLERK_EMULATOR_PORT: 'abc' },
    });
    let errorOutput = '';
    child.stderr.on('data', (chunk) => (errorOutput += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(errorOutput).toContain('CLERK_EMULATOR_PORT must be an integer in 0..65535');
  });
});
