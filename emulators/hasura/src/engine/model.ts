/**
 * The tracked tables joined with their catalog entries: GraphQL names, columns by name and relationships resolved to
 * column mappings. Built once per engine; everything else (schema, SQL) reads this instead of raw metadata.
 */
import type {
  Catalog,
  ColumnInfo,
  ForeignKeyInfo,
  Metadata,
  QualifiedTable,
  RelationshipMetadata,
  TableInfo,
  TableMetadata,
} from '../types.js';

export interface RelationshipModel {
  name: string;
  kind: 'object' | 'array';
  remote: TableModel;
  /** Pairs [local column, remote column]; the join is their conjunction. */
  mapping: Array<[string, string]>;
  /** True when the local side is a NOT NULL foreign key, i.e. a remote row always exists. */
  alwaysPresent: boolean;
}

export interface TableModel {
  info: TableInfo;
  meta: TableMetadata;
  /** `articles` for public tables, `<schema>_<table>` otherwise. */
  gqlName: string;
  columns: Map<string, ColumnInfo>;
  relationships: RelationshipModel[];
}

export type Model = Map<string, TableModel>;

const tableKey = (table: QualifiedTable) => `${table.schema}.${table.name}`;

function qualified(table: QualifiedTable | string): QualifiedTable {
  return typeof table === 'string' ? { schema: 'public', name: table } : { schema: table.schema ?? 'public', name: table.name };
}

export function buildModel(catalog: Catalog, metadata: Metadata): Model {
  const infos = new Map(catalog.tables.map((info) => [tableKey(info), info]));
  const model: Model = new Map();
  for (const meta of metadata.sources[0]?.tables ?? []) {
    const info = infos.get(tableKey(meta.table));
    if (!info) throw new Error(`metadata tracks table "${tableKey(meta.table)}", which does not exist in the database`);
    model.set(tableKey(meta.table), {
      info,
      meta,
      gqlName: info.schema === 'public' ? info.name : `${info.schema}_${info.name}`,
      columns: new Map(info.columns.map((column) => [column.name, column])),
      relationships: [],
    });
  }
  for (const table of model.values()) {
    for (const rel of table.meta.object_relationships ?? []) table.relationships.push(resolveRelationship(model, table, rel, 'object'));
    for (const rel of table.meta.array_relationships ?? []) table.relationships.push(resolveRelationship(model, table, rel, 'array'));
  }
  return model;
}

function resolveRelationship(model: Model, table: TableModel, rel: RelationshipMetadata, kind: 'object' | 'array'): RelationshipModel {
  const where = `relationship "${rel.name}" of table "${tableKey(table.info)}"`;
  const lookup = (target: QualifiedTable | string): TableModel => {
    const remote = model.get(tableKey(qualified(target)));
    if (!remote) throw new Error(`${where}: remote table "${tableKey(qualified(target))}" is not tracked`);
    return remote;
  };
  const requireColumns = (owner: TableModel, columns: string[]) => {
    for (const column of columns) {
      if (!owner.columns.has(column)) throw new Error(`${where}: column "${column}" not found in "${tableKey(owner.info)}"`);
    }
  };
  if ('manual_configuration' in rel.using) {
    const remote = lookup(rel.using.manual_configuration.remote_table);
    const mapping = Object.entries(rel.using.manual_configuration.column_mapping);
    requireColumns(table, mapping.map(([local]) => local));
    requireColumns(remote, mapping.map(([, far]) => far));
    return { name: rel.name, kind, remote, mapping, alwaysPresent: false };
  }
  const on = rel.using.foreign_key_constraint_on;
  if (typeof on === 'string' || Array.isArray(on)) {
    // The foreign key is on this table, pointing at the remote one.
    const columns = typeof on === 'string' ? [on] : on;
    const fk = findForeignKey(table.info.foreignKeys, columns);
    if (!fk) throw new Error(`${where}: no foreign key on (${columns.join(', ')})`);
    const remote = lookup({ schema: fk.refSchema, name: fk.refTable });
    const mapping = fk.columns.map((column, i): [string, string] => [column, fk.refColumns[i]]);
    const alwaysPresent = kind === 'object' && fk.columns.every((column) => !table.columns.get(column)!.nullable);
    return { name: rel.name, kind, remote, mapping, alwaysPresent };
  }
  // The foreign key is on the remote table, pointing back at this one.
  const remote = lookup(on.table);
  const columns = on.columns ?? (on.column ? [on.column] : []);
  const fk = findForeignKey(remote.info.foreignKeys, columns);
  if (!fk) throw new Error(`${where}: no foreign key on "${tableKey(remote.info)}" (${columns.join(', ')})`);
  const mapping = fk.columns.map((column, i): [string, string] => [fk.refColumns[i], column]);
  return { name: rel.name, kind, remote, mapping, alwaysPresent: false };
}

function findForeignKey(foreignKeys: ForeignKeyInfo[], columns: string[]): ForeignKeyInfo | undefined {
  return foreignKeys.find((fk) => fk.columns.length === columns.length && fk.columns.every((c) => columns.includes(c)));
}
