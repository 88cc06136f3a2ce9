/**
 * Test harness: the authors-articles fixture on a fresh database (PGlite in memory, and PostgreSQL when
 * TEST_DATABASE_URL is set: a uniquely named database created here and dropped after), plus a statement counter.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { readCatalog } from '../../src/catalog.js';
import { openDatabase } from '../../src/db.js';
import { createEngine } from '../../src/engine/index.js';
import { loadMetadata } from '../../src/metadata.js';
import { applyMigrations } from '../../src/migrations.js';
import type { Database, Engine, GraphQLResponse, Queryable, Session } from '../../src/types.js';

export const FIXTURE = fileURLToPath(new URL('../fixtures/authors-articles', import.meta.url));

export const sessions = {
  admin: { role: 'admin', variables: {} },
  alice: { role: 'user', variables: { 'x-hasura-role': 'user', 'x-hasura-user-id': 'alice' } },
  bob: { role: 'user', variables: { 'x-hasura-role': 'user', 'x-hasura-user-id': 'bob' } },
  anonymous: { role: 'anonymous', variables: {} },
} satisfies Record<string, Session>;

/** A GraphQL answer's `data` as the assertions walk it: each test's query text decides its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape is the query text's; the assertions check it
export type Data = Record<string, any>;

export interface Harness {
  engine: Engine;
  db: Database;
  /** SQL statements sent through the engine's database since the last reset. */
  statements: string[];
  run(
    query: string,
    session?: Session,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): Promise<GraphQLResponse>;
  /** `run`, failing the test on errors, returning `data`. */
  data<T = Data>(query: string, session?: Session, variables?: Record<string, unknown>): Promise<T>;
  /** Builds another engine on the same database (e.g. with stringifyNumericTypes). */
  engineWith(options: { stringifyNumericTypes?: boolean }): Promise<Engine>;
}

export const databaseKinds = (): Array<'pglite' | 'postgres'> =>
  process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Runs `body` once per available database, each in its own describe block with a fresh fixture database. */
export function describeOnEachDatabase(title: string, body: (h: Harness) => void) {
  for (const kind of databaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      const h = {} as Harness;
      let cleanup = async () => {};
      beforeAll(async () => {
        const opened = await openFixtureDatabase(kind);
        cleanup = opened.cleanup;
        Object.assign(h, await buildHarness(opened.db));
      }, 60_000);
      afterAll(async () => cleanup(), 30_000);
      body(h);
    });
  }
}

async function openFixtureDatabase(kind: 'pglite' | 'postgres') {
  if (kind === 'pglite') {
    const db = await openDatabase('pglite://memory');
    return { db, cleanup: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `engine_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString());
  return {
    db,
    cleanup: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

async function buildHarness(raw: Database): Promise<Harness> {
  await applyMigrations(raw, `${FIXTURE}/migrations`);
  const statements: string[] = [];
  const counted = (q: Queryable): Queryable => ({
    query(sql, params) {
      statements.push(sql);
      return q.query(sql, params);
    },
  });
  const db: Database = {
    kind: raw.kind,
    description: raw.description,
    ...counted(raw),
    exec: (sql) => raw.exec(sql),
    preparedRow(sql, params) {
      statements.push(sql);
      return raw.preparedRow(sql, params);
    },
    transaction: (fn) => raw.transaction((tx) => fn(counted(tx))),
    close: () => raw.close(),
  };
  const metadata = await loadMetadata(`${FIXTURE}/metadata`);
  const catalog = await readCatalog(raw);
  const engine = createEngine({ db, catalog, metadata });
  const run: Harness['run'] = (query, session = sessions.admin, variables, operationName) =>
    engine.execute({ query, variables, operationName }, session);
  return {
    engine,
    db,
    statements,
    run,
    async data<T>(query: string, session: Session = sessions.admin, variables?: Record<string, unknown>) {
      const response = await run(query, session, variables);
      if (response.errors) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
      return response.data as T;
    },
    engineWith: async (options) => createEngine({ db, catalog, metadata, ...options }),
  };
}
