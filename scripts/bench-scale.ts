/**
 * `npm run bench:scale`: how the catalog's cost grows with its size, end to end through the production build,
 * signed in. On a PostgreSQL server (BENCH_DATABASE_URL, else postgres://postgres:postgres@127.0.0.1:5432/postgres)
 * it creates a database of its own (dropped at the end), starts local Clerk, the local Hasura engine on that
 * database (migrations + the 5,000-book seed) and the app on free ports, signs alice in, then grows the catalog to
 * each size in turn (5,000 / 100,000 / 1,000,000 books: SQL generate_series, see growCatalog) and measures, one
 * request at a time:
 *   catalog page 1, page 500 (or the last page when there are fewer), a search for a common word and for a rare
 *   one, a genre filter, and a book's page —
 * p50/p99 latency as the browser would see it, and the SQL time per request (pg_stat_database.active_time of the
 * database, so every statement the engine ran for the page, parse/plan/execute; the median of the rounds). A script
 * that prints, not a test.
 *
 * Options (env): BENCH_DATABASE_URL, BENCH_SIZES (default 5000,100000,1000000), BENCH_SAMPLES (requests per
 * scenario and size, default 200), BENCH_SKIP_BUILD=1 (reuse build/, a production build), BENCH_VERBOSE=1.
 */
import http from 'node:http';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { catalogHref, PAGE_SIZE } from '../app/books/catalog.js';
import { buildForProduction, get, signIn, temporaryDatabase } from './bench-app.js';
import { localStackEnv } from './local-env.js';
import {
  appProductionService,
  freePort,
  localClerkService,
  localClerkUsers,
  localHasuraService,
  startService,
  stopAll,
  type RunningService,
} from './stack.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.BENCH_SIZES ?? '5000,100000,1000000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
/** Scenarios take turns in this many rounds per size, so drift of the machine's speed weighs on all alike. */
const ROUNDS = 4;
const WARMUP_REQUESTS = 10;
/** Postgres flushes a backend's activity statistics at most once a second; wait that long before reading them. */
const STATS_FLUSH_MS = 1200;
const DEEP_PAGE = 500;
const SEED_SIZE = 5000;
const GROW_CHUNK = 100_000;

const quiet = process.env.BENCH_VERBOSE === '1' ? (line: string) => console.log(line) : () => undefined;

// ---------- the generated catalog ----------
/**
 * Titles and authors mix words of short lists (adjectives, nouns, first names: "river" is in about one title in
 * 33) with made-up words of a 729,000-word vocabulary drawn with Zipf-like weights (rank k weighs 1/k), as words
 * in real titles and surnames are: a few very common, most rare. Every draw comes from md5 of the row number, so
 * every run builds the same catalog.
 */
const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'st', 'th'];
const SYLLABLES = ONSETS.flatMap((onset) => ['a', 'e', 'i', 'o', 'u'].map((vowel) => onset + vowel));
/** Three-syllable words: 729,000 of them, with about as many different trigrams as English words have. */
const VOCABULARY = SYLLABLES.length ** 3;
/** Rank → word: a permutation (7919 is coprime with 729,000), so common words do not all share a syllable. */
const WORD_STEP = 7919;
const ADJECTIVES = [
  'silent',
  'crimson',
  'hidden',
  'last',
  'golden',
  'broken',
  'distant',
  'quiet',
  'burning',
  'frozen',
  'wandering',
  'secret',
  'forgotten',
  'midnight',
  'endless',
  'bitter',
  'hollow',
  'shining',
  'wild',
  'gentle',
  'restless',
  'paper',
  'iron',
  'glass',
  'salt',
  'winter',
  'summer',
  'northern',
  'southern',
  'little',
  'lost',
  'stolen',
  'painted',
  'sleeping',
  'copper',
  'velvet',
];
const NOUNS = [
  'river',
  'garden',
  'lighthouse',
  'kingdom',
  'orchard',
  'harbor',
  'mountain',
  'library',
  'station',
  'island',
  'forest',
  'city',
  'letter',
  'voyage',
  'mirror',
  'archive',
  'bridge',
  'tower',
  'desert',
  'storm',
  'map',
  'clockmaker',
  'compass',
  'lantern',
  'meadow',
  'cathedral',
  'signal',
  'engine',
  'atlas',
  'valley',
  'observatory',
  'carnival',
  'embassy',
];
const FIRST_NAMES = [
  'Ada',
  'Bruno',
  'Clara',
  'Dmitri',
  'Elena',
  'Farid',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Keiko',
  'Luca',
  'Maya',
  'Nils',
  'Olga',
  'Pablo',
  'Quinn',
  'Rosa',
  'Soren',
  'Tala',
  'Umar',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
];

