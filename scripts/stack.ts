/**
 * Start and stop the servers of the local stack (local Clerk, local Hasura engine, the Remix app) and wait until
 * each one answers its health URL. Shared by `npm run dev`, `npm run bench` and the end-to-end tests.
 *
 * Every server runs as a child process in its own process group, so stopping it also stops what it spawned
 * (tsx → node, remix dev → remix-serve). `planStack()` decides which of them `npm run dev` starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localStackEnv, type LocalStackOptions, type LocalStackPorts } from './local-env.js';

export const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT_DIR}node_modules/.bin`;

/** The users the local Clerk server signs in (its config: CLERK_EMULATOR_CONFIG, else the default one). */
export function localClerkUsers(
  configPath = 'emulators/clerk/config.local.json',
): { email: string; password: string }[] {
  const config = JSON.parse(readFileSync(resolve(ROOT_DIR, configPath), 'utf8')) as {
    users?: { email: string; password: string }[];
  };
  return (config.users ?? []).map(({ email, password }) => ({ email, password }));
}

/** How each server of the stack is started and how to tell it is ready. */
export interface ServiceSpec {
  /** Human name used in logs and errors ("Clerk", "Hasura", "app"). */
  name: string;
  command: string;
  args: string[];
  /** Full environment of the child (callers merge process.env in themselves). */
  env: Record<string, string | undefined>;
  port: number;
  /** Answers 2xx once the server can take requests. */
  healthUrl: string;
  /** What to tell the user when the server does not come up. */
  hint?: string;
}

export const localClerkService = (port: number): Omit<ServiceSpec, 'env'> => ({
  name: 'Clerk',
  command: `${BIN}/tsx`,
  args: ['emulators/clerk/src/main.ts'],
  port,
  healthUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
  hint: `local Clerk server (npm run emulator:clerk, CLERK_EMULATOR_PORT=${port})`,
});

export const localHasuraService = (port: number): Omit<ServiceSpec, 'env'> => ({
  name: 'Hasura',
  command: `${BIN}/tsx`,
  args: ['emulators/hasura/src/main.ts'],
  port,
  healthUrl: `http://127.0.0.1:${port}/healthz`,
  hint: `local Hasura engine (npm run emulator:hasura, HASURA_GRAPHQL_SERVER_PORT=${port})`,
});

/** The production build served by server.js (`npm start`); needs `npm run build` first. */
export const appProductionService = (port: number): Omit<ServiceSpec, 'env'> => ({
  name: 'app',
  command: process.execPath,
  args: ['server.js'],
  port,
  healthUrl: `http://127.0.0.1:${port}/healthz`,
  hint: 'Remix app (npm run build && npm start)',
});

/** The Remix dev server with live reload (`remix dev`, which runs remix-serve on PORT). */
export const appDevService = (port: number): Omit<ServiceSpec, 'env'> => ({
  name: 'app',
  command: `${BIN}/remix`,
  args: ['dev'],
  port,
  healthUrl: `http://127.0.0.1:${port}/healthz`,
  hint: 'Remix dev server (remix dev)',
});

