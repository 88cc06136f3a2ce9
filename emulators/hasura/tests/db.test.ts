/** `Database.preparedRow`: prepared statements kept per SQL text, on PGlite and (with TEST_DATABASE_URL) PostgreSQL. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../src/db.js';
import type { Database } from '../src/types.js';
import { testDatabaseTargets, type TestDatabase } from './helpers/test-databases.js';

describe.each(testDatabaseTargets())('preparedRow on $name', (target) => {
  let database: TestDatabase;
  let db: Database;
  beforeEach(async () => {
    database = await target.create();
    db = await openDatabase(database.url);
    await db.exec('CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2);');
  });
  afterEach(async () => {
    await db.close();
    await database.drop();
  });

  it('answers the first row as text, again and again, for more statements than PGlite keeps', async () => {
    const sql = (n: number) => `SELECT (count(*) + ${n})::text, $1::text, NULL::text FROM t`;
    for (let round = 0; round < 2; round++) {
      for (let n = 0; n < 210; n++)
        expect(await db.preparedRow(sql(n), [`p${n}`])).toEqual([String(2 + n), `p${n}`, null]);
    }
    expect(await db.preparedRow('SELECT a::text FROM t WHERE false', [])).toBeUndefined();
  });

  it('fails like an unprepared statement, and a failure leaves nothing half-prepared', async () => {
    const bad = 'SELECT nope FROM t';
    for (let i = 0; i < 2; i++) await expect(db.preparedRow(bad, [])).rejects.toMatchObject({ code: '42703' });
    const cast = 'SELECT $1::text::int::text';
    await expect(db.preparedRow(cast, ['x'])).rejects.toMatchObject({ code: '22P02' });
    expect(await db.preparedRow(cast, ['7'])).toEqual(['7']);
  });

  it('sees schema changes made after the statement was prepared', async () => {
    const sql = "SELECT string_agg(a::text, ',' ORDER BY a) FROM t";
    expect(await db.preparedRow(sql, [])).toEqual(['1,2']);
    await db.exec("DROP TABLE t; CREATE TABLE t (b text, a int); INSERT INTO t VALUES ('x', 5);");
    expect(await db.preparedRow(sql, [])).toEqual(['5']);
  });

  it("never runs inside another request's transaction", async () => {
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const rolledBack = db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (3)');
        inserted();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await insertedYet;
    expect(await db.preparedRow('SELECT count(*)::text FROM t', [])).toEqual(['2']);
    expect(await rolledBack).toBe('rolled back');
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('a PostgreSQL connection the server ends', () => {
  it('is dropped from the pool without taking the engine down, and the next statement runs', async () => {
    const database = await testDatabaseTargets()[1]!.create();
    const db = await openDatabase(database.url);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      // An idle pooled connection, ended by the server (an admin, a restart, a failover).
      const [pid] = (await db.preparedRow('SELECT pg_backend_pid()::text', [])) ?? [];
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1::int)', [pid]);
      await admin.end();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uncaught).toEqual([]);
      expect(await db.preparedRow('SELECT 1::text', [])).toEqual(['1']);
    } finally {
      process.off('uncaughtException', onUncaught);
      await db.close();
      await database.drop();
    }
  });
});