/** The made-up word of Zipf rank `rank` (0 = most common). */
function vocabularyWord(rank: number): string {
  const w = Number((BigInt(rank) * BigInt(WORD_STEP)) % BigInt(VOCABULARY));
  const n = SYLLABLES.length;
  return SYLLABLES[w % n] + SYLLABLES[Math.floor(w / n) % n] + SYLLABLES[Math.floor(w / n / n) % n];
}

const COMMON_WORD = 'river';
/** Expected in about 20 of 1,000,000 books. */
const RARE_WORD = vocabularyWord(6000);

const sqlArray = (items: string[]) => `ARRAY[${items.map((item) => `'${item}'`).join(',')}]`;
/** SQL for the word of the rank in column `rank`, as vocabularyWord. */
const wordSql = (rank: string) => {
  const w = `((${rank}::bigint * ${WORD_STEP} % ${VOCABULARY})::int)`;
  const n = SYLLABLES.length;
  return `initcap(syl[1 + ${w} % ${n}] || syl[1 + ${w} / ${n} % ${n}] || syl[1 + ${w} / ${n * n} % ${n}])`;
};

const GROW_SQL = `
WITH lists AS (
  SELECT ${sqlArray(ADJECTIVES)} AS adjectives, ${sqlArray(NOUNS)} AS nouns, ${sqlArray(FIRST_NAMES)} AS first_names,
    ${sqlArray(SYLLABLES)} AS syl, ARRAY(SELECT name FROM public.genres ORDER BY name) AS genres
),
draws AS (
  SELECT n, h, ('x' || substr(h, 17, 4))::bit(16)::int AS r3, ('x' || substr(h, 21, 4))::bit(16)::int AS r4,
    ('x' || substr(h, 25, 4))::bit(16)::int AS r5, ('x' || substr(h, 29, 4))::bit(16)::int AS r6,
    -- Zipf-like ranks: exp(uniform · ln V) is log-uniform on [1, V), so rank k comes up with weight about 1/k.
    floor(exp(('x' || substr(h, 1, 8))::bit(32)::bigint / 4294967296.0 * ln(${VOCABULARY})))::int - 1 AS k1,
    floor(exp(('x' || substr(h, 9, 8))::bit(32)::bigint / 4294967296.0 * ln(${VOCABULARY})))::int - 1 AS k2
  FROM (SELECT n, md5(n::text) AS h FROM generate_series($1::int + 1, $2::int) AS n) AS hashed
),
picked AS (
  SELECT n, r3, syl,
    initcap(adjectives[1 + r4 % array_length(adjectives, 1)]) AS adjective,
    initcap(nouns[1 + r5 % array_length(nouns, 1)]) AS noun,
    ${wordSql('k1')} AS tail_word,
    first_names[1 + r6 % array_length(first_names, 1)] || ' ' || ${wordSql('k2')} AS author,
    genres[1 + n % array_length(genres, 1)] AS genre
  FROM draws, lists
)
INSERT INTO public.books (id, title, author, published_year, genre, pages, description)
SELECT
  md5('scale-book-' || n)::uuid,
  CASE r3 % 5
    WHEN 0 THEN 'The ' || adjective || ' ' || noun
    WHEN 1 THEN 'The ' || noun || ' of ' || tail_word
    WHEN 2 THEN adjective || ' ' || noun || 's'
    WHEN 3 THEN tail_word || ' and the ' || noun
    ELSE 'A ' || adjective || ' ' || noun || ' in ' || tail_word
  END,
  author,
  1800 + (r3 / 5) % 226,
  genre,
  50 + (n * 53) % 950,
  'A ' || lower(genre) || ' book about a ' || lower(adjective) || ' ' || lower(noun) || '.'
FROM picked`;

