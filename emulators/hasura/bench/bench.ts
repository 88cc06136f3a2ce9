/**
 * `npm run bench:hasura [-- --db postgres://… --seconds 3 --concurrency 1,8,32]`
 *
 * One process, loopback. Starts the engine over the authors-articles fixture project (embedded PGlite in memory
 * by default, or PostgreSQL from --db / TEST_DATABASE_URL), seeds a few thousand rows, records the SQL the
 * engine runs for three typical queries, then drives, at each concurrency, both the engine and a "floor": a
 * bare node:http handler running the very same SQL through the same Database (prepared, where the engine's plain
 * query fast path prepares it). Prints requests/s and p50/p99 of
 * both, and the ratio (goal, issue 9: the engine reaches at least 0.8 of the floor's throughput). Not a test.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import pg from 'pg';
import { readConfig } from '../src/config.js';
import { startHasura } from '../src/index.js';
import type { Database } from '../src/types.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    seconds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1,8,32' },
  },
});
const seconds = Number(args.seconds);
const concurrencies = args.concurrency!.split(',').map(Number);
/** A PostgreSQL server to bench on (a scratch database is created on it and dropped), or none for PGlite. */
const serverUrl = args.db ?? process.env.TEST_DATABASE_URL;

const fixture = join(new URL('.', import.meta.url).pathname, '..', 'tests', 'fixtures', 'authors-articles');
const JWT_KEY = 'bench-hs256-key-with-at-least-32-characters!';

const QUERIES = {
  list: {
    query: `query List { articles(limit: 20, where: {published: {_eq: true}}, order_by: {views: desc}) {
      id title views published_at author { name } } }`,
  },
  by_pk: {
    query: 'query ByPk($id: uuid!) { articles_by_pk(id: $id) { id title body tags author { name bio } } }',
    variables: { id: '00000000-0000-4000-8000-000000000002' },
  },
  aggregate: {
    query: 'query Agg { articles_aggregate(where: {author_id: {_eq: 1}}) { aggregate { count max { views } } } }',
  },
} as const;
type QueryName = keyof typeof QUERIES;

async function seed(db: Database): Promise<void> {
  // 200 more authors and 10,000 more articles, a third of them published, spread over every author.
  await db.exec(`
    INSERT INTO public.authors (name, user_id, bio, rating)
      SELECT 'Author ' || i, 'user' || i, 'Bio ' || i, (i % 50) / 10.0 FROM generate_series(4, 203) AS i;
    INSERT INTO public.articles (author_id, title, body, published, views, word_count, tags, published_at, user_id)
      SELECT 1 + (i % 203), 'Article ' || i, repeat('text ', 20), i % 3 = 0, (i * 7919) % 5000, i % 4000,
             '["bench"]', now() - (i || ' minutes')::interval, CASE WHEN i % 203 = 0 THEN 'alice' ELSE 'user' || (1 + i % 203) END
      FROM generate_series(1, 10000) AS i;
    ANALYZE;
  `);
}

/** A statement the engine ran: `prepared` through `db.preparedRow` (plain queries), else through `db.query`. */
interface Statement {
  sql: string;
  params: unknown[];
  prepared: boolean;
}