export interface RunningService {
  name: string;
  url: string;
  child: ChildProcess;
  /** Stops the server and everything it spawned; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** Throws a clear error naming the service when something already listens on `port`. */
export async function assertPortFree(port: number, service: string, portVariable?: string): Promise<void> {
  const inUse = (await somethingListens(port)) || !(await canBind(port));
  if (inUse) {
    const elsewhere = portVariable ? `set ${portVariable} to use another port` : 'choose another port';
    throw new Error(
      `Port ${port} is already in use, so the ${service} server cannot start there. ` +
        `Stop whatever listens on it (see: ss -ltnp 'sport = :${port}') or ${elsewhere}.`,
    );
  }
}

function somethingListens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1');
  });
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A free TCP port chosen by the kernel (for servers that take a port number rather than 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx; fails early when `exited` settles (the server died) or after `timeoutMs`. */
async function waitForHealthy(
  url: string,
  options: { service: string; timeoutMs?: number; exited?: Promise<string> },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let died: string | undefined;
  options.exited?.then((reason) => (died = reason));
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (died !== undefined) throw new Error(`${options.service} server exited before it was healthy (${died})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
      await response.arrayBuffer();
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${options.service} server not healthy at ${url} after ${options.timeoutMs ?? 60_000} ms (${lastProblem})`,
  );
}

/**
 * Spawns one server, streams its output with a `[name]` prefix (or hands it to `output`), and resolves once its
 * health URL answers. Rejects with the reason (port in use, early exit, timeout) after stopping the child.
 */
export async function startService(
  spec: ServiceSpec,
  options: { timeoutMs?: number; output?: (line: string) => void } = {},
): Promise<RunningService> {
  await assertPortFree(spec.port, spec.name);
  const child = spawn(spec.command, spec.args, {
    cwd: ROOT_DIR,
    env: spec.env as NodeJS.ProcessEnv,
    detached: true, // own process group: stop() reaches grandchildren too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const print = options.output ?? ((line: string) => process.stdout.write(`[${spec.name}] ${line}\n`));
  const lastLines: string[] = []; // quoted in the error when the server does not come up
  const onLine = (line: string) => {
    lastLines.push(line);
    if (lastLines.length > 15) lastLines.shift();
    print(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${code}`));
    child.once('error', (error) => resolve(error.message));
  });
  trackChild(child);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalGroup(child, 'SIGTERM');
    const killTimer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(killTimer);
  };
  try {
    await waitForHealthy(spec.healthUrl, { service: spec.name, timeoutMs: options.timeoutMs, exited });
  } catch (error) {
    await stop();
    const hint = spec.hint ? ` — ${spec.hint}` : '';
    const output = lastLines.some((line) => line.trim()) ? `\nIts last output:\n${lastLines.join('\n')}` : '';
    throw new Error(`${(error as Error).message}${hint}${output}`);
  }
  return { name: spec.name, url: `http://127.0.0.1:${spec.port}`, child, stop };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// Children live in their own process groups, so they would outlive this process if it exits abruptly.
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => liveChildren.forEach((child) => signalGroup(child, 'SIGTERM')));
function trackChild(child: ChildProcess) {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

/** Stops services in reverse start order (the app first, Clerk last). */
export async function stopAll(services: RunningService[]): Promise<void> {
  for (const service of [...services].reverse()) await service.stop();
}

const CLERK_LOCATION_VARS = ['CLERK_API_URL', 'CLERK_PROXY_URL', 'CLERK_JS'] as const;

/** Which emulators to start and the env of each process, given the user's own env (process.env + `.env`). */
export interface StackPlan {
  /** Env for the local Clerk server, or null when the user configured their own Clerk. */
  clerk: Record<string, string> | null;
  /** Env for the local Hasura engine, or null when the user configured their own Hasura. */
  hasura: Record<string, string> | null;
  app: Record<string, string>;
}

/**
 * Local values go UNDER the user's: a real Clerk or Hasura configured by the user wins and its emulator is not
 * started. A partial Clerk location (some of CLERK_API_URL / CLERK_PROXY_URL / CLERK_JS) is refused, because the
 * SDKs would silently send the missing part to real Clerk.
 */
export function planStack(
  userEnv: Record<string, string | undefined>,
  ports: LocalStackPorts,
  options: LocalStackOptions = {},
): StackPlan {
  const local = localStackEnv(ports, options);
  const given = (name: string) => (userEnv[name] ?? '') !== '';
  const user = Object.fromEntries(Object.entries(userEnv).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;

  const location = CLERK_LOCATION_VARS.filter(given);
  if (location.length > 0 && location.length < CLERK_LOCATION_VARS.length) {
    const missing = CLERK_LOCATION_VARS.filter((name) => !given(name));
    throw new Error(
      `Clerk is half configured: ${location.join(', ')} set but ${missing.join(', ')} not. ` +
        'Set all three to use one Clerk-compatible server, or none of them to use real Clerk; ' +
        'a partial set makes the SDKs silently send the rest to real Clerk.',
    );
  }
  // The local servers' own values (e.g. the emulator's printed env pasted into .env) still mean "start them".
  const isLocal = (url: string | undefined, port: number) =>
    new RegExp(`^http://(127\\.0\\.0\\.1|localhost):${port}(/|$)`).test(url ?? '');
  const localClerk = location.length > 0 && isLocal(userEnv.CLERK_API_URL, ports.clerk);
  const ownClerk = !localClerk && (location.length > 0 || given('CLERK_PUBLISHABLE_KEY') || given('CLERK_SECRET_KEY'));
  if (ownClerk && !(given('CLERK_PUBLISHABLE_KEY') && given('CLERK_SECRET_KEY'))) {
    throw new Error(
      'Your own Clerk is configured only in part: set both CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY ' +
        '(Clerk dashboard → API keys), or neither to use the local Clerk server.',
    );
  }
  const ownHasura = given('HASURA_GRAPHQL_ENDPOINT') && !isLocal(userEnv.HASURA_GRAPHQL_ENDPOINT, ports.hasura);
  if (ownClerk && !ownHasura && !given('HASURA_GRAPHQL_JWT_SECRET')) {
    throw new Error(
      'With your own Clerk the local Hasura engine needs HASURA_GRAPHQL_JWT_SECRET, e.g. ' +
        '{"jwk_url":"https://<your Frontend API host>/.well-known/jwks.json"}.',
    );
  }

  const app = Object.fromEntries(
    Object.entries(local.app).filter(
      ([name]) =>
        !(ownClerk && name.startsWith('CLERK_')) &&
        !(ownHasura && (name === 'HASURA_GRAPHQL_ENDPOINT' || name === 'HASURA_GRAPHQL_ADMIN_SECRET')),
    ),
  );
  return {
    clerk: ownClerk
      ? null
      : { ...user, ...local.clerk, CLERK_SECRET_KEY: user.CLERK_SECRET_KEY || local.clerk.CLERK_SECRET_KEY },
    hasura: ownHasura ? null : { ...local.hasura, ...user },
    app: { ...app, ...user },
  };
}