/** Adds generated books until the catalog holds `size`, then refreshes the planner's statistics. */
export async function growCatalog(db: pg.Client, size: number): Promise<void> {
  let count = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM public.books')).rows[0].n);
  const started = performance.now();
  const from = count;
  while (count < size) {
    const to = Math.min(size, count + GROW_CHUNK);
    await db.query(GROW_SQL, [count, to]);
    count = to;
    process.stdout.write(`\r  seeding: ${count.toLocaleString('en-US')} books…`);
  }
  const seeded = performance.now();
  // As autovacuum would soon: statistics for the planner, the visibility map for index-only scans.
  await db.query('VACUUM ANALYZE public.books');
  console.log(
    `\r  seeded ${(size - from).toLocaleString('en-US')} books in ${((seeded - started) / 1000).toFixed(1)} s, ` +
      `VACUUM ANALYZE ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  );
}

// ---------- measuring ----------
interface Scenario {
  name: string;
  path: string;
}

interface Measured {
  size: number;
  scenario: string;
  p50: number;
  p99: number;
  sqlMs: number | null;
  /** What the page says it found ("1,000+ books", "23 books match"), for the searches and the filter. */
  found: string;
}

/** The database's accumulated active time in ms (PostgreSQL 14+), null when the server does not report it. */
async function activeTimeMs(db: pg.Client, database: string): Promise<number | null> {
  const { rows } = await db
    .query<{ ms: number | null }>('SELECT active_time AS ms FROM pg_stat_database WHERE datname = $1', [database])
    .catch(() => ({ rows: [] as { ms: number | null }[] }));
  return rows[0]?.ms ?? null;
}

async function scenariosAt(db: pg.Client, size: number): Promise<Scenario[]> {
  const deepPage = Math.min(DEEP_PAGE, Math.ceil(size / PAGE_SIZE));
  // The row just before the deep page, in the catalog's order: the cursor its "Next" links carry.
  const { rows: before } = await db.query<{ title: string; id: string }>(
    'SELECT title, id::text AS id FROM public.books ORDER BY title, id OFFSET $1 LIMIT 1',
    [(deepPage - 1) * PAGE_SIZE - 1],
  );
  const { rows: book } = await db.query<{ id: string }>(
    'SELECT id::text AS id FROM public.books ORDER BY id OFFSET $1 LIMIT 1',
    [Math.floor(size / 2)],
  );
  const all = { q: '', genre: '' };
  return [
    { name: 'catalog page 1', path: '/books' },
    {
      name: `catalog page ${deepPage}${deepPage < DEEP_PAGE ? ' (last)' : ''}`,
      path: catalogHref(all, { after: before[0] }),
    },
    { name: `search "${COMMON_WORD}" (common)`, path: catalogHref({ ...all, q: COMMON_WORD }, null) },
    { name: `search "${RARE_WORD}" (rare)`, path: catalogHref({ ...all, q: RARE_WORD }, null) },
    { name: 'genre Poetry', path: catalogHref({ ...all, genre: 'Poetry' }, null) },
    { name: 'book page', path: `/books/${book[0].id}` },
  ];
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measureSize(
  size: number,
  appUrl: string,
  cookie: () => string,
  db: pg.Client,
  database: string,
): Promise<Measured[]> {
  const scenarios = await scenariosAt(db, size);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = scenarios.map(() => [] as number[]);
  const sqlBlocks = scenarios.map(() => [] as (number | null)[]);
  const found = scenarios.map(() => '');
  const request = async (path: string) => {
    const { status, body } = await get(agent, new URL(path, appUrl), cookie());
    if (status !== 200) throw new Error(`${path} answered HTTP ${status} at ${size} books`);
    return body;
  };
  for (const scenario of scenarios) for (let i = 0; i < WARMUP_REQUESTS; i++) await request(scenario.path);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, scenario] of scenarios.entries()) {
      const count = Math.ceil(SAMPLES / ROUNDS);
      await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
      const activeBefore = await activeTimeMs(db, database);
      for (let n = 0; n < count; n++) {
        const sent = performance.now();
        const body = await request(scenario.path);
        latencies[i].push(performance.now() - sent);
        found[i] = /<p>([\d,]+\+? books?(?:<!-- -->)?(?: match)?)<\/p>/.exec(body)?.[1]?.replace('<!-- -->', '') ?? '';
      }
      await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
      const activeAfter = await activeTimeMs(db, database);
      sqlBlocks[i].push(activeBefore === null || activeAfter === null ? null : (activeAfter - activeBefore) / count);
    }
  }
  agent.destroy();
  return scenarios.map((scenario, i) => {
    const sorted = latencies[i].sort((a, b) => a - b);
    // The median of the rounds' figures: a statistics flush that lands in the wrong round moves one of them only.
    const blocks = sqlBlocks[i];
    const sqlMs = blocks.includes(null)
      ? null
      : percentile(
          (blocks as number[]).sort((a, b) => a - b),
          0.5,
        );
    return {
      size,
      scenario: scenario.name,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      sqlMs,
      found: found[i],
    };
  });
}

function printTable(results: Measured[]) {
  const header = ['books', 'scenario', 'p50 ms', 'p99 ms', 'SQL ms/req', 'page says'];
  const rows = results.map((r) => [
    r.size.toLocaleString('en-US'),
    r.scenario,
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.sqlMs === null ? '?' : r.sqlMs.toFixed(2),
    r.found,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => ([0, 2, 3, 4].includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${rows.map(line).join('\n')}`);
}

