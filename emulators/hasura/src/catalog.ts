/**
 * Reads the tables the engine can serve from pg_catalog: columns (pg type names, nullability, defaults), primary
 * keys, unique constraints and foreign keys. Plain catalog queries, so it works on PostgreSQL and on PGlite.
 */
import type { Catalog, ConstraintInfo, ForeignKeyInfo, Queryable, TableInfo } from './types.js';

interface ColumnRow {
  schema: string;
  table: string;
  name: string;
  pg_type: string;
  not_null: boolean;
  has_default: boolean;
}

interface ConstraintRow {
  schema: string;
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f';
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
}

const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast', 'hdb_catalog'];

/** `schemas` limits the result; by default every non-system schema is read. */
export async function readCatalog(db: Queryable, schemas?: string[]): Promise<Catalog> {
  const schemaFilter = schemas
    ? { sql: 'n.nspname = ANY($1::text[])', param: schemas }
    : { sql: "NOT (n.nspname = ANY($1::text[])) AND n.nspname NOT LIKE 'pg_temp%'", param: SYSTEM_SCHEMAS };

  const columns = await db.query<ColumnRow>(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS name,
            coalesce(bt.typname, t.typname) AS pg_type, a.attnotnull AS not_null,
            (a.atthasdef OR a.attidentity <> '') AS has_default
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_catalog.pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND ${schemaFilter.sql}
      ORDER BY n.nspname, c.relname, a.attnum`,
    [schemaFilter.param],
  );

  const constraints = await db.query<ConstraintRow>(
    `SELECT n.nspname AS schema, c.relname AS table, con.conname AS name, con.contype AS kind,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS columns,
            rn.nspname AS ref_schema, rc.relname AS ref_table,
            CASE WHEN con.contype = 'f' THEN
              ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                     ORDER BY k.ord)
            END AS ref_columns
       FROM pg_catalog.pg_constraint con
       JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
       LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE con.contype IN ('p', 'u', 'f') AND ${schemaFilter.sql}
      ORDER BY n.nspname, c.relname, con.conname`,
    [schemaFilter.param],
  );

  const tables = new Map<string, TableInfo>();
  const key = (schema: string, table: string) => `${schema}.${table}`;
  for (const row of columns.rows) {
    let table = tables.get(key(row.schema, row.table));
    if (!table) {
      table = {
        schema: row.schema,
        name: row.table,
        columns: [],
        primaryKey: null,
        uniqueConstraints: [],
        foreignKeys: [],
      };
      tables.set(key(row.schema, row.table), table);
    }
    table.columns.push({ name: row.name, pgType: row.pg_type, nullable: !row.not_null, hasDefault: row.has_default });
  }
  for (const row of constraints.rows) {
    const table = tables.get(key(row.schema, row.table));
    if (!table) continue;
    const constraint: ConstraintInfo = { name: row.name, columns: row.columns };
    if (row.kind === 'p') {
      table.primaryKey = constraint;
      table.uniqueConstraints.unshift(constraint);
    } else if (row.kind === 'u') {
      table.uniqueConstraints.push(constraint);
    } else {
      const foreignKey: ForeignKeyInfo = {
        ...constraint,
        refSchema: row.ref_schema!,
        refTable: row.ref_table!,
        refColumns: row.ref_columns!,
      };
      table.foreignKeys.push(foreignKey);
    }
  }
  return { tables: [...tables.values()] };
}
