/**
 * No single request stops the engine answering others (issue 8, item 2), on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL: huge text patterns, an offset of millions of digits, and a statement that never ends, which the statement timeout cancels; the
 * engine and its data stay usable afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { startHasura, type RunningHasura } from '../src/index.js';
import { testDatabaseTargets, type TestDatabase } from './helpers/test-databases.js';

const ADMIN_SECRET = 'resilience-admin-secret';
// Long enough for a cold statement on a loaded machine; the endless one is cancelled after it.
const STATEMENT_TIMEOUT_SECONDS = 3;

/** A catalog of 2,000 books and a view whose count never finishes, both readable by `anonymous`. */
function writeProject(dir: string): void {
  const migration = join(dir, 'migrations', 'default', '1700000000000_init');
  mkdirSync(migration, { recursive: true });
  writeFileSync(
    join(migration, 'up.sql'),
    `CREATE TABLE books (id serial PRIMARY KEY, title text NOT NULL);
     INSERT INTO books (title) SELECT 'The river book ' || g FROM generate_series(1, 2000) g;
     CREATE VIEW endless AS SELECT g AS n FROM generate_series(1, 1000000000000) g;`,
  );
  mkdirSync(join(dir, 'metadata', 'databases'), { recursive: true });
  writeFileSync(join(dir, 'metadata', 'version.yaml'), 'version: 3\n');
  writeFileSync(
    join(dir, 'metadata', 'databases', 'databases.yaml'),
    `- name: default
  kind: postgres
  configuration: { connection_info: { database_url: { from_env: HASURA_GRAPHQL_DATABASE_URL } } }
  tables:
    - table: { name: books, schema: public }
      select_permissions: [{ role: anonymous, permission: { columns: [id, title], filter: {}, allow_aggregations: true } }]
    - table: { name: endless, schema: public }
      select_permissions: [{ role: anonymous, permission: { columns: [n], filter: {}, allow_aggregations: true } }]
`,
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

describe.each(testDatabaseTargets())('one request cannot stop the engine, on $name', { timeout: 480_000 }, (target) => {
  let project: string;
  let database: TestDatabase;
  let hasura: RunningHasura;
  const logs: string[] = [];

  const graphql = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${hasura.url}/v1/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: Array<{ message: string; extensions: { code: string } }>;
    };
  };
  const healthz = async () => (await fetch(`${hasura.url}/healthz`)).status;
  const smallQuery = () => graphql('{ books(limit: 1, order_by: {id: asc}) { id } }');
  const bookCount = async () =>
    (
      (await graphql('{ books_aggregate { aggregate { count } } }')).data as {
        books_aggregate: { aggregate: { count: number } };
      }
    ).books_aggregate.aggregate.count;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'hasura-resilience-'));
    writeProject(project);
    database = await target.create();
    hasura = await startHasura(
      readConfig({
        HASURA_GRAPHQL_DATABASE_URL: database.url,
        HASURA_GRAPHQL_ADMIN_SECRET: ADMIN_SECRET,
        HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous',
        HASURA_GRAPHQL_METADATA_DIR: join(project, 'metadata'),
        HASURA_GRAPHQL_MIGRATIONS_DIR: join(project, 'migrations'),
        HASURA_GRAPHQL_STATEMENT_TIMEOUT: String(STATEMENT_TIMEOUT_SECONDS),
      }),
      { port: 0, log: (line) => logs.push(line) },
    );
    expect(await smallQuery()).toEqual({ data: { books: [{ id: 1 }] } }); // warm: the role's schema is built on first use
  }, 240_000);
  afterAll(async () => {
    if (logs.length) console.log(`engine log on ${target.name}:\n${logs.join('\n')}`);
    await hasura?.close();
    await database?.drop();
    rmSync(project, { recursive: true, force: true });
  });

  it('answers huge _regex and _ilike patterns with data or an error, never null, while others get answers within 1 s', async () => {
    const pathological = [
      { op: '_regex', pattern: 'a'.repeat(16_000) },
      { op: '_ilike', pattern: `%${'a'.repeat(100_000)}%` },
      { op: '_regex', pattern: 'a'.repeat(16_000) }, // the second one used to hang PGlite for good
    ];
    for (const { op, pattern } of pathological) {
      const answer = graphql(
        `query ($q: String!) { books_aggregate(where: {title: {${op}: $q}}) { aggregate { count } } }`,
        { q: pattern },
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      const [health, small] = await Promise.all([timed(healthz), timed(smallQuery)]);
      expect(health.value).toBe(200);
      expect(health.ms).toBeLessThan(1000);
      expect(small.value).toEqual({ data: { books: [{ id: 1 }] } });
      expect(small.ms).toBeLessThan(1000);
      const body = await answer;
      if (body.errors) expect(body.errors[0].extensions.code).toMatch(/^(data-exception|unexpected)$/);
      else expect(body.data).toEqual({ books_aggregate: { aggregate: { count: 0 } } });
    }
    expect(await smallQuery()).toEqual({ data: { books: [{ id: 1 }] } });
  });

  it('reads an offset of millions of digits without stalling the engine: /healthz answers within 2 s throughout', async () => {
    const digits = '9'.repeat(8_000_000); // wraps around 64 bits, as Hasura's parser does
    const requests = [
      () => graphql('query ($o: Int) { books(offset: $o) { id } }', { o: digits }),
      () => graphql(`{ books(offset: "${digits}") { id } }`),
    ];
    for (const send of requests) {
      let done = false;
      const answer = send().finally(() => (done = true));
      // The engine runs in this process: a stall shows as a long gap between two rounds of this loop.
      let longestGap = 0;
      let last = performance.now();
      while (!done) {
        expect(await healthz()).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 20));
        longestGap = Math.max(longestGap, performance.now() - last);
        last = performance.now();
      }
      expect(longestGap).toBeLessThan(2000); // the whole-string BigInt took 3 s on a quiet machine
      // Rows (none so far on) or Postgres' answer to a negative OFFSET, whichever way the digits wrap.
      const body = await answer;
      if (body.errors) expect(body.errors[0].extensions.code).toBe('data-exception');
      else expect(body.data).toEqual({ books: [] });
    }
    expect(await smallQuery()).toEqual({ data: { books: [{ id: 1 }] } });
  });

  it('cancels a statement that cannot finish after the statement timeout; the engine and its data stay usable', async () => {
    const admin = { 'x-hasura-admin-secret': ADMIN_SECRET };
    const inserted = await graphql(
      'mutation { insert_books_one(object: {title: "written before"}) { id } }',
      {},
      admin,
    );
    expect(inserted.errors).toBeUndefined();
    const before = await bookCount();

    const endless = timed(() => graphql('{ endless_aggregate { aggregate { count } } }'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await timed(healthz);
    expect(health.value).toBe(200);
    expect(health.ms).toBeLessThan(1000);
    if (target.name === 'postgres') {
      // A server runs statements side by side; PGlite runs one at a time, so there the small query waits for the cancel.
      const small = await timed(smallQuery);
      expect(small.ms).toBeLessThan(1000);
    }

    const { value: cancelled } = await endless;
    expect(cancelled).toEqual({
      errors: [{ message: 'database query error', extensions: { path: '$', code: 'unexpected' } }],
    });
    const asAdmin = await graphql('{ endless_aggregate { aggregate { count } } }', {}, admin);
    expect(JSON.stringify(asAdmin.errors)).toContain('canceling statement due to statement timeout');

    expect(await smallQuery()).toEqual({ data: { books: [{ id: 1 }] } });
    expect(await bookCount()).toBe(before);
    const after = await graphql('mutation { insert_books_one(object: {title: "written after"}) { title } }', {}, admin);
    expect(after).toEqual({ data: { insert_books_one: { title: 'written after' } } });
    expect(await bookCount()).toBe(before + 1);
  });
});
