/**
 * The tracked tables joined with their catalog entries: GraphQL names, columns by name and relationships resolved to
 * column mappings. Built once per engine; everything else (schema, SQL) reads this instead of raw metadata.
 */
import type {
  Catalog,
  ForeignKeyInfo,
  InconsistentObject,
  Metadata,
  QualifiedTable,
  RelationshipMetadata,
} from '../../types.js';
import { normalisePermissions } from './permissions.js';
import type { Model, RelationshipModel, RootOperation, TableModel } from './types.js';

export type { Model, RelationshipModel, RootOperation, TableModel } from './types.js';

/** The GraphQL field name of a column. */
export function fieldOf(table: TableModel, column: string): string {
  return table.meta.configuration?.column_config?.[column]?.custom_name ?? column;
}

const DEFAULT_ROOT_FIELDS: Record<RootOperation, (name: string) => string> = {
  select: (name) => name,
  select_by_pk: (name) => `${name}_by_pk`,
  select_aggregate: (name) => `${name}_aggregate`,
  insert: (name) => `insert_${name}`,
  insert_one: (name) => `insert_${name}_one`,
  update: (name) => `update_${name}`,
  update_by_pk: (name) => `update_${name}_by_pk`,
  update_many: (name) => `update_${name}_many`,
  delete: (name) => `delete_${name}`,
  delete_by_pk: (name) => `delete_${name}_by_pk`,
};

/** A root field's name: `configuration.custom_root_fields.<operation>`, else Hasura's default. */
export function rootFieldName(table: TableModel, operation: RootOperation): string {
  const custom = table.meta.configuration?.custom_root_fields?.[operation];
  const name = typeof custom === 'string' ? custom : custom?.name;
  return name || DEFAULT_ROOT_FIELDS[operation](table.gqlName);
}

const tableKey = (table: QualifiedTable) => `${table.schema}.${table.name}`;

function qualified(table: QualifiedTable | string): QualifiedTable {
  return typeof table === 'string'
    ? { schema: 'public', name: table }
    : { schema: table.schema ?? 'public', name: table.name };
}

/**
 * The tracked tables that exist, their relationships and permissions. Like Hasura, anything inconsistent with the
 * database or the rest of the metadata (a missing table, a relationship without its foreign key, a permission
 * naming an unknown column or operator, …) is reported in `inconsistencies` and left out; the rest is served.
 */
export function buildModel(
  catalog: Catalog,
  metadata: Metadata,
): { model: Model; inconsistencies: InconsistentObject[] } {
  const inconsistencies: InconsistentObject[] = [];
  const infos = new Map(catalog.tables.map((info) => [tableKey(info), info]));
  const model: Model = new Map();
  for (const meta of metadata.sources[0]?.tables ?? []) {
    const info = infos.get(tableKey(meta.table));
    if (!info) {
      inconsistencies.push({
        type: 'table',
        name: tableKey(meta.table),
        reason: 'no such table/view exists in source',
      });
      continue;
    }
    if (model.has(tableKey(meta.table))) {
      inconsistencies.push({ type: 'table', name: tableKey(meta.table), reason: 'the table is tracked twice' });
      continue;
    }
    const table: TableModel = {
      info,
      meta,
      gqlName:
        meta.configuration?.custom_name || (info.schema === 'public' ? info.name : `${info.schema}_${info.name}`),
      columns: new Map(info.columns.map((column) => [column.name, column])),
      columnsByField: new Map(),
      relationships: [],
      permissions: new Map(),
    };
    for (const column of info.columns) table.columnsByField.set(fieldOf(table, column.name), column);
    model.set(tableKey(meta.table), table);
  }
  for (const table of model.values()) {
    for (const kind of ['object', 'array'] as const) {
      const list = table.meta[`${kind}_relationships`] ?? [];
      for (const rel of list) {
        try {
          if (typeof rel?.name !== 'string' || !rel.using) throw new Error('a relationship needs "name" and "using"');
          if (table.columns.has(rel.name) || table.relationships.some((r) => r.name === rel.name)) {
            throw new Error(`the name "${rel.name}" is already a column or relationship of the table`);
          }
          table.relationships.push(resolveRelationship(model, table, rel, kind));
        } catch (error) {
          inconsistencies.push({
            type: `${kind}_relation`,
            name: `${tableKey(table.info)}.${String(rel?.name)}`,
            reason: (error as Error).message,
          });
        }
      }
    }
  }
  // Permissions last: their expressions may follow any relationship and name any tracked table.
  for (const table of model.values()) table.permissions = normalisePermissions(model, table, inconsistencies);
  return { model, inconsistencies };
}

function resolveRelationship(
  model: Model,
  table: TableModel,
  rel: RelationshipMetadata,
  kind: 'object' | 'array',
): RelationshipModel {
  const lookup = (target: QualifiedTable | string): TableModel => {
    const remote = model.get(tableKey(qualified(target)));
    if (!remote) throw new Error(`remote table "${tableKey(qualified(target))}" is not tracked`);
    return remote;
  };
  const requireColumns = (owner: TableModel, columns: string[]) => {
    for (const column of columns) {
      if (!owner.columns.has(column)) throw new Error(`column "${column}" not found in "${tableKey(owner.info)}"`);
    }
  };
  if ('manual_configuration' in rel.using) {
    const remote = lookup(rel.using.manual_configuration.remote_table);
    const mapping = Object.entries(rel.using.manual_configuration.column_mapping ?? {});
    if (mapping.length === 0) throw new Error('column_mapping is empty');
    requireColumns(
      table,
      mapping.map(([local]) => local),
    );
    requireColumns(
      remote,
      mapping.map(([, far]) => far),
    );
    return { name: rel.name, kind, remote, mapping, alwaysPresent: false };
  }
  const on = rel.using.foreign_key_constraint_on;
  if (typeof on === 'string' || Array.isArray(on)) {
    // The foreign key is on this table, pointing at the remote one.
    const columns = typeof on === 'string' ? [on] : on;
    const fk = findForeignKey(table.info.foreignKeys, columns);
    if (!fk) throw new Error(`no foreign key on (${columns.join(', ')})`);
    const remote = lookup({ schema: fk.refSchema, name: fk.refTable });
    const mapping = fk.columns.map((column, i): [string, string] => [column, fk.refColumns[i]]);
    const alwaysPresent = kind === 'object' && fk.columns.every((column) => !table.columns.get(column)!.nullable);
    return { name: rel.name, kind, remote, mapping, alwaysPresent };
  }
  if (!on || typeof on !== 'object') throw new Error('"using" needs foreign_key_constraint_on or manual_configuration');
  // The foreign key is on the remote table, pointing back at this one.
  const remote = lookup(on.table);
  const columns = on.columns ?? (on.column ? [on.column] : []);
  const fk = findForeignKey(remote.info.foreignKeys, columns);
  if (!fk) throw new Error(`no foreign key on "${tableKey(remote.info)}" (${columns.join(', ')})`);
  const mapping = fk.columns.map((column, i): [string, string] => [fk.refColumns[i], column]);
  return { name: rel.name, kind, remote, mapping, alwaysPresent: false };
}

function findForeignKey(foreignKeys: ForeignKeyInfo[], columns: string[]): ForeignKeyInfo | undefined {
  return foreignKeys.find((fk) => fk.columns.length === columns.length && fk.columns.every((c) => columns.includes(c)));
}
