/**
 * `npm run bench:subscriptions [-- --db postgres://… --counts 1,100,1000 --rounds 8]`
 *
 * N live-query subscriptions (one socket and one user each, so N cohorts of ONE query shape) on one engine,
 * started in this process over the subscriptions test fixture (embedded PGlite in memory, or PostgreSQL from --db /
 * TEST_DATABASE_URL); the clients run in a child process. Each round one admin statement changes every user's
 * note; the time from its commit to each subscriber's push gives p50/p99 (a push missing after 30 s counts as lost). Also printed: the engine's CPU (this
 * process: HTTP/WebSocket, engine and the PGlite worker) as a share of one core, and the SQL statements the
 * subscriptions ran per refetch interval. Not a test.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import pg from 'pg';
import { readConfig } from '../src/config.js';
import { startHasura } from '../src/index.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    counts: { type: 'string', default: '1,100,1000' },
    rounds: { type: 'string', default: '8' },
  },
});
const counts = args.counts!.split(',').map(Number);
const rounds = Number(args.rounds);
const serverUrl = args.db ?? process.env.TEST_DATABASE_URL;
const here = new URL('.', import.meta.url).pathname;
const fixture = join(here, '..', 'tests', 'fixtures', 'subscriptions');
const KEY = 'bench-hs256-key-with-at-least-32-characters!';
const INTERVAL_MS = 1000;
const QUERY = 'subscription { notes(order_by: {id: asc}) { id body } }';

async function token(user: string) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    exp: now + 3600,
    'https://hasura.io/jwt/claims': {
      'x-hasura-allowed-roles': ['user'],
      'x-hasura-default-role': 'user',
      'x-hasura-user-id': user,
    },
  })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(KEY));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

let databaseUrl = 'pglite://memory';
let dropDatabase = async () => undefined;
if (serverUrl) {
  const name = `bench_subscriptions_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}

const hasura = await startHasura(
  readConfig({
    HASURA_GRAPHQL_DATABASE_URL: databaseUrl,
    HASURA_GRAPHQL_ADMIN_SECRET: 'bench-admin',
    HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ type: 'HS256', key: KEY }),
    HASURA_GRAPHQL_METADATA_DIR: join(fixture, 'metadata'),
    HASURA_GRAPHQL_MIGRATIONS_DIR: join(fixture, 'migrations'),
    HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_REFETCH_INTERVAL: String(INTERVAL_MS),
  }),
  { port: 0 },
);
const admin = { role: 'admin', variables: { 'x-hasura-role': 'admin' } };
const run = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await hasura.engine.execute({ query, variables }, admin);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
};

console.log(`engine on ${hasura.startup.database}; refetch interval ${INTERVAL_MS} ms; ${rounds} changes per count`);
console.log('subscriptions  pushes  p50 ms  p99 ms  max ms  engine CPU  SQL statements/interval');
const maxCount = Math.max(...counts);
await run('mutation ($rows: [notes_insert_input!]!) { insert_notes(objects: $rows) { affected_rows } }', {
  rows: Array.from({ length: maxCount }, (_, i) => ({ owner: `user${i}`, body: 'v0' })),
});

let version = 0;
for (const count of counts) {
  const clients = fork(join(here, 'subscription-clients.ts'), { execArgv: ['--import', 'tsx'] });
  const reply = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: { type: string }) => {
        if (message.type !== type) return;
        clients.off('message', listener);
        resolve(message as T);
      };
      clients.on('message', listener);
    });
  const tokens = await Promise.all(Array.from({ length: count }, (_, i) => token(`user${i}`)));
  const ready = reply('ready');
  clients.send({ type: 'open', url: `${hasura.url.replace('http', 'ws')}/v1/graphql`, tokens, query: QUERY });
  await ready;

  const latencies: number[] = [];
  const statementsBefore = hasura.subscriptions.stats().statements;
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  for (let round = 0; round < rounds; round++) {
    // Changes land at varying points of the refetch interval.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS + Math.random() * INTERVAL_MS));
    const body = `v${++version}`;
    await run('mutation ($b: String!) { update_notes(where: {}, _set: {body: $b}) { affected_rows } }', { b: body });
    const committed = Date.now();
    // Until every subscriber has the change (or 30 s: a push still missing then counts as lost).
    while (Date.now() - committed < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const counted = reply<{ arrived: number }>('count');
      clients.send({ type: 'count', body });
      if ((await counted).arrived >= count) break;
    }
    const arrivals = reply<{ times: number[] }>('arrivals');
    clients.send({ type: 'collect', body });
    const { times } = await arrivals;
    for (const at of times) latencies.push(at - committed);
    for (let missing = times.length; missing < count; missing++) latencies.push(Infinity);
  }
  const elapsed = Date.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const statements = hasura.subscriptions.stats().statements - statementsBefore;
  clients.send({ type: 'close' });
  latencies.sort((a, b) => a - b);
  const received = latencies.filter(Number.isFinite).length;
  console.log(
    [
      String(count).padStart(13),
      `${received}/${latencies.length}`.padStart(7),
      String(percentile(latencies, 50)).padStart(7),
      String(percentile(latencies, 99)).padStart(7),
      String(latencies[latencies.length - 1]).padStart(7),
      `${(((cpu.user + cpu.system) / 1000 / elapsed) * 100).toFixed(1)} %`.padStart(11),
      (statements / (elapsed / INTERVAL_MS)).toFixed(2).padStart(24),
    ].join(' '),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
}

await hasura.close();
await dropDatabase();
