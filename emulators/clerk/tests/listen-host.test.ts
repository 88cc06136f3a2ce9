import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startClerk } from '../src/index.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The server binds 127.0.0.1 unless told otherwise (it signs anyone in); a container sets CLERK_EMULATOR_HOST=0.0.0.0.
 * 127.0.0.2 stands for "another interface": it is loopback too, but only a wildcard bind answers there.
 */
describe('listen host', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clerk-host-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const jwks = (host: string, port: number) =>
    fetch(`http://${host}:${port}/.well-known/jwks.json`, { signal: AbortSignal.timeout(5000) });

  it('answers on 127.0.0.1 only by default', async () => {
    const clerk = await startClerk({ port: 0, dataDir, log: () => {} });
    try {
      expect((await jwks('127.0.0.1', clerk.port)).status).toBe(200);
      await expect(jwks('127.0.0.2', clerk.port)).rejects.toThrow();
    } finally {
      await clerk.close();
    }
  });

  it('answers on every interface with host 0.0.0.0, and the env block still names 127.0.0.1', async () => {
    const clerk = await startClerk({ port: 0, host: '0.0.0.0', dataDir, log: () => {} });
    try {
      expect((await jwks('127.0.0.2', clerk.port)).status).toBe(200);
      expect(clerk.env.CLERK_PROXY_URL).toBe(`http://127.0.0.1:${clerk.port}`);
    } finally {
      await clerk.close();
    }
  });

  it('main.ts takes the host from CLERK_EMULATOR_HOST', async () => {
    const child = spawn(join(repo, 'node_modules/.bin/tsx'), [join(repo, 'emulators/clerk/src/main.ts')], {
      cwd: repo,
      env: {
        ...process.env,
        CLERK_EMULATOR_PORT: '0',
        CLERK_EMULATOR_HOST: '0.0.0.0',
        CLERK_EMULATOR_DATA_DIR: dataDir,
      },
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /CLERK_API_URL=http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
          if (match) resolve(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${output}`)));
      });
      expect((await jwks('127.0.0.2', port)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
