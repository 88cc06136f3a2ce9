/**
 * The typed intermediate representation of an operation: one entry per root field, built from the request, the
 * normalised metadata and the session (`./build.ts`), read by the SQL compilers (`../sql/`) and the executor
 * (`../execute/`). It holds no GraphQL AST and no schema objects: names are resolved to tables and columns,
 * permissions are merged into filters, session variables and arguments are bound values, `__typename` is a
 * constant. The only exception is an introspection root field, which graphql-js answers from its AST node.
 */
import type { FieldNode } from 'graphql';
import type { RelationshipModel, TableModel } from '../metadata/model.js';
import type { AggregateFunction } from '../scalars.js';

/** A value as Postgres text (null: SQL NULL), cast to `pgType` in SQL. */
export interface Bound {
  text: string | null;
  pgType: string;
}

// ---------- boolean expressions ----------

export type BoolIR =
  | { kind: 'const'; value: boolean }
  | { kind: 'and' | 'or'; items: BoolIR[] }
  | { kind: 'not'; item: BoolIR }
  /** `_exists`: some row of `table` matches, unrelated to the current row. */
  | { kind: 'exists'; table: TableModel; where: BoolIR }
  /** Some related row matches `where` (which already holds the remote table's permission filter when needed). */
  | { kind: 'related'; relationship: RelationshipModel; where: BoolIR }
  | { kind: 'compare'; left: Operand; test: Comparison };

export type Operand =
  | { kind: 'column'; column: string }
  /** An aggregate over the related rows (`articles_aggregate: {count: {predicate: …}}`). */
  | {
      kind: 'aggregate';
      relationship: RelationshipModel;
      fn: 'count' | 'bool_and' | 'bool_or';
      columns: string[];
      distinct: boolean;
      filter: BoolIR;
    };

export type Comparison =
  | { kind: 'is_null'; negate: boolean }
  /** `=`, `<>`, `LIKE`, `@>`, `?`, … with a bound right-hand side. */
  | { kind: 'binary'; operator: string; right: Bound }
  | { kind: 'in'; negate: boolean; items: Bound[] }
  /** `= ANY(array)` for an array-valued session variable (`{a,b}`). */
  | { kind: 'in_array'; negate: boolean; array: Bound }
  | { kind: 'has_keys'; all: boolean; keys: Bound[] | Bound }
  /** A column of the same row (`_ceq`, `_cgt`, …). */
  | { kind: 'column'; operator: string; column: string };

// ---------- selections ----------

export type Direction = 'ASC NULLS LAST' | 'ASC NULLS FIRST' | 'DESC NULLS FIRST' | 'DESC NULLS LAST';

export type OrderTarget =
  | { kind: 'column'; column: string }
  /** Through an object relationship: the related row's value (`filter`: the remote permission). */
  | { kind: 'object'; relationship: RelationshipModel; filter: BoolIR; target: OrderTarget }
  /** An aggregate of an array relationship's rows the role may see. */
  | {
      kind: 'aggregate';
      relationship: RelationshipModel;
      filter: BoolIR;
      fn: 'count' | AggregateFunction;
      column?: string;
    };

export interface OrderItem {
  target: OrderTarget;
  direction: Direction;
}

/** Rows of a table: the role's filter AND the request's `where`, ordered, de-duplicated, limited. */
export interface RowSet {
  table: TableModel;
  filter: BoolIR;
  orderBy: OrderItem[];
  /** DISTINCT ON these columns (checked against `orderBy` already). */
  distinctOn: string[];
  limit: number | null;
  /** Decimal text of a 64-bit integer. */
  offset: string | null;
}

/** A constant value (`__typename`). */
export interface Constant {
  kind: 'constant';
  key: string;
  value: string;
}

export interface ColumnField {
  kind: 'column';
  key: string;
  column: string;
  pgType: string;
  /** Keys of a json/jsonb column's `path` argument (Postgres' `#>`). */
  jsonPath: string[] | null;
  /** HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES on a bigint/numeric column. */
  asText: boolean;
}

