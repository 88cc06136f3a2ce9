/**
 * The databases engine tests run on: embedded PGlite in memory always, and a real PostgreSQL server when
 * TEST_DATABASE_URL is set. Each `create()` makes a fresh, uniquely named database (dropped by `drop()`), so
 * test files and parallel runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Value for HASURA_GRAPHQL_DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseTarget {
  name: 'pglite' | 'postgres';
  create(): Promise<TestDatabase>;
}

export function testDatabaseTargets(): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [
    { name: 'pglite', create: async () => ({ url: 'pglite://memory', drop: async () => {} }) },
  ];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) targets.push({ name: 'postgres', create: () => createPostgresDatabase(serverUrl) });
  return targets;
}

async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `hasura_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
