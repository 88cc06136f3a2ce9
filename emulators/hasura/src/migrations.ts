/**
 * Applies a Hasura CLI project's migrations (and, as a local extension, its seeds) to the engine's database.
 *
 * Layout (config v3): `migrations/<source>/<version>_<name>/up.sql`, version = 13-digit millisecond timestamp.
 * Applied versions are recorded in `hdb_catalog.schema_migrations` (the table the Hasura CLI keeps), so a
 * restart applies nothing twice. Seeds (`seeds/<source>/*.sql`) are recorded in `hdb_catalog.local_seeds`,
 * a table of our own: the real `cli-migrations-v3` image never applies seeds.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './types.js';

const MIGRATION_DIR = /^(\d{13})_(.+)$/;

interface Migration {
  version: string;
  /** The directory name, `<version>_<name>`, used in logs and errors. */
  id: string;
  upSql: string;
}

/** Reads the migrations of one source in numeric version order; a missing directory means none. */
function readMigrations(migrationsDir: string, sourceName = 'default'): Migration[] {
  const sourceDir = join(migrationsDir, sourceName);
  if (!existsSync(sourceDir)) return [];
  const migrations: Migration[] = [];
  for (const entry of readdirSync(sourceDir)) {
    const path = join(sourceDir, entry);
    if (!statSync(path).isDirectory()) continue;
    const match = MIGRATION_DIR.exec(entry);
    if (!match) {
      throw new Error(`migration directory "${path}" must be named <13-digit version>_<name>`);
    }
    const upPath = join(path, 'up.sql');
    // A migration with only down.sql has nothing to apply, like in the Hasura CLI.
    if (!existsSync(upPath)) continue;
    migrations.push({ version: match[1], id: entry, upSql: readFileSync(upPath, 'utf8') });
  }
  migrations.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : a.version === b.version ? 0 : 1));
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw new Error(
        `migrations "${migrations[i - 1].id}" and "${migrations[i].id}" share version ${migrations[i].version}`,
      );
    }
  }
  return migrations;
}

/** Applies every not-yet-applied migration of `sourceName`, each atomically with its bookkeeping row. */
export async function applyMigrations(
  db: Database,
  migrationsDir: string,
  sourceName = 'default',
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(migrationsDir, sourceName);
  await db.exec(`
    CREATE SCHEMA IF NOT EXISTS hdb_catalog;
    CREATE TABLE IF NOT EXISTS hdb_catalog.schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
  `);
  const done = await db.query<{ version: string }>(
    'SELECT version::text AS version FROM hdb_catalog.schema_migrations',
  );
  const appliedBefore = new Set(done.rows.map((row) => row.version));
  const applied: string[] = [];
  for (const migration of migrations) {
    if (appliedBefore.has(migration.version)) continue;
    // One simple-protocol script = one implicit transaction: the migration and its record commit together or
    // not at all. The version is 13 validated digits, so splicing it is safe.
    await runScript(
      db,
      `${migration.upSql}\n;\nINSERT INTO hdb_catalog.schema_migrations (version, dirty) VALUES (${migration.version}, false);`,
      `migration ${sourceName}/${migration.id}`,
    );
    applied.push(migration.id);
  }
  return { applied };
}

/** Applies every not-yet-applied `seeds/<source>/*.sql` file once, in filename order. */
export async function applySeeds(
  db: Database,
  seedsDir: string,
  sourceName = 'default',
): Promise<{ applied: string[] }> {
  const sourceDir = join(seedsDir, sourceName);
  const files = existsSync(sourceDir)
    ? readdirSync(sourceDir)
        .filter((file) => file.endsWith('.sql'))
        .sort()
    : [];
  await db.exec(`
    CREATE SCHEMA IF NOT EXISTS hdb_catalog;
    CREATE TABLE IF NOT EXISTS hdb_catalog.local_seeds (
      source text NOT NULL, filename text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, filename));
  `);
  const done = await db.query<{ filename: string }>('SELECT filename FROM hdb_catalog.local_seeds WHERE source = $1', [
    sourceName,
  ]);
  const appliedBefore = new Set(done.rows.map((row) => row.filename));
  const applied: string[] = [];
  for (const file of files) {
    if (appliedBefore.has(file)) continue;
    const sql = readFileSync(join(sourceDir, file), 'utf8');
    await runScript(
      db,
      `${sql}\n;\nINSERT INTO hdb_catalog.local_seeds (source, filename) VALUES (${quoteLiteral(sourceName)}, ${quoteLiteral(file)});`,
      `seed ${sourceName}/${file}`,
    );
    applied.push(file);
  }
  return { applied };
}

async function runScript(db: Database, sql: string, label: string): Promise<void> {
  try {
    await db.exec(sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${label} failed (nothing of it was applied): ${message}`, { cause: error });
  }
}

/** Quotes a string as a Postgres literal (for names read from the file system, inside a script without parameters). */
function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
