/**
 * Multiplexing, as Hasura batches live queries: statements with the same SQL text (same query shape and role; only
 * the parameters — session and query variables, stream cursors — differ) run as ONE statement per batch of
 * `batchSize` parameter sets: the sets travel as one JSON array and each `$n::text` reads its element.
 *
 * The engine's plain-query statement is `SELECT <col>::text, …` (one JSON text column per root field, no FROM); the
 * batch wraps those columns in `json_build_array` per parameter set. A statement of another form, or a batch that
 * fails (one cohort's bad value must not fail its neighbours), runs per parameter set instead.
 */
import type { Database } from '../types.js';

export interface StatementCounter {
  /** SQL statements sent to the database by the subscription engine. */
  statements: number;
}

type Row = Array<string | null> | undefined;
/** One parameter set's answer: its row, or the error its statement failed with. */
export type Answer = { row: Row } | { error: unknown };

/** Postgres allows 100 function arguments; json_build_array takes one per root field. */
const MAX_COLUMNS = 90;

/**
 * Runs one SQL text for many parameter sets: one statement per batch of `batchSize()` sets, the batches sent
 * together (Hasura runs them concurrently on its pool). Each answer keeps its set's position.
 */
export function multiplexer(db: Database, batchSize: () => number, counter: StatementCounter) {
  const single = async (sql: string, params: Array<string | null>): Promise<Answer> => {
    counter.statements++;
    try {
      return { row: await db.preparedRow(sql, params) };
    } catch (error) {
      return { error };
    }
  };

  const batch = async (sql: string, sets: Array<Array<string | null>>): Promise<Answer[]> => {
    const batched = sets.length > 1 ? batchedStatement(sql) : null;
    if (batched) {
      try {
        counter.statements++;
        const row = await db.preparedRow(batched, [JSON.stringify(sets)]);
        const rows = JSON.parse(row?.[0] ?? 'null') as Array<Row | null>;
        if (!Array.isArray(rows) || rows.length !== sets.length) throw new Error('batch answered the wrong row count');
        return rows.map((r) => ({ row: r ?? undefined }));
      } catch {
        // One set's bad value must not fail its neighbours: each runs alone, failing alone.
      }
    }
    return Promise.all(sets.map((params) => single(sql, params)));
  };

  return async (sql: string, sets: Array<Array<string | null>>): Promise<Answer[]> => {
    const size = Math.max(1, batchSize());
    const batches: Array<Promise<Answer[]>> = [];
    for (let i = 0; i < sets.length; i += size) batches.push(batch(sql, sets.slice(i, i + size)));
    return (await Promise.all(batches)).flat();
  };
}

export type Multiplexer = ReturnType<typeof multiplexer>;

/**
 * The subscription engine's database: the prepared statements issued in one turn of the event loop (streams,
 * operations started together) are grouped by SQL text and multiplexed; everything else passes through, counted.
 */
export function multiplexingDatabase(db: Database, run: Multiplexer, counter: StatementCounter): Database {
  let pending = new Map<string, Array<{ params: Array<string | null>; settle: (answer: Answer) => void }>>();

  const flush = () => {
    const groups = pending;
    pending = new Map();
    for (const [sql, calls] of groups)
      void run(
        sql,
        calls.map((call) => call.params),
      ).then((answers) => answers.forEach((answer, i) => calls[i].settle(answer)));
  };

  return {
    kind: db.kind,
    description: db.description,
    query(sql, params) {
      counter.statements++;
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
    transaction(fn) {
      counter.statements++;
      return db.transaction(fn);
    },
    preparedRow(sql, params) {
      return new Promise((resolve, reject) => {
        if (pending.size === 0) setImmediate(flush);
        let calls = pending.get(sql);
        if (!calls) pending.set(sql, (calls = []));
        calls.push({ params, settle: (answer) => ('row' in answer ? resolve(answer.row) : reject(answer.error)) });
      });
    },
    // The engine's own database: its owner closes it.
    close: async () => undefined,
  };
}

/** Multiplexed statements per SQL text: built once per query shape. */
const cache = new Map<string, string | null>();

/** The statement answering every parameter set of `sql` at once, or null when `sql` is not of the plain form. */
export function batchedStatement(sql: string): string | null {
  if (cache.has(sql)) return cache.get(sql)!;
  let result: string | null = null;
  const match = /^SELECT ([\s\S]+)$/.exec(sql);
  // Every parameter must be a `$n::text` (the engine's Params) so it can read the set's element as text.
  if (match && !/\$\d+(?!\d*::text)/.test(sql)) {
    const columns = match[1].replace(/\$(\d+)::text/g, (_, n: string) => `(_mx.p->>${Number(n) - 1})::text`);
    const columnCount = topLevelCommas(columns) + 1;
    if (columnCount <= MAX_COLUMNS && isSelectList(columns)) {
      result =
        `SELECT json_agg(_mx_rows.r ORDER BY _mx_rows.i)::text FROM (SELECT _mx.i, json_build_array(${columns}) AS r ` +
        `FROM json_array_elements($1::text::json) WITH ORDINALITY AS _mx(p, i)) AS _mx_rows`;
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(sql, result);
  return result;
}

/** Commas outside parentheses, quotes and identifiers. */
function topLevelCommas(text: string): number {
  let depth = 0;
  let commas = 0;
  let quote: string | null = null;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) commas++;
  }
  return commas;
}

/** A select list only: no top-level FROM / WHERE / … clause after the columns. */
function isSelectList(text: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  let outside = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0) outside += char;
  }
  return !/\b(FROM|WHERE|GROUP|ORDER|LIMIT|UNION|HAVING)\b/i.test(outside);
}
