/** The model's shapes (tracked tables joined with the catalog), apart from the code that builds them. */
import type { BoolExp, ColumnInfo, TableInfo, TableMetadata } from '../../types.js';

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
  /** `configuration.custom_name`, else `articles` for public tables and `<schema>_<table>` otherwise. */
  gqlName: string;
  /** Columns by Postgres name. */
  columns: Map<string, ColumnInfo>;
  /** Columns by GraphQL field name (`column_config.<col>.custom_name`, else the column name). */
  columnsByField: Map<string, ColumnInfo>;
  relationships: RelationshipModel[];
  /** Each role's permissions, normalised (admin is not listed: it may do everything). */
  permissions: Map<string, TablePermissions>;
}

export type Model = Map<string, TableModel>;

/** The root fields Hasura generates per table. */
export type RootOperation =
  | 'select'
  | 'select_by_pk'
  | 'select_aggregate'
  | 'insert'
  | 'insert_one'
  | 'update'
  | 'update_by_pk'
  | 'update_many'
  | 'delete'
  | 'delete_by_pk';

/** A role's normalised permissions on one table. */
export interface SelectRule {
  columns: Set<string>;
  filter: BoolExp;
  limit?: number;
  allowAggregations: boolean;
}
export interface InsertRule {
  /** Columns the client may send (presets excluded). */
  columns: Set<string>;
  check: BoolExp;
  set: Record<string, unknown>;
  backendOnly: boolean;
}
export interface UpdateRule {
  columns: Set<string>;
  filter: BoolExp;
  check: BoolExp | null;
  set: Record<string, unknown>;
  backendOnly: boolean;
}
export interface DeleteRule {
  filter: BoolExp;
  backendOnly: boolean;
}
export interface TablePermissions {
  select?: SelectRule;
  insert?: InsertRule;
  update?: UpdateRule;
  delete?: DeleteRule;
}
