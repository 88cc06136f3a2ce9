/**
 * Opens the engine's database from HASURA_GRAPHQL_DATABASE_URL:
 * - `postgres://…` / `postgresql://…`: a real PostgreSQL server through `pg`;
 * - `pglite://memory`: embedded PGlite, in memory;
 * - unset: embedded PGlite persisted in `defaultDataDir` (git-ignored `.data/`).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Mutex, PGlite, protocol } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import type { Database, Queryable } from './types.js';

/** Prepared statements kept on the embedded database (least recently used closed first). */
const PGLITE_PREPARED_STATEMENTS = 200;
/** Like Hasura's HASURA_GRAPHQL_PG_CONN_LIFETIME: recycling connections also drops their prepared statements. */
const CONNECTION_LIFETIME_SECONDS = 600;

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
  // Extensions a migration may CREATE: PGlite can only create those loaded here (a server has them installed).
  const extensions = { pg_trgm };
  const lite = new PGlite({ dataDir, extensions });
  await lite.waitReady;
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      const result = await q.query<R>(sql, params);
      return { rows: result.rows };
    },
  });
  // Prepared reads talk to PGlite below its transaction lock, so they and transactions take turns here.
  const turns = new Mutex();
  const preparedRow = pglitePreparedRow(lite);
  return {
    kind: 'pglite',
    description: dataDir ? `embedded PGlite at ${dataDir}` : 'embedded PGlite (in memory)',
    ...asQueryable(lite),
    async exec(sql) {
      await lite.exec(sql);
    },
    preparedRow: (sql, params) => turns.runExclusive(() => lite.runExclusive(() => preparedRow(sql, params))),
    transaction: (fn) => turns.runExclusive(() => lite.transaction((tx) => fn(asQueryable(tx)))),
    close: () => lite.close(),
  };
}

/**
 * PGlite's `query` sends parse, describe, bind, describe, execute and sync as six calls into the database and plans
 * every time. Here a statement is parsed once under a name, then each run is one call: bind + execute + sync.
 */
function pglitePreparedRow(lite: PGlite): Database['preparedRow'] {
  const { serialize } = protocol;
  const names = new Map<string, string>(); // SQL text → statement name, least recently used first
  let counter = 0;
  const send = async (...messages: Uint8Array[]) => {
    const buffer = new Uint8Array(messages.reduce((size, message) => size + message.length, 0));
    let offset = 0;
    for (const message of messages) {
      buffer.set(message, offset);
      offset += message.length;
    }
    return (await lite.execProtocol(buffer)).messages;
  };
  return async (sql, params) => {
    let name = names.get(sql);
    if (name) {
      names.delete(sql);
    } else {
      name = `hasura_${counter++}`;
      const evicted = names.size >= PGLITE_PREPARED_STATEMENTS ? names.entries().next().value : undefined;
      try {
        const close = evicted ? [serialize.close({ type: 'S', name: evicted[1] })] : [];
        await send(...close, serialize.parse({ name, text: sql, types: [] }), serialize.sync());
      } finally {
        if (evicted) names.delete(evicted[0]);
      }
    }
    names.set(sql, name);
    const messages = await send(serialize.bind({ statement: name, values: params }), serialize.execute({}), serialize.sync());
    return (messages.find((message) => message.name === 'dataRow') as { fields: Array<string | null> } | undefined)?.fields;
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, maxLifetimeSeconds: CONNECTION_LIFETIME_SECONDS });
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
