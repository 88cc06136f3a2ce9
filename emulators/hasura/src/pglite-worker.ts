/**
 * The worker thread that owns the embedded PGlite database (started by `pglite.ts`). PGlite runs Postgres as
 * WebAssembly on the thread that calls it, so a long statement would block the HTTP server if it ran on the main
 * thread; here it only blocks this thread, which the main thread can terminate on a statement timeout.
 *
 * Messages in: `{ id, op, sql, params }` (one at a time); out: `{ id, value }` or `{ id, error, fatal }`. After a
 * `fatal` error the instance must not be used again (the main thread terminates this worker and opens a new one).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, protocol } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'preparedRow'; sql: string; params: Array<string | null> }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; value: unknown }
  | { id: number; error: SerializedError; fatal: boolean }
  | { ready: true }
  | { startupError: SerializedError };

/** What survives postMessage of a Postgres error: `code` (SQLSTATE), `message`, `detail`, `hint`, … */
export type SerializedError = Record<string, unknown> & { message: string };

export interface WorkerOptions {
  dir: string;
}

/** Prepared statements kept on the embedded database (least recently used closed first). */
const PREPARED_STATEMENTS = 200;

const port = parentPort!;
const { dir } = workerData as WorkerOptions;

/**
 * PGlite runs each protocol step in `_PostgresMainLoopOnce` and silently swallows any exception that is not
 * Postgres' own error longjmp (e.g. V8's "Maximum call stack size exceeded" inside the WebAssembly): the statement
 * then "succeeds" with no result and the backend is left in a broken state. This records such an exception so
 * the request fails and the instance is replaced.
 */
let swallowed: unknown;
function watchForSwallowedExceptions(lite: PGlite): void {
  const internals = lite as unknown as { mod?: Record<string, unknown>; POSTGRES_MAIN_LONGJMP?: unknown };
  const mod = internals.mod;
  const loopOnce = mod?._PostgresMainLoopOnce;
  if (!mod || typeof loopOnce !== 'function') return; // another PGlite build: nothing to watch
  mod._PostgresMainLoopOnce = (...args: unknown[]) => {
    try {
      return loopOnce(...args);
    } catch (error) {
      if ((error as { status?: unknown } | null)?.status !== internals.POSTGRES_MAIN_LONGJMP) swallowed ??= error;
      throw error;
    }
  };
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const fields: SerializedError = { message: error.message };
    for (const [key, value] of Object.entries(error)) {
      if (value === undefined || typeof value === 'function' || typeof value === 'object') continue;
      fields[key] = value;
    }
    return fields;
  }
  return { message: String(error) };
}

async function main(): Promise<void> {
  let lite: PGlite;
  try {
    // Extensions a migration may CREATE: PGlite can only create those loaded here (a server has them installed).
    lite = new PGlite({ dataDir: dir, extensions: { pg_trgm } });
    await lite.waitReady;
  } catch (error) {
    port.postMessage({ startupError: serializeError(error) } satisfies WorkerReply);
    return;
  }
  watchForSwallowedExceptions(lite);
  const preparedRow = preparedRowOn(lite);

  port.on('message', async (request: WorkerRequest) => {
    swallowed = undefined;
    try {
      let value: unknown;
      if (request.op === 'query') value = (await lite.query(request.sql, request.params)).rows;
      else if (request.op === 'exec') await lite.exec(request.sql);
      else if (request.op === 'preparedRow') value = await preparedRow(request.sql, request.params);
      else await lite.close();
      if (swallowed !== undefined) throw swallowed;
      port.postMessage({ id: request.id, value } satisfies WorkerReply);
    } catch (error) {
      const fatal = swallowed !== undefined;
      const reply: WorkerReply = fatal
        ? {
            id: request.id,
            fatal,
            error: {
              code: 'XX000',
              message: `the embedded database (PGlite) failed inside WebAssembly: ${String(swallowed)}`,
            },
          }
        : { id: request.id, fatal, error: serializeError(error) };
      port.postMessage(reply);
    }
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}

/**
 * PGlite's `query` sends parse, describe, bind, describe, execute and sync as six calls into the database and plans
 * every time. Here a statement is parsed once under a name, then each run is one call: bind + execute + sync.
 */
function preparedRowOn(lite: PGlite) {
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
  return async (sql: string, params: Array<string | null>): Promise<Array<string | null> | undefined> => {
    let name = names.get(sql);
    if (name) {
      names.delete(sql);
    } else {
      name = `hasura_${counter++}`;
      const evicted = names.size >= PREPARED_STATEMENTS ? names.entries().next().value : undefined;
      try {
        const close = evicted ? [serialize.close({ type: 'S', name: evicted[1] })] : [];
        await send(...close, serialize.parse({ name, text: sql, types: [] }), serialize.sync());
      } finally {
        if (evicted) names.delete(evicted[0]);
      }
    }
    names.set(sql, name);
    const messages = await send(
      serialize.bind({ statement: name, values: params }),
      serialize.execute({}),
      serialize.sync(),
    );
    // A statement that ran to the end says so; anything else is a failure, never "no rows".
    if (!messages.some((message) => message.name === 'commandComplete')) {
      throw Object.assign(new Error('the embedded database (PGlite) returned no result for the statement'), {
        code: 'XX000',
      });
    }
    return (messages.find((message) => message.name === 'dataRow') as { fields: Array<string | null> } | undefined)
      ?.fields;
  };
}

void main();
