/**
 * `npm run emulator:hasura` as a process: start-up log, the no-admin-secret warning, clean exit on SIGTERM, and a
 * clear refusal of a bad configuration.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(new URL('.', import.meta.url).pathname, '..', '..', '..');
const fixture = join(root, 'emulators', 'hasura', 'tests', 'fixtures', 'authors-articles');

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulators/hasura/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: process.env.NODE_ENV ?? 'test',
      HASURA_GRAPHQL_DATABASE_URL: 'pglite://memory',
      HASURA_GRAPHQL_SERVER_PORT: '0',
      HASURA_GRAPHQL_METADATA_DIR: join(fixture, 'metadata'),
      HASURA_GRAPHQL_MIGRATIONS_DIR: join(fixture, 'migrations'),
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 600 && !pattern.test(output); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const match = pattern.exec(output);
    if (!match) throw new Error(`no ${pattern} in:\n${output}`);
    return match;
  };
  return { child, exited, waitFor, output: () => output };
}

// A cold `tsx` start plus PGlite can take a while on a loaded machine.
describe('main (npm run emulator:hasura)', { timeout: 90_000 }, () => {
  it('logs how it runs, warns loudly without an admin secret, serves, and exits cleanly on SIGTERM', async () => {
    const main = startMain({});
    try {
      const [, url] = await main.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\/v1\/graphql/);
      await main.waitFor(/EVERY REQUEST RUNS AS ADMIN/);
      expect(main.output()).toContain(
        'database: embedded PGlite (in memory: a temporary directory, deleted on exit) (source "default")',
      );
      expect(main.output()).toContain('migrations: applied 1700000000000_init');
      const response = await fetch(`${url}/v1/graphql`, {
        method: 'POST',
        body: '{"query":"{ authors_aggregate { aggregate { count } } }"}',
      });
      expect(await response.json()).toEqual({ data: { authors_aggregate: { aggregate: { count: 3 } } } });
    } finally {
      main.child.kill('SIGTERM');
    }
    expect(await main.exited).toBe(0);
    expect(main.output()).toContain('SIGTERM: shutting down');
  });

  it('describes the auth mode and does not warn when an admin secret is set', async () => {
    const main = startMain({
      HASURA_GRAPHQL_ADMIN_SECRET: 'secret',
      HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: 'a-key-that-is-long-enough-for-hs256-use' }),
      HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous',
    });
    try {
      await main.waitFor(/requests without credentials run as role "anonymous"/);
      expect(main.output()).toContain('auth: JWT with a HS256 key');
      expect(main.output()).not.toContain('EVERY REQUEST RUNS AS ADMIN');
    } finally {
      main.child.kill('SIGTERM');
    }
    expect(await main.exited).toBe(0);
  });

  it('refuses a bad configuration with every problem listed and exit code 1', async () => {
    const main = startMain({ HASURA_GRAPHQL_SERVER_PORT: 'http', HASURA_GRAPHQL_JWT_SECRET: '{"type":"HS256"}' });
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('invalid Hasura configuration');
    expect(main.output()).toContain('HASURA_GRAPHQL_SERVER_PORT: must be a port number');
  });
});
