/**
 * Opens the engine's database from HASURA_GRAPHQL_DATABASE_URL:
 * - `postgres://…` / `postgresql://…`: a real PostgreSQL server through `pg`;
 * - `pglite://memory`: embedded PGlite, in memory;
 * - unset: embedded PGlite persisted in `defaultDataDir` (git-ignored `.data/`).
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database, Queryable } from './types.js';

export async function openDatabase(url: string | undefined, defaultDataDir: string): Promise<Database> {
  if (!url) return openPglite(defaultDataDir);
  if (url === 'pglite://memory') return openPglite(undefined);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new Error(
    `HASURA_GRAPHQL_DATABASE_URL must be postgres://…, pglite://memory or unset (embedded, persisted); got "${url}"`,
  );
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = dataDir ? new PGlite(dataDir) : new PGlite();
  await lite.waitReady;
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      const result = await q.query<R>(sql, params);
      return { rows: result.rows };
    },
  });
  return {
    kind: 'pglite',
    description: dataDir ? `embedded PGlite at ${dataDir}` : 'embedded PGlite (in memory)',
    ...asQueryable(lite),
    async exec(sql) {
      await lite.exec(sql);
    },
    transaction: (fn) => lite.transaction((tx) => fn(asQueryable(tx))),
    close: () => lite.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail fast with a clear message instead of on the first request.
  const probe = await pool.connect().catch((error: Error) => {
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${error.message}`);
  });
  probe.release();
  return {
    kind: 'postgres',
    description: `PostgreSQL at ${redact(url)}`,
    async query<R>(sql: string, params: unknown[] = []) {
      const result = await pool.query(sql, params);
      return { rows: result.rows as R[] };
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<R>(sql: string, params: unknown[] = []) {
            const result = await client.query(sql, params);
            return { rows: result.rows as R[] };
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
