import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyToken } from '@clerk/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { startClerk } from '../src/index.js';
import { ALICE, FrontendClient, startTestClerk } from './helpers.js';

/** The instance key lives in the data dir, so a restart keeps issued tokens and dev browsers valid. */
describe('restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clerk-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the key pair, the env block and the dev browser across a restart', async () => {
    const first = await startTestClerk({ dataDir });
    const browser = await new FrontendClient(first.url).init();
    const sessionId = await browser.signIn(ALICE.email, ALICE.password);
    const { body } = await browser.call('POST', `/client/sessions/${sessionId}/tokens`);
    const env = first.env;
    await first.stop();
    expect(statSync(join(dataDir, 'instance-key.pem')).mode & 0o777).toBe(0o600);

    const second = await startTestClerk({ dataDir });
    try {
      expect(second.env.CLERK_JWT_KEY).toBe(env.CLERK_JWT_KEY);
      const claims = await verifyToken(body.jwt, {
        secretKey: second.env.CLERK_SECRET_KEY,
        apiUrl: second.url,
        skipJwksCache: true,
      });
      expect(claims.sid).toBe(sessionId);
      // Runtime state is in memory: the old dev browser is still accepted, with a fresh signed-out client.
      const again = new FrontendClient(second.url);
      again.devBrowser = browser.devBrowser;
      const client = await again.call('GET', '/client');
      expect(client.status).toBe(200);
      expect(client.body.response.sessions).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start with a bad config or secret key, with a clear message', async () => {
    await expect(
      startClerk({ port: 0, dataDir, configPath: join(dataDir, 'missing.json'), log: () => {} }),
    ).rejects.toThrow(/Cannot read Clerk emulator config/);
    await expect(startClerk({ port: 0, dataDir, secretKey: 'sk_live_x', log: () => {} })).rejects.toThrow(/sk_test_/);
  });
});
