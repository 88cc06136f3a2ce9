/**
 * Multiplexing, as Hasura batches live queries: a Database wrapper for the subscription engine that collects the
 * prepared statements issued in one turn of the event loop and runs the ones with the same SQL text (same query
 * shape and role; only the parameters — session and query variables, stream cursors — differ) as ONE statement
 * per batch of `batchSize`: the parameter sets travel as one JSON array and each `$n::text` reads its element.
 *
 * The engine's plain-query statement is `SELECT <col>::text, …` (one JSON text column per root field, no FROM); the
 * batch wraps those columns in `json_build_array` per parameter set. A statement of another form, or a batch that
 * fails (one cohort's bad value must not fail its neighbours), runs per parameter set instead.
 */
import type { Database } from '../types.js';

interface Pending {
  params: Array<string | null>;
  resolve: (row: Array<string | null> | undefined) => void;
  reject: (error: unknown) => void;
}

export interface StatementCounter {
  /** SQL statements sent to the database by the subscription engine. */
  statements: number;
}

/** Postgres allows 100 function arguments; json_build_array takes one per root field. */
const MAX_COLUMNS = 90;

export function multiplexingDatabase(db: Database, batchSize: () => number, counter: StatementCounter): Database {
  let pending = new Map<string, Pending[]>();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const groups = pending;
    pending = new Map();
    for (const [sql, calls] of groups) {
      const size = Math.max(1, batchSize());
      for (let i = 0; i < calls.length; i += size) void runBatch(sql, calls.slice(i, i + size));
    }
  };

  const single = (sql: string, call: Pending) => {
    counter.statements++;
    db.preparedRow(sql, call.params).then(call.resolve, call.reject);
  };

  const runBatch = async (sql: string, calls: Pending[]) => {
    const batched = calls.length > 1 ? batchedStatement(sql) : null;
    if (!batched) {
      for (const call of calls) single(sql, call);
      return;
    }
    let rows: Array<Array<string | null> | null>;
    try {
      counter.statements++;
      const row = await db.preparedRow(batched, [JSON.stringify(calls.map((call) => call.params))]);
      rows = JSON.parse(row?.[0] ?? 'null') as Array<Array<string | null> | null>;
      if (!Array.isArray(rows) || rows.length !== calls.length) throw new Error('batch answered the wrong row count');
    } catch {
      for (const call of calls) single(sql, call);
      return;
    }
    calls.forEach((call, i) => call.resolve(rows[i] ?? undefined));
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
        let calls = pending.get(sql);
        if (!calls) pending.set(sql, (calls = []));
        calls.push({ params, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    // The engine's own database: its owner closes it.
    close: async () => undefined,
  };
}

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
