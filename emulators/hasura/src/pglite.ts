/**
 * The embedded database: PGlite (Postgres compiled to WebAssembly) in a worker thread (`pglite-worker.ts`), so a
 * slow statement never stops the HTTP server, and a statement that outlives the statement timeout can be
 * cancelled. PGlite cannot interrupt a running statement itself (it has no signals, so Postgres'
 * statement_timeout never fires), so cancelling means terminating the worker and reopening the same directory:
 * Postgres' crash recovery keeps every committed transaction and drops the cancelled one, as after a power cut.
 * For that reason `pglite://memory` also lives in a directory — a private temporary one, deleted on close.
 *
 * Statements run one at a time (PGlite has one session); a transaction holds the session until it ends.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Mutex } from '@electric-sql/pglite';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { fillFromTemplate } from './pglite-template.js';
import type { WorkerOptions, WorkerReply, WorkerRequest } from './pglite-worker.js';
import type { Database, Queryable } from './types.js';

export interface PgliteOptions {
  /** A statement running longer is cancelled (0 = never). */
  statementTimeoutMs: number;
  log?: (message: string) => void;
}

/** Deep enough for Postgres' recursive regex compiler on long patterns (V8's default, ~1 MB, is not). */
const WORKER_STACK_MB = 64;
/** Text-pattern operands (LIKE, ILIKE, SIMILAR TO, regex) longer than this are refused: see `checkPatterns`. */
export const PGLITE_MAX_PATTERN_LENGTH = 1000;
const TEMP_PREFIX = 'hasura-pglite-';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Opens PGlite persisted in `dir`, or in a private temporary directory when `dir` is null (`pglite://memory`). */
export async function openPglite(dir: string | null, options: PgliteOptions): Promise<Database> {
  const log = options.log ?? (() => undefined);
  let lock: DataDirLock | undefined;
  let dataDir: string;
  if (dir) {
    lock = lockDataDir(dir);
    mkdirSync(dir, { recursive: true });
    dataDir = dir;
  } else {
    removeAbandonedTempDirs();
    dataDir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  }
  const cleanUp = () => {
    lock?.release();
    if (!dir) rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);

  const session = new WorkerSession(dataDir, options.statementTimeoutMs, log);
  try {
    await fillFromTemplate(dataDir, (fresh) => initialiseCluster(fresh, log), log);
    await session.start();
  } catch (error) {
    process.off('exit', cleanUp);
    cleanUp();
    throw dir && (error as { openFailed?: boolean }).openFailed ? explainUnopenable(dir, error as Error) : error;
  }

  const turns = new Mutex(); // one statement or transaction at a time
  const asQueryable = (timed: boolean): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      checkPatterns(sql, params);
      return { rows: (await session.call({ op: 'query', sql, params }, timed)) as R[] };
    },
  });
  const direct = asQueryable(true);
  return {
    kind: 'pglite',
    description: dir
      ? `embedded PGlite at ${dir}`
      : 'embedded PGlite (in memory: a temporary directory, deleted on exit)',
    query: (sql, params) => turns.runExclusive(() => direct.query(sql, params)),
    // Scripts (migrations, seeds) may take long: no statement timeout, as with psql.
    exec: (sql) => turns.runExclusive(async () => void (await session.call({ op: 'exec', sql }, false))),
    preparedRow: (sql, params) =>
      turns.runExclusive(async () => {
        checkPatterns(sql, params);
        return (await session.call({ op: 'preparedRow', sql, params }, true)) as Array<string | null> | undefined;
      }),
    transaction: (fn) =>
      turns.runExclusive(async () => {
        const generation = session.generation;
        await session.call({ op: 'query', sql: 'BEGIN', params: [] }, true);
        try {
          const value = await fn(direct);
          await session.call({ op: 'query', sql: 'COMMIT', params: [] }, true);
          return value;
        } catch (error) {
          // A cancelled statement restarted the database: the transaction is gone already.
          if (session.generation === generation)
            await session.call({ op: 'query', sql: 'ROLLBACK', params: [] }, true).catch(() => undefined);
          throw error;
        }
      }),
    async close() {
      await turns.runExclusive(() => session.close());
      process.off('exit', cleanUp);
      cleanUp();
    },
  };
}

/** Creates an empty cluster in `dir` (PGlite's initdb) and closes it cleanly. */
async function initialiseCluster(dir: string, log: (message: string) => void): Promise<void> {
  const session = new WorkerSession(dir, 0, log);
  await session.start();
  await session.close();
}

