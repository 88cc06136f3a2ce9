/**
 * What each generated GraphQL field means, stored in the field's `extensions.hasura`. The SQL compiler reads these
 * while walking a request's selections, so it never re-derives meaning from names.
 */
import type { GraphQLArgument, GraphQLField } from 'graphql';
import type { ColumnInfo } from '../../types.js';
import type { RelationshipModel, RootOperation, TableModel } from '../metadata/model.js';
import type { AggregateFunction } from '../scalars.js';

export type { AggregateFunction } from '../scalars.js';
export type { RootOperation } from '../metadata/model.js';

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

/**
 * An argument Hasura reads with its 64-bit integer parser (`bigInt`: `offset`) although the schema names its type
 * `Int`: an integer within 64 bits, or a string of decimal digits.
 */
export const BIG_INT_ARGUMENT = { hasuraBigInt: true } as const;

export function isBigIntArgument(argument: GraphQLArgument | null | undefined): boolean {
  return (argument?.extensions as { hasuraBigInt?: boolean } | undefined)?.hasuraBigInt === true;
}