export type RowField =
  | Constant
  | ColumnField
  | { kind: 'object'; key: string; relationship: RelationshipModel; filter: BoolIR; fields: RowField[] }
  | { kind: 'array'; key: string; relationship: RelationshipModel; rows: RowSet; fields: RowField[] }
  | { kind: 'array_aggregate'; key: string; relationship: RelationshipModel; aggregate: AggregateSelection };

export interface AggregateSelection {
  rows: RowSet;
  /** The role's row limit, applied to `nodes` only (not to the aggregates, as in Hasura). */
  nodesLimit: number | null;
  fields: AggregateField[];
}

export type AggregateField =
  | Constant
  | { kind: 'nodes'; key: string; fields: RowField[] }
  | { kind: 'aggregate'; key: string; fields: AggregateValue[] };

export type AggregateValue =
  | Constant
  | { kind: 'count'; key: string; columns: string[]; distinct: boolean }
  | { kind: 'function'; key: string; fn: AggregateFunction; fields: Array<Constant | ColumnField> };

// ---------- mutations ----------

/** `affected_rows` / `returning` of a mutation response, or the row of an `_one` / `_by_pk` field. */
export type MutationOutput =
  | { single: true; visible: BoolIR; fields: RowField[] }
  | {
      single: false;
      visible: BoolIR;
      fields: Array<
        Constant | { kind: 'affected_rows'; key: string } | { kind: 'returning'; key: string; fields: RowField[] }
      >;
    };

export interface InsertTarget {
  table: TableModel;
  /** Column presets of the insert permission. */
  presets: Array<[column: string, value: Bound]>;
  check: BoolIR | null;
  onConflict: OnConflict | null;
}

export interface OnConflict {
  constraint: string;
  /** Empty: DO NOTHING. */
  updateColumns: string[];
  /** The update permission's presets, filter AND the request's `where`, and check. */
  presets: Array<[column: string, value: Bound]>;
  filter: BoolIR;
  check: BoolIR | null;
}

export interface InsertRow {
  values: Array<[column: string, value: Bound]>;
  /** Object relationships inserted first; their rows fill `columns` (local ← remote). */
  parents: Array<{ relationship: RelationshipModel; target: InsertTarget; row: InsertRow; path: string }>;
  /** Array relationships inserted after the row; the row fills their join columns. */
  children: Array<{ relationship: RelationshipModel; target: InsertTarget; rows: InsertRow[] }>;
}

export interface UpdateSpec {
  /** SET items: the request's operators then the permission's presets. Empty: nothing to update. */
  sets: Array<{ column: string; operator: UpdateOperator; value: Bound }>;
  filter: BoolIR;
}

export type UpdateOperator =
  '_set' | '_inc' | '_append' | '_prepend' | '_delete_key' | '_delete_elem' | '_delete_at_path' | 'preset';

// ---------- root fields ----------

export type RootField =
  | Constant
  /** `__schema` / `__type`: answered by graphql-js from the schema. */
  | { kind: 'introspection'; key: string; nodes: FieldNode[] }
  | { kind: 'select'; key: string; rows: RowSet; fields: RowField[] }
  | { kind: 'select_aggregate'; key: string; aggregate: AggregateSelection }
  | { kind: 'select_by_pk'; key: string; table: TableModel; filter: BoolIR; fields: RowField[] }
  | { kind: 'insert'; key: string; path: string; target: InsertTarget; rows: InsertRow[]; output: MutationOutput }
  | {
      kind: 'update';
      key: string;
      path: string;
      table: TableModel;
      check: BoolIR | null;
      /** update_many: several, answered as a list. */
      updates: UpdateSpec[];
      many: boolean;
      output: MutationOutput;
    }
  | { kind: 'delete'; key: string; path: string; table: TableModel; filter: BoolIR; output: MutationOutput };

export interface OperationIR {
  kind: 'query' | 'mutation' | 'subscription';
  fields: RootField[];
}