/** The worker that owns PGlite: one request at a time, a timer per statement, a fresh worker after a cancel. */
class WorkerSession {
  /** Counts replaced workers; a transaction begun before a replacement no longer exists. */
  generation = 0;
  private worker: Worker | undefined;
  private starting: Promise<void> | undefined;
  private pending: { id: number; resolve(value: unknown): void; reject(error: Error): void } | undefined;
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly timeoutMs: number,
    private readonly log: (message: string) => void,
  ) {}

  start(): Promise<void> {
    this.starting ??= this.spawn().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async call(request: Request, timed: boolean): Promise<unknown> {
    if (this.closed) throw new Error('the embedded database is closed');
    if (!this.worker) await this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer =
        timed && this.timeoutMs > 0
          ? setTimeout(() => {
              this.log(
                `statement cancelled after ${this.timeoutMs} ms (HASURA_GRAPHQL_STATEMENT_TIMEOUT); reopening the embedded database: ` +
                  `${'sql' in request ? request.sql.slice(0, 200) : request.op}`,
              );
              this.fail(
                worker,
                Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
              );
            }, this.timeoutMs)
          : undefined;
      this.pending = {
        id,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.starting?.catch(() => undefined);
    if (this.worker) await this.call({ op: 'close' }, false).catch(() => undefined);
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private spawn(): Promise<void> {
    const worker = startWorker({ dir: this.dir });
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) {
          ready = true;
          this.worker = worker;
          resolve();
        } else if ('startupError' in reply) {
          void worker.terminate();
          reject(Object.assign(new Error(reply.startupError.message), reply.startupError, { openFailed: true }));
        } else if (this.pending?.id === reply.id) {
          const pending = this.pending;
          this.pending = undefined;
          if ('error' in reply) {
            pending.reject(Object.assign(new Error(reply.error.message), reply.error));
            if (reply.fatal) this.replace(worker, 'it failed inside WebAssembly');
          } else {
            pending.resolve(reply.value);
          }
        }
      });
      worker.on('error', (error) => {
        if (!ready) reject(error);
        else
          this.fail(
            worker,
            Object.assign(new Error(`the embedded database stopped: ${error.message}`), { code: 'XX000' }),
          );
      });
      worker.on('exit', (code) => {
        if (!ready) reject(new Error(`the embedded database's worker exited with code ${code} while opening`));
        else if (this.worker === worker && !this.closed) {
          this.fail(
            worker,
            Object.assign(new Error(`the embedded database stopped (worker exit code ${code})`), { code: 'XX000' }),
          );
        }
      });
    });
  }

  /** Rejects the request in flight and replaces the worker (its data directory is reopened). */
  private fail(worker: Worker, error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
    this.replace(worker, error.message);
  }

  private replace(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.generation++;
    // The old instance must be gone before the directory is reopened: never two PGlites on one directory.
    this.starting = worker
      .terminate()
      .then(() => (this.closed ? undefined : this.spawn()))
      .finally(() => (this.starting = undefined));
    this.starting.catch((error: Error) =>
      this.log(`cannot reopen the embedded database after "${reason}": ${error.message}`),
    );
  }
}

/** Starts `pglite-worker.ts` through tsx's loader, whichever way this process itself was started (tsx, vitest). */
function startWorker(options: WorkerOptions): Worker {
  const workerUrl = new URL('./pglite-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); })`;
  return new Worker(bootstrap, {
    eval: true,
    execArgv: [],
    workerData: options,
    resourceLimits: { stackSizeMb: WORKER_STACK_MB },
  });
}

let tsxApi: string | undefined;
function tsxApiUrl(): string {
  if (!tsxApi) {
    const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      exports: Record<string, { import: { default: string } }>;
    };
    tsxApi = pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api'].import.default)).href;
  }
  return tsxApi;
}

/**
 * PGlite evaluates a pattern match far slower than a PostgreSQL server, and statements run one at a time, so one
 * request with a huge LIKE/ILIKE/SIMILAR TO/regex pattern would hold every other request up for seconds.
 * Refused like Postgres refuses a bad pattern (a data exception), before it reaches the database.
 */
const PATTERN_OPERAND = /(?:\bI?LIKE|\bSIMILAR TO|~\*?) \$(\d+)\b/g;
const patternParams = new Map<string, number[]>();

function checkPatterns(sql: string, params: unknown[]): void {
  let indexes = patternParams.get(sql);
  if (!indexes) {
    indexes = [...sql.matchAll(PATTERN_OPERAND)].map((match) => Number(match[1]) - 1);
    if (patternParams.size > 1000) patternParams.clear();
    patternParams.set(sql, indexes);
  }
  for (const index of indexes) {
    const pattern = params[index];
    if (typeof pattern === 'string' && pattern.length > PGLITE_MAX_PATTERN_LENGTH) {
      throw Object.assign(
        new Error(
          `pattern too long for the embedded database: ${pattern.length} characters (at most ${PGLITE_MAX_PATTERN_LENGTH} on PGlite; ` +
            'a PostgreSQL server has no such limit)',
        ),
        { code: '22023' },
      );
    }
  }
}

/** A data directory PGlite cannot open: say which, and how to start over. */
function explainUnopenable(dir: string, error: Error): Error {
  const defaultDir = dir.endsWith('/.data/hasura/pglite');
  const reset = defaultDir ? `delete ${dirname(dir)} (rm -rf .data/hasura)` : `delete ${dir}`;
  return new Error(
    `cannot open the PGlite data directory ${dir}: ${error.message.split('\n')[0]}. The directory is damaged ` +
      `(or was written by another PGlite version). To start over with an empty database, stop the engine and ${reset}; ` +
      'this deletes its data, and the next start applies the migrations and seeds again.',
  );
}

/** Temporary directories of `pglite://memory` engines that were killed before they could delete them. */
function removeAbandonedTempDirs(): void {
  const root = tmpdir();
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const pid = Number(new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
