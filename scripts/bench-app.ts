/**
 * `npm run bench`: loopback load on the production build of the app, on its own local stack (ephemeral ports,
 * Hasura on in-memory PGlite with the seeds), all in one bounded run:
 *   1. a static page of the same app (`/about`: no loader of its own, but rendered through root.tsx with its
 *      Clerk root loader, no GraphQL), requested signed in with the same cookies as `/books` — the ceiling;
 *   2. `/books` signed in (Clerk session → `hasura` template token, cached → Hasura query);
 *   3. `/books` signed in with the token cache off (`HASURA_TOKEN_CACHE=off`, a second app process);
 *   and, to show where the time goes, `/healthz` (a resource route: no React, no root loader — the raw server
 *   reference), `/sign-in` signed in (server rendering + Clerk auth, no GraphQL) and `/books` signed out
 *   (Hasura's anonymous role, no token).
 * Users are signed in without a browser through the Clerk server's Frontend API (dev browser → password sign-in),
 * and their `__session` cookies are refreshed in the background as clerk-js would.
 * Prints requests/s, p50/p99 and the page size for each, and the ratios. A script that prints, not a test.
 *
 * Options (env): BENCH_SKIP_BUILD=1 (reuse build/, which must be a production build), BENCH_SECONDS (per phase,
 * default 7), BENCH_ROUNDS (the ceiling and signed-in /books alternate in this many rounds, default 3),
 * BENCH_CONCURRENCY (default 16), BENCH_USERS (default 4),
 * BENCH_VERBOSE=1 to see the servers' output, BENCH_DATABASE_URL=postgres://… to run Hasura on a real
 * PostgreSQL server instead (a database of its own is created there and dropped at the end).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { createClerkClient } from '@clerk/backend';
import pg from 'pg';
import { checkoutAdminSecret } from './local-admin-secret.js';
import { localStackEnv } from './local-env.js';
import {
  ROOT_DIR,
  appProductionService,
  freePort,
  localClerkService,
  localClerkUsers,
  localHasuraService,
  startService,
  stopAll,
  type RunningService,
} from './stack.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 7);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const USER_COUNT = Number(process.env.BENCH_USERS ?? 4);
const WARMUP_MS = 1500;
/** The ceiling and signed-in /books run in alternating rounds (see runInterleaved), each with a shorter warm-up. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_WARMUP_MS = 750;
/** Unmeasured mixed load on all routes of both app processes before the first phase. */
const INITIAL_WARMUP_MS = 5000;
const API_VERSION = '2025-11-10';
/** Goals (issue 13): signed-in /books at ≥ 67 % of /about's requests per second, ≤ 3.5 ms of app CPU each. */
const RATIO_TARGET = 0.67;
const APP_CPU_TARGET_MS = 3.5;

const quiet = process.env.BENCH_VERBOSE === '1' ? (line: string) => console.log(line) : () => undefined;

/** A fresh database on the PostgreSQL server of `serverUrl`, dropped by `drop()`. */
export async function temporaryDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_app_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

// ---------- signing in through the Frontend API, like clerk-js does ----------
export interface SignedInUser {
  email: string;
  userId: string;
  /** The Cookie header the browser would send to the app. */
  cookie: string;
  refresh(): Promise<void>;
}