/** Runs `fn` with the SQL statements the engine sends through `db` recorded. */
async function recordSql(db: Database, fn: () => Promise<void>): Promise<Statement[]> {
  const recorded: Statement[] = [];
  const { query, preparedRow } = db;
  const recording = db as { query: Database['query']; preparedRow: Database['preparedRow'] };
  recording.query = ((sql: string, params: unknown[] = []) => {
    recorded.push({ sql, params, prepared: false });
    return query.call(db, sql, params);
  }) as Database['query'];
  recording.preparedRow = (sql, params) => {
    recorded.push({ sql, params, prepared: true });
    return preparedRow.call(db, sql, params);
  };
  try {
    await fn();
  } finally {
    Object.assign(recording, { query, preparedRow });
  }
  return recorded;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Latencies (ms) of `concurrency` loops sending `body` to `url` for `ms` milliseconds. */
async function drive(url: string, headers: Record<string, string>, body: string, concurrency: number, ms: number) {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      const response = await fetch(url, { method: 'POST', headers, body });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors"')) errors++;
      latencies.push(performance.now() - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors, elapsed: performance.now() - started };
}

/** Short alternating slices: a burst of load from another process falls on both targets alike. */
const SLICES = 6;
/** Issue 9's goal for the worst engine/floor throughput ratio. */
const GOAL = 0.8;

type Target = { url: string; headers: Record<string, string>; body: string };

/**
 * Measures both targets in alternating slices (SLICES each), so load from other processes on a shared machine hits
 * both alike instead of whichever ran at the wrong moment.
 */
async function compare(a: Target, b: Target, concurrency: number): Promise<[Result, Result]> {
  const runs = [a, b].map(() => ({ latencies: [] as number[], errors: 0, elapsed: 0 }));
  for (let slice = 0; slice < SLICES; slice++) {
    for (const [index, target] of [a, b].entries()) {
      const run = await drive(target.url, target.headers, target.body, concurrency, (seconds * 1000) / SLICES);
      runs[index].latencies.push(...run.latencies);
      runs[index].errors += run.errors;
      runs[index].elapsed += run.elapsed;
    }
  }
  return runs.map(({ latencies, errors, elapsed }) => {
    latencies.sort((x, y) => x - y);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return { rps: latencies.length / (elapsed / 1000), p50: at(0.5), p99: at(0.99), errors };
  }) as [Result, Result];
}

/** A scratch database on the server (so the bench never writes into an existing one), dropped by `drop`. */
async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hasura_bench_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function main(): Promise<void> {
  const scratch = serverUrl ? await scratchDatabase(serverUrl) : null;
  try {
    await bench(scratch?.url ?? 'pglite://memory');
  } finally {
    await scratch?.drop();
  }
}

async function bench(databaseUrl: string): Promise<void> {
  const hasura = await startHasura(
    readConfig({
      HASURA_GRAPHQL_DATABASE_URL: databaseUrl,
      HASURA_GRAPHQL_ADMIN_SECRET: randomBytes(24).toString('base64url'), // this run only; the bench sends JWTs
      HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: JWT_KEY }),
      HASURA_GRAPHQL_METADATA_DIR: join(fixture, 'metadata'),
      HASURA_GRAPHQL_MIGRATIONS_DIR: join(fixture, 'migrations'),
    }),
    { port: 0 },
  );
  const db = hasura.db;
  try {
    await seed(db);
    const token = await new SignJWT({
      'https://hasura.io/jwt/claims': {
        'x-hasura-allowed-roles': ['user'],
        'x-hasura-default-role': 'user',
        'x-hasura-user-id': 'alice',
      },
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JWT_KEY));
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

    // The SQL the engine runs for each query, replayed verbatim by the floor.
    const floorSql = {} as Record<QueryName, Statement[]>;
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      floorSql[name] = await recordSql(db, async () => {
        const response = await fetch(`${hasura.url}/v1/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify(QUERIES[name]),
        });
        const text = await response.text();
        if (text.includes('"errors"')) throw new Error(`bench query "${name}" fails: ${text}`);
      });
    }
    const floor = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const { name } = JSON.parse(Buffer.concat(chunks).toString()) as { name: QueryName };
      const results = [];
      for (const { sql, params, prepared } of floorSql[name]) {
        results.push(prepared ? await db.preparedRow(sql, params as string[]) : (await db.query(sql, params)).rows);
      }
      const text = JSON.stringify({ data: results });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    });
    await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
    const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`;

    console.log(`database: ${db.description}; ${seconds}s per run; concurrency ${concurrencies.join(', ')}`);
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      console.log(`  ${name}: ${floorSql[name].length} SQL statement(s) per request`);
    }
    console.log('query      conc |   engine req/s  p50 ms  p99 ms |    floor req/s  p50 ms  p99 ms | engine/floor');
    const ratios: number[] = [];
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      for (const concurrency of concurrencies) {
        const [engine, bare] = await compare(
          { url: `${hasura.url}/v1/graphql`, headers, body: JSON.stringify(QUERIES[name]) },
          { url: floorUrl, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) },
          concurrency,
        );
        const ratio = engine.rps / bare.rps;
        ratios.push(ratio);
        const cell = (r: Result) =>
          `${r.rps.toFixed(0).padStart(14)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)}`;
        console.log(
          `${name.padEnd(10)} ${String(concurrency).padStart(4)} | ${cell(engine)} | ${cell(bare)} | ${ratio.toFixed(2).padStart(6)}` +
            (engine.errors || bare.errors ? `  (errors: engine ${engine.errors}, floor ${bare.errors})` : ''),
        );
      }
    }
    const worst = Math.min(...ratios);
    console.log(
      `worst engine/floor throughput ratio: ${worst.toFixed(2)} (goal ≥ ${GOAL}) → ${worst >= GOAL ? 'met' : 'NOT met'}`,
    );
    await new Promise<void>((resolve) => floor.close(() => resolve()));
  } finally {
    await hasura.close();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
