/**
 * What each generated GraphQL field means, stored in the field's `extensions.hasura`. The SQL compiler reads these
 * while walking a request's selections, so it never re-derives meaning from names.
 */
import type { GraphQLField } from 'graphql';
import type { ColumnInfo } from '../../types.js';
import type { RelationshipModel, TableModel } from '../model.js';

export type AggregateFunction =
  'sum' | 'avg' | 'max' | 'min' | 'stddev' | 'stddev_pop' | 'stddev_samp' | 'var_pop' | 'var_samp' | 'variance';

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

export type FieldPlan =
  | { kind: 'root'; operation: RootOperation; table: TableModel }
  | { kind: 'column'; column: ColumnInfo }
  | { kind: 'object_relationship'; relationship: RelationshipModel }
  | { kind: 'array_relationship'; relationship: RelationshipModel }
  | { kind: 'aggregate_relationship'; relationship: RelationshipModel }
  | { kind: 'aggregate' }
  | { kind: 'nodes' }
  | { kind: 'count' }
  | { kind: 'aggregate_function'; fn: AggregateFunction }
  | { kind: 'affected_rows' }
  | { kind: 'returning' };

export function planOf(field: GraphQLField<unknown, unknown>): FieldPlan | undefined {
  return (field.extensions as { hasura?: FieldPlan } | undefined)?.hasura;
}
