/**
 * The PGlite data directory, with real engine processes (`npm run emulator:hasura`): chosen by URL, locked against
 * a second engine (a lock left by a killed engine does not block the next one), and a damaged directory is
 * named with the way to reset it.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(new URL('.', import.meta.url).pathname, '..', '..', '..');
const fixture = join(root, 'emulators', 'hasura', 'tests', 'fixtures', 'authors-articles');
const ADMIN_SECRET = 'data-dir-admin-secret';

function startMain(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulators/hasura/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HASURA_GRAPHQL_DATABASE_URL: databaseUrl,
      HASURA_GRAPHQL_SERVER_PORT: '0',
      HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET,
      HASURA_GRAPHQL_METADATA_DIR: join(fixture, 'metadata'),
      HASURA_GRAPHQL_MIGRATIONS_DIR: join(fixture, 'migrations'),
      NODE_ENV: 'test',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = async () => {
    // The start-up log: "listening on …", then "database: …", then "migrations: …".
    for (let i = 0; i < 1800 && !/migrations: /.test(output) && child.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100));
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\/v1\/graphql/.exec(output);
    if (!match) throw new Error(`the engine did not start:\n${output}`);
    return match[1];
  };
  return { child, exited, listening, output: () => output };
}

async function graphql(url: string, query: string) {
  const response = await fetch(`${url}/v1/graphql`, {
    method: 'POST',
    headers: { 'x-hasura-admin-secret': ADMIN_SECRET },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

describe('the PGlite data directory', { timeout: 600_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'hasura-data-dir-'));
  const dir = join(scratch, 'pglite');
  const running: Array<ReturnType<typeof startMain>> = [];
  afterAll(() => {
    for (const engine of running) engine.child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('is chosen by pglite:///absolute/dir, held by one engine at a time, and freed when its engine is killed', async () => {
    const first = startMain(`pglite://${dir}`);
    running.push(first);
    const firstUrl = await first.listening();
    expect(first.output()).toContain(`database: embedded PGlite at ${dir} (source "default")`);
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    expect(
      await graphql(firstUrl, 'mutation { insert_authors_one(object: {name: "Kept", user_id: "kept"}) { name } }'),
    ).toEqual({
      data: { insert_authors_one: { name: 'Kept' } },
    });

    const second = startMain(`pglite://${dir}`);
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `the PGlite data directory ${dir} is in use by another engine (process ${first.child.pid}`,
    );

    first.child.kill('SIGKILL'); // leaves its lock file behind
    await first.exited;
    expect(existsSync(`${dir}.lock`)).toBe(true);
    const third = startMain(`pglite://${dir}`);
    running.push(third);
    const thirdUrl = await third.listening();
    expect(await graphql(thirdUrl, '{ authors(where: {name: {_eq: "Kept"}}) { name } }')).toEqual({
      data: { authors: [{ name: 'Kept' }] },
    });
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it.each([
    ['a zeroed pg_control', (copy: string) => writeFileSync(join(copy, 'global', 'pg_control'), Buffer.alloc(8192))],
    [
      'missing WAL files',
      (copy: string) => {
        for (const name of readdirSync(join(copy, 'pg_wal')))
          if (/^[0-9A-F]{24}$/.test(name)) rmSync(join(copy, 'pg_wal', name));
      },
    ],
  ])('with %s: the engine names the directory and how to reset it, and exits non-zero', async (_, damage) => {
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true); // written by the test above
    const copy = mkdtempSync(join(scratch, 'damaged-'));
    cpSync(dir, copy, { recursive: true });
    damage(copy);
    const engine = startMain(`pglite://${copy}`);
    running.push(engine);
    expect(await engine.exited).toBe(1);
    expect(engine.output()).toContain(`cannot open the PGlite data directory ${copy}`);
    expect(engine.output()).toContain(`stop the engine and delete ${copy}`);
  });
});