/** One POST to the Clerk server's Frontend API, as clerk-js sends it in dev mode; `T`: the fields the caller reads. */
async function fapi<T>(
  clerkUrl: string,
  path: string,
  devBrowser: string | null,
  form?: Record<string, string>,
): Promise<T> {
  const url = new URL(path, clerkUrl);
  url.searchParams.set('__clerk_api_version', API_VERSION);
  if (devBrowser) url.searchParams.set('__clerk_db_jwt', devBrowser);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1' },
    body: new URLSearchParams(form ?? {}).toString(),
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`Clerk ${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body as T;
}

/** A dev-browser id: what a first visit gets, so the app answers without a handshake redirect. */
export async function newDevBrowser(clerkUrl: string): Promise<string> {
  const id = String((await fapi<{ id?: string }>(clerkUrl, '/v1/dev_browser', null)).id ?? '');
  if (!id) throw new Error('Clerk /v1/dev_browser gave no id');
  return id;
}

export async function signIn(clerkUrl: string, user: { email: string; password: string }): Promise<SignedInUser> {
  const call = <T>(path: string, devBrowser: string, form?: Record<string, string>) =>
    fapi<T>(clerkUrl, path, devBrowser, form);
  type SignInAnswer = { response: { id: string; status: string; created_session_id: string } };
  const devBrowser = await newDevBrowser(clerkUrl);
  let signInAttempt = (await call<SignInAnswer>('/v1/client/sign_ins', devBrowser, { identifier: user.email }))
    .response;
  if (signInAttempt.status !== 'complete') {
    signInAttempt = (
      await call<SignInAnswer>(`/v1/client/sign_ins/${signInAttempt.id}/attempt_first_factor`, devBrowser, {
        strategy: 'password',
        password: user.password,
      })
    ).response;
  }
  if (signInAttempt.status !== 'complete') throw new Error(`sign-in of ${user.email} ended as ${signInAttempt.status}`);
  const sessionId = signInAttempt.created_session_id;
  const touched = await call<{ response: { user: { id: string } }; client: { updated_at: number } }>(
    `/v1/client/sessions/${sessionId}/touch`,
    devBrowser,
  );
  const clientUat = Math.floor(Number(touched.client.updated_at) / 1000);

  const signedIn: SignedInUser = {
    email: user.email,
    userId: touched.response.user.id,
    cookie: '',
    async refresh() {
      const token = (await call<{ jwt: string }>(`/v1/client/sessions/${sessionId}/tokens`, devBrowser)).jwt;
      // __client_uat must not be newer than the session token, or the server asks for a handshake.
      const iat = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).iat as number;
      signedIn.cookie = `__session=${token}; __client_uat=${Math.min(iat, clientUat)}; __clerk_db_jwt=${devBrowser}`;
    },
  };
  await signedIn.refresh();
  return signedIn;
}

// ---------- load ----------
/** CPU time (ms) used so far by the live processes of process group `pgid`, from Linux /proc; null elsewhere. */
export function groupCpuMs(pgid: number): number | null {
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      // After "pid (comm) ": state ppid pgrp … utime (field 14) stime (field 15).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** A server whose CPU use is reported per phase (its process group is its child's pid, see stack.ts). */
interface Watched {
  name: string;
  pid: number;
}

interface PhaseResult {
  name: string;
  requests: number;
  errors: number;
  firstError?: string;
  perSecond: number;
  p50: number;
  p99: number;
  /** Size of a response body (the last one received). */
  bytes: number;
  /** Share of one core each server (and the load generator) used during the measured window. */
  cpu: string;
  /** CPU time of the app process (the first watched server) per measured request, null without Linux /proc. */
  appCpuMs: number | null;
}

export function get(
  agent: http.Agent,
  url: URL,
  cookie: string | undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      {
        agent,
        // A document request: an invalid session then shows up as a handshake redirect instead of a signed-out page.
        headers: { accept: 'text/html', 'sec-fetch-dest': 'document', ...(cookie ? { cookie } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

/**
 * Unmeasured load on every route before the first phase: a fresh process is slower (JIT, lazily built code paths)
 * for its first thousands of requests, which would otherwise handicap whichever phase runs first (the ceiling).
 */
async function warmUp(targets: { url: URL; cookies: () => string | undefined }[], ms: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const end = performance.now() + ms;
  let next = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const target = targets[next++ % targets.length];
      await get(agent, target.url, target.cookies()).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
}

/** What one stretch of load on one URL measured, after its own warm-up. */
interface Sample {
  latencies: number[];
  errors: number;
  firstError?: string;
  bytes: number;
  /** Length of the measured window (requests still in flight at its end are waited for). */
  wallMs: number;
  seconds: number;
  /** CPU time each watched server used in the window (null where Linux /proc is not available). */
  serverCpuMs: (number | null)[];
  ownCpuMs: number;
}

async function measure(
  url: URL,
  cookies: () => string | undefined,
  watched: Watched[],
  seconds: number,
  warmupMs: number,
): Promise<Sample> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const sample: Sample = { latencies: [], errors: 0, bytes: 0, wallMs: 0, seconds, serverCpuMs: [], ownCpuMs: 0 };
  const measureFrom = performance.now() + warmupMs;
  const end = measureFrom + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        const { status, body } = await get(agent, url, cookies());
        if (status !== 200) throw new Error(`HTTP ${status}`);
        sample.bytes = Buffer.byteLength(body);
        if (sent >= measureFrom) sample.latencies.push(performance.now() - sent);
      } catch (error) {
        if (sent >= measureFrom) sample.errors += 1;
        sample.firstError ??= (error as Error).message;
      }
    }
  };
  let cpuBefore: (number | null)[] = [];
  let ownBefore = process.cpuUsage();
  const sampleAtStart = setTimeout(() => {
    cpuBefore = watched.map((server) => groupCpuMs(server.pid));
    ownBefore = process.cpuUsage();
  }, warmupMs);
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearTimeout(sampleAtStart);
  sample.wallMs = performance.now() - measureFrom;
  const own = process.cpuUsage(ownBefore);
  sample.ownCpuMs = (own.user + own.system) / 1000;
  sample.serverCpuMs = watched.map((server, i) => {
    const [before, after] = [cpuBefore[i], groupCpuMs(server.pid)];
    return before === null || before === undefined || after === null ? null : after - before;
  });
  agent.destroy();
  return sample;
}

/** One phase's figures from one or more samples of it. */
function summarize(name: string, watched: Watched[], samples: Sample[]): PhaseResult {
  const latencies = samples.flatMap((sample) => sample.latencies).sort((a, b) => a - b);
  const wallMs = samples.reduce((sum, sample) => sum + sample.wallMs, 0);
  const seconds = samples.reduce((sum, sample) => sum + sample.seconds, 0);
  const percent = (ms: number) => `${Math.round((100 * ms) / wallMs)}%`;
  const cpu = [
    ...watched.map((server, i) => {
      const used = samples.map((sample) => sample.serverCpuMs[i]);
      return `${server.name} ${used.some((ms) => ms === null) ? '?' : percent(used.reduce((sum: number, ms) => sum + (ms ?? 0), 0))}`;
    }),
    `bench ${percent(samples.reduce((sum, sample) => sum + sample.ownCpuMs, 0))}`,
  ].join(' ');
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const appUsed = samples.map((sample) => sample.serverCpuMs[0]);
  const appCpuMs = appUsed.some((ms) => ms === null || ms === undefined)
    ? null
    : appUsed.reduce((sum: number, ms) => sum + (ms ?? 0), 0) / latencies.length;
  return {
    name,
    requests: latencies.length,
    errors: samples.reduce((sum, sample) => sum + sample.errors, 0),
    firstError: samples.find((sample) => sample.firstError)?.firstError,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    bytes: samples[samples.length - 1].bytes,
    cpu,
    appCpuMs,
  };
}

interface Phase {
  name: string;
  url: URL;
  cookies: () => string | undefined;
  watched: Watched[];
}

async function runPhase(phase: Phase): Promise<PhaseResult> {
  return summarize(phase.name, phase.watched, [
    await measure(phase.url, phase.cookies, phase.watched, SECONDS, WARMUP_MS),
  ]);
}

/**
 * Two phases measured in alternating rounds (A B A B …, SECONDS of each in all): the machine's speed drifts over a
 * run (other work, the host), and a ratio of two phases measured at different times would carry that drift.
 */
async function runInterleaved(a: Phase, b: Phase): Promise<[PhaseResult, PhaseResult]> {
  const samples: [Sample[], Sample[]] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, phase] of [a, b].entries()) {
      samples[i].push(await measure(phase.url, phase.cookies, phase.watched, SECONDS / ROUNDS, ROUND_WARMUP_MS));
    }
  }
  return [summarize(a.name, a.watched, samples[0]), summarize(b.name, b.watched, samples[1])];
}

function printResults(results: PhaseResult[]) {
  const rows = results.map((r) => [
    r.name,
    r.perSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.errors) + (r.firstError ? ` (${r.firstError})` : ''),
    `${(r.bytes / 1024).toFixed(1)} KB`,
    r.appCpuMs === null ? '?' : r.appCpuMs.toFixed(2),
    r.cpu,
  ]);
  const header = ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'HTML', 'app CPU ms/req', 'CPU (100% = one core)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  console.log(`\n${line(header)}\n${rows.map(line).join('\n')}`);
}

/** `remix build` with NODE_ENV=production into build/. */
export function buildForProduction() {
  console.log('Building the app (remix build)…');
  execFileSync(`${ROOT_DIR}node_modules/.bin/remix`, ['build'], {
    cwd: ROOT_DIR,
    stdio: ['ignore', 'ignore', 'pipe'], // a failed build's error output ends up in the thrown error
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

// ---------- main ----------
async function main() {
  const started = performance.now();
  // A fresh production build unless told otherwise: `build/` may hold a development build left by `npm run dev`.
  if (process.env.BENCH_SKIP_BUILD === '1') console.log('Using the existing build/ (BENCH_SKIP_BUILD=1).');
  else buildForProduction();
  const ports = { app: await freePort(), clerk: await freePort(), hasura: await freePort() };
  const noCachePort = await freePort();
  const database = process.env.BENCH_DATABASE_URL ? await temporaryDatabase(process.env.BENCH_DATABASE_URL) : null;
  const hasuraDatabaseUrl = database?.url ?? 'pglite://memory';
  const hasuraAdminSecret = checkoutAdminSecret();
  const env = localStackEnv(ports, { hasuraDatabaseUrl, hasuraAdminSecret });
  const noCacheEnv = localStackEnv(
    { ...ports, app: noCachePort },
    { hasuraDatabaseUrl, hasuraAdminSecret, tokenCache: 'off' },
  );
  const base = { ...process.env, NODE_ENV: 'production' };

  const services: RunningService[] = [];
  const refreshTimers: NodeJS.Timeout[] = [];
  const createdUserIds: string[] = [];
  const clerkClient = createClerkClient({ secretKey: env.app.CLERK_SECRET_KEY, apiUrl: env.app.CLERK_API_URL });
  try {
    console.log('Starting the local stack on ephemeral ports…');
    const clerk = await startService(
      { ...localClerkService(ports.clerk), env: { ...base, ...env.clerk } },
      { output: quiet },
    );
    services.push(clerk);
    const hasura = await startService(
      { ...localHasuraService(ports.hasura), env: { ...base, ...env.hasura } },
      { output: quiet, timeoutMs: 120_000 },
    );
    services.push(hasura);
    const [app, appNoCache] = await Promise.all([
      startService({ ...appProductionService(ports.app), env: { ...base, ...env.app } }, { output: quiet }),
      startService({ ...appProductionService(noCachePort), env: { ...base, ...noCacheEnv.app } }, { output: quiet }),
    ]);
    services.push(app, appNoCache);

    // The configured users (alice, bob), plus users made through the Backend API (removed at the end).
    const credentials = localClerkUsers();
    for (let i = credentials.length; i < USER_COUNT; i++) {
      const email = `bench-${i}-${Date.now()}@example.com`;
      const password = `bench-password-${i}-${Math.random().toString(36).slice(2)}`;
      const created = await clerkClient.users.createUser({ emailAddress: [email], password });
      createdUserIds.push(created.id);
      credentials.push({ email, password });
    }
    const users = await Promise.all(credentials.slice(0, USER_COUNT).map((user) => signIn(clerk.url, user)));
    // Session tokens live 60 s: renew them in the background as clerk-js does.
    refreshTimers.push(
      setInterval(() => void Promise.all(users.map((user) => user.refresh())).catch(console.error), 20_000),
    );

    // Check once that the cookies really sign each user in before measuring anything.
    for (const user of users) {
      const { status, body } = await get(new http.Agent(), new URL('/status', app.url), user.cookie);
      if (status !== 200 || !body.includes(user.userId)) {
        throw new Error(
          `${user.email} is not signed in on /status (HTTP ${status}); the bench would measure the wrong thing`,
        );
      }
    }
    let next = 0;
    const rotate = () => users[next++ % users.length].cookie;

    console.log(
      `Machine: ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} ` +
        '(other work on the machine takes CPU from the servers: see the CPU column).',
    );
    console.log(`Hasura database: ${database ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'embedded PGlite in memory'}.`);
    console.log(
      `Load: ${CONCURRENCY} concurrent keep-alive connections, ${INITIAL_WARMUP_MS} ms warm-up on all routes, then ` +
        `${SECONDS} s per phase (+${WARMUP_MS} ms warm-up; the ceiling and signed-in /books alternate in ${ROUNDS} rounds, ` +
        `+${ROUND_WARMUP_MS} ms warm-up each), ${users.length} users.`,
    );
    const watch = (appServer: RunningService): Watched[] =>
      [appServer, hasura, clerk].map((server) => ({ name: server.name, pid: server.child.pid ?? -1 }));
    const visitor = `__clerk_db_jwt=${await newDevBrowser(clerk.url)}`;
    await warmUp(
      [
        { url: new URL('/about', app.url), cookies: rotate },
        { url: new URL('/books', app.url), cookies: rotate },
        { url: new URL('/books', appNoCache.url), cookies: rotate },
        { url: new URL('/healthz', app.url), cookies: () => undefined },
        { url: new URL('/sign-in', app.url), cookies: rotate },
        { url: new URL('/books', app.url), cookies: () => visitor },
      ],
      INITIAL_WARMUP_MS,
    );
    const [ceiling, cached] = await runInterleaved(
      {
        name: '/about signed in (static page, ceiling)',
        url: new URL('/about', app.url),
        cookies: rotate,
        watched: watch(app),
      },
      { name: '/books signed in', url: new URL('/books', app.url), cookies: rotate, watched: watch(app) },
    );
    const uncached = await runPhase({
      name: '/books signed in, token cache off',
      url: new URL('/books', appNoCache.url),
      cookies: rotate,
      watched: watch(appNoCache),
    });
    // Where the time goes: the bare server, a server-rendered page with Clerk auth but no GraphQL, and /books
    // without a token.
    const raw = await runPhase({
      name: '/healthz (raw server reference)',
      url: new URL('/healthz', app.url),
      cookies: () => undefined,
      watched: watch(app),
    });
    const rendered = await runPhase({
      name: '/sign-in signed in (SSR + auth, no GraphQL)',
      url: new URL('/sign-in', app.url),
      cookies: rotate,
      watched: watch(app),
    });
    const anonymous = await runPhase({
      name: '/books signed out (anonymous role)',
      url: new URL('/books', app.url),
      cookies: () => visitor,
      watched: watch(app),
    });
    printResults([ceiling, cached, uncached, raw, rendered, anonymous]);
    const ratio = cached.perSecond / ceiling.perSecond;
    const booksCpu = cached.appCpuMs;
    console.log(
      `\nsigned-in /books / static page /about: ${(ratio * 100).toFixed(0)}% (target ≥ ${RATIO_TARGET * 100}%: ${ratio >= RATIO_TARGET ? 'met' : 'NOT met'})` +
        `\napp CPU per signed-in /books: ${booksCpu === null ? '? (no /proc)' : `${booksCpu.toFixed(2)} ms (target ≤ ${APP_CPU_TARGET_MS} ms: ${booksCpu <= APP_CPU_TARGET_MS ? 'met' : 'NOT met'})`}` +
        `, /about: ${ceiling.appCpuMs === null ? '?' : `${ceiling.appCpuMs.toFixed(2)} ms`}` +
        `\nsigned-in /books / raw server /healthz: ${((cached.perSecond / raw.perSecond) * 100).toFixed(0)}%` +
        `\ntoken cache on / off: ${(cached.perSecond / uncached.perSecond).toFixed(2)}×` +
        `\ntotal run ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    refreshTimers.forEach(clearInterval);
    for (const id of createdUserIds) await clerkClient.users.deleteUser(id).catch(() => undefined);
    await stopAll(services);
    await database?.drop();
  }
}

// Run only as the script itself: bench-scale.ts imports the stack and sign-in helpers above.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    console.error(`npm run bench: ${error.message}`);
    process.exit(1);
  });
}
