/**
 * Opens the engine's database (see `DatabaseLocation` in config.ts): a PostgreSQL server through `pg`, or the
 * embedded PGlite in a worker thread (`pglite.ts`). Both cancel a statement that runs longer than the statement
 * timeout with Postgres' error 57014 "canceling statement due to statement timeout".
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_STATEMENT_TIMEOUT_MS, parseDatabaseUrl, type DatabaseLocation } from './config.js';
import { openPglite } from './pglite.js';
import type { Database, Queryable } from './types.js';

/** Like Hasura's HASURA_GRAPHQL_PG_CONN_LIFETIME: recycling connections also drops their prepared statements. */
const CONNECTION_LIFETIME_SECONDS = 600;

export interface OpenOptions {
  /** A statement running longer is cancelled (0 = never); scripts run by `exec` (migrations, seeds) are exempt. */
  statementTimeoutMs?: number;
  log?: (message: string) => void;
}

/** `location` as parsed by readConfig, or a HASURA_GRAPHQL_DATABASE_URL value. */
export async function openDatabase(location: DatabaseLocation | string, options: OpenOptions = {}): Promise<Database> {
  const where = typeof location === 'string' ? parseDatabaseUrl(location) : location;
  if (!where) throw new Error(`not a database URL the engine can open: ${location}`);
  const settings = { statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS, log: options.log };
  return where.kind === 'postgres' ? openPostgres(where.url, settings) : openPglite(where.dir, settings);
}

async function openPostgres(
  url: string,
  { statementTimeoutMs, log }: { statementTimeoutMs: number; log?: (message: string) => void },
): Promise<Database> {
  // Sent in each connection's start-up packet, so it is the session default that RESET returns to.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    maxLifetimeSeconds: CONNECTION_LIFETIME_SECONDS,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // An idle connection the server ends (restart, failover, an admin) is dropped by the pool; unheard, its error
  // would be an uncaught exception that stops the engine.
  pool.on('error', (error) => log?.(`PostgreSQL closed an idle connection: ${error.message}`));
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
      // Scripts (migrations, seeds) may take long: no statement timeout, as with psql.
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('SET statement_timeout = 0');
        await client.query(sql);
        await client.query('RESET statement_timeout');
      } catch (error) {
        broken = error as Error; // the session may be mid-transaction or keep the setting: do not reuse it
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async preparedRow(sql, params) {
      // pg prepares a named statement once per connection; the name stands for the text.
      const name = `hasura_${createHash('sha1').update(sql).digest('hex')}`;
      return (await pool.query<Array<string | null>>({ name, text: sql, values: params, rowMode: 'array' })).rows[0];
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
