import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db.js';
import { applyMigrations, applySeeds } from '../src/migrations.js';
import type { Database } from '../src/types.js';
import { testDatabaseTargets, type TestDatabase } from './helpers/test-databases.js';

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

describe.each(testDatabaseTargets())('applyMigrations / applySeeds on $name', (target) => {
  let dir: string;
  let database: TestDatabase;
  let db: Database;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hasura-migrations-'));
    database = await target.create();
    db = await openDatabase(database.url);
  });
  afterEach(async () => {
    await db.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies migrations in numeric order, records them, and applies nothing twice', async () => {
    writeFiles(dir, {
      // Created second on purpose: order must come from the version, not the directory listing.
      'migrations/default/1700000000002_add_column/up.sql': 'ALTER TABLE t ADD COLUMN b text;',
      'migrations/default/1700000000001_create_t/up.sql':
        'CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);',
      'migrations/default/1700000000001_create_t/down.sql': 'DROP TABLE t;',
      'migrations/other/1700000000003_elsewhere/up.sql': 'CREATE TABLE elsewhere (id int);',
    });
    const first = await applyMigrations(db, join(dir, 'migrations'));
    expect(first.applied).toEqual(['1700000000001_create_t', '1700000000002_add_column']);
    const versions = await db.query<{ version: string; dirty: boolean }>(
      'SELECT version::text AS version, dirty FROM hdb_catalog.schema_migrations ORDER BY version',
    );
    expect(versions.rows).toEqual([
      { version: '1700000000001', dirty: false },
      { version: '1700000000002', dirty: false },
    ]);
    const second = await applyMigrations(db, join(dir, 'migrations'));
    expect(second.applied).toEqual([]);
    expect((await db.query('SELECT id, b FROM t')).rows).toEqual([{ id: 1, b: null }]);
    // The other source's migrations were not touched.
    expect((await db.query("SELECT to_regclass('public.elsewhere') AS t")).rows).toEqual([{ t: null }]);
  });

  it('rolls a failing migration back entirely and names it in the error', async () => {
    writeFiles(dir, {
      'migrations/default/1700000000001_ok/up.sql': 'CREATE TABLE a (id int);',
      'migrations/default/1700000000002_broken/up.sql': 'CREATE TABLE b (id int);\nSELECT * FROM missing_table;',
    });
    await expect(applyMigrations(db, join(dir, 'migrations'))).rejects.toThrow(
      /migration default\/1700000000002_broken failed.*missing_table/,
    );
    const tables = await db.query<{ a: string | null; b: string | null }>(
      "SELECT to_regclass('public.a')::text AS a, to_regclass('public.b')::text AS b",
    );
    expect(tables.rows).toEqual([{ a: 'a', b: null }]);
    const versions = await db.query('SELECT version::text AS version FROM hdb_catalog.schema_migrations');
    expect(versions.rows).toEqual([{ version: '1700000000001' }]);
  });

  it('rejects a badly named migration directory before applying anything', async () => {
    writeFiles(dir, {
      'migrations/default/1700000000001_ok/up.sql': 'CREATE TABLE a (id int);',
      'migrations/default/create_b/up.sql': 'CREATE TABLE b (id int);',
    });
    await expect(applyMigrations(db, join(dir, 'migrations'))).rejects.toThrow(/create_b.*13-digit version/);
    expect((await db.query("SELECT to_regclass('public.a') AS a")).rows).toEqual([{ a: null }]);
  });

  it('treats a missing migrations directory as no migrations', async () => {
    expect(await applyMigrations(db, join(dir, 'nope'))).toEqual({ applied: [] });
  });

  it('applies seeds once each in filename order', async () => {
    writeFiles(dir, {
      'migrations/default/1700000000001_create_t/up.sql': 'CREATE TABLE t (id serial PRIMARY KEY, label text);',
      'seeds/default/2_second.sql': "INSERT INTO t (label) VALUES ('second');",
      'seeds/default/1_first.sql': "INSERT INTO t (label) VALUES ('first');",
      'seeds/default/notes.txt': 'not a seed',
    });
    await applyMigrations(db, join(dir, 'migrations'));
    expect((await applySeeds(db, join(dir, 'seeds'))).applied).toEqual(['1_first.sql', '2_second.sql']);
    expect((await applySeeds(db, join(dir, 'seeds'))).applied).toEqual([]);
    expect((await db.query('SELECT label FROM t ORDER BY id')).rows).toEqual([{ label: 'first' }, { label: 'second' }]);
  });
});