/** The summary line: worst search p50 at the largest size, deep page ÷ page 1 there, and how p50 grew. */
function summary(results: Measured[]): string {
  const largest = Math.max(...SIZES);
  const smallest = Math.min(...SIZES);
  const at = (size: number) => results.filter((r) => r.size === size);
  const p50 = (size: number, prefix: string) => at(size).find((r) => r.scenario.startsWith(prefix))!.p50;
  const search = Math.max(
    ...at(largest)
      .filter((r) => r.scenario.startsWith('search'))
      .map((r) => r.p50),
  );
  const deep = at(largest).find((r) => r.scenario.startsWith('catalog page') && r.scenario !== 'catalog page 1')!.p50;
  const ratios = at(largest).map((r, i) => r.p50 / at(smallest)[i].p50);
  const growth = Math.exp(ratios.reduce((sum, ratio) => sum + Math.log(ratio), 0) / ratios.length);
  const label = (size: number) =>
    size >= 1_000_000 ? `${size / 1_000_000}M` : size >= 1000 ? `${size / 1000}k` : String(size);
  return (
    `scale: search p50 ${search.toFixed(1)} ms at ${label(largest)}, page-${DEEP_PAGE}/page-1 ${(deep / p50(largest, 'catalog page 1')).toFixed(2)}, ` +
    `growth ${label(smallest)}→${label(largest)} ${growth.toFixed(2)}×`
  );
}

// ---------- main ----------
async function main() {
  const started = performance.now();
  if (
    SIZES.some((size) => !Number.isInteger(size) || size < SEED_SIZE) ||
    SIZES.some((size, i) => i > 0 && size <= SIZES[i - 1])
  ) {
    throw new Error(
      `BENCH_SIZES must be increasing whole numbers of at least ${SEED_SIZE} (the seed), got ${SIZES.join(',')}`,
    );
  }
  if (process.env.BENCH_SKIP_BUILD === '1') console.log('Using the existing build/ (BENCH_SKIP_BUILD=1).');
  else buildForProduction();
  const database = await temporaryDatabase(SERVER_URL);
  const databaseName = new URL(database.url).pathname.slice(1);
  const ports = { app: await freePort(), clerk: await freePort(), hasura: await freePort() };
  const env = localStackEnv(ports, { hasuraDatabaseUrl: database.url });
  const base = { ...process.env, NODE_ENV: 'production' };
  const services: RunningService[] = [];
  const db = new pg.Client({ connectionString: database.url });
  let refresh: NodeJS.Timeout | undefined;
  try {
    console.log(
      `Starting the local stack on ports ${ports.app} (app), ${ports.clerk} (Clerk), ${ports.hasura} (Hasura)…`,
    );
    const clerk = await startService(
      { ...localClerkService(ports.clerk), env: { ...base, ...env.clerk } },
      { output: quiet },
    );
    services.push(clerk);
    services.push(
      await startService(
        { ...localHasuraService(ports.hasura), env: { ...base, ...env.hasura } },
        { output: quiet, timeoutMs: 120_000 },
      ),
    );
    const app = await startService(
      { ...appProductionService(ports.app), env: { ...base, ...env.app } },
      { output: quiet },
    );
    services.push(app);
    const user = await signIn(clerk.url, localClerkUsers()[0]);
    refresh = setInterval(() => void user.refresh().catch(console.error), 20_000);
    const status = await get(new http.Agent(), new URL('/status', app.url), user.cookie);
    if (status.status !== 200 || !status.body.includes(user.userId))
      throw new Error(`${user.email} is not signed in on /status`);
    await db.connect();

    const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    console.log(
      `PostgreSQL ${version} (database ${databaseName}, dropped at the end); ${os.availableParallelism()} cores, load average ` +
        `${os.loadavg()[0].toFixed(1)}; signed in as ${user.email}; ${SAMPLES} sequential requests per scenario and size ` +
        `(${ROUNDS} rounds), after ${WARMUP_REQUESTS} unmeasured.`,
    );
    const results: Measured[] = [];
    for (const size of SIZES) {
      console.log(`\n${size.toLocaleString('en-US')} books:`);
      await growCatalog(db, size);
      const measured = await measureSize(size, app.url, () => user.cookie, db, databaseName);
      for (const r of measured)
        console.log(
          `  ${r.scenario.padEnd(32)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms`,
        );
      results.push(...measured);
    }
    printTable(results);
    console.log(
      `\nload average now ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}; total run ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    console.log(summary(results));
  } finally {
    clearInterval(refresh);
    await db.end().catch(() => undefined);
    await stopAll(services);
    await database.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    console.error(`npm run bench:scale: ${error.message}`);
    process.exit(1);
  });
}
