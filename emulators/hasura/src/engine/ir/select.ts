/**
 * Selections → IR: a row's fields (columns, `__typename`, relationships, relationship aggregates), row sets (the
 * role's filter and row limit merged with the request's where/order_by/limit/offset/distinct_on) and aggregates.
 */
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { JsonPathError, parseJsonPath } from '../../json-path.js';
import { EngineError } from '../errors.js';
import type { TableModel } from '../metadata/model.js';
import { argumentsOf, checkLimit, collectFields, type SelectedField } from '../request/selection.js';
import { isBigNumericType, isJsonType } from '../scalars.js';
import { and, boolExp, selectFilter } from './bool-exp.js';
import type { IRContext } from './context.js';
import type {
  AggregateField,
  AggregateSelection,
  AggregateValue,
  ColumnField,
  Constant,
  Direction,
  OrderItem,
  RowField,
  RowSet,
} from './types.js';

export interface SelectArgs {
  where?: Record<string, unknown> | null;
  order_by?: Array<Record<string, unknown>> | Record<string, unknown> | null;
  limit?: number | null;
  /** Decimal text of a 64-bit integer (Hasura's `bigInt`), or a number when graphql-js read it as an `Int`. */
  offset?: string | number | null;
  distinct_on?: string[] | null;
}

const DIRECTIONS: Record<string, Direction> = {
  asc: 'ASC NULLS LAST',
  asc_nulls_first: 'ASC NULLS FIRST',
  asc_nulls_last: 'ASC NULLS LAST',
  desc: 'DESC NULLS FIRST',
  desc_nulls_first: 'DESC NULLS FIRST',
  desc_nulls_last: 'DESC NULLS LAST',
};

/** The object type a field returns (through lists and non-null). */
export const objectTypeOf = (field: SelectedField) => getNamedType(field.def!.type) as GraphQLObjectType;

/** Sub-fields of a field, flattened, for the object type the field returns. */
export const subFields = (ctx: IRContext, field: SelectedField): SelectedField[] =>
  collectFields(ctx, objectTypeOf(field), field.nodes);

/** `__typename` of `type`, or null for any other field. */
export function typename(field: SelectedField, type: GraphQLObjectType): Constant | null {
  return field.name === '__typename' ? { kind: 'constant', key: field.key, value: type.name } : null;
}

/** The selected fields of one row of `table`; `field` is the field whose sub-selection they are. */
export function rowFields(ctx: IRContext, table: TableModel, field: SelectedField, path: string): RowField[] {
  const type = objectTypeOf(field);
  return collectFields(ctx, type, field.nodes).map((sub): RowField => {
    const here = `${path}.selectionSet.${sub.key}`;
    const constant = typename(sub, type);
    if (constant) return constant;
    const plan = sub.plan;
    switch (plan?.kind) {
      case 'column':
        return columnField(ctx, sub, plan.column.name, plan.column.pgType, here);
      case 'object_relationship': {
        const remote = plan.relationship.remote;
        return {
          kind: 'object',
          key: sub.key,
          relationship: plan.relationship,
          filter: selectFilter(ctx, remote, here),
          fields: rowFields(ctx, remote, sub, here),
        };
      }
      case 'array_relationship': {
        const args = argumentsOf(ctx, sub) as SelectArgs;
        checkLimit(sub, args, here);
        const remote = plan.relationship.remote;
        return {
          kind: 'array',
          key: sub.key,
          relationship: plan.relationship,
          rows: rowSet(ctx, remote, args, here, true),
          fields: rowFields(ctx, remote, sub, here),
        };
      }
      case 'aggregate_relationship': {
        const args = argumentsOf(ctx, sub) as SelectArgs;
        checkLimit(sub, args, here);
        return {
          kind: 'array_aggregate',
          key: sub.key,
          relationship: plan.relationship,
          aggregate: aggregateSelection(ctx, plan.relationship.remote, args, sub, here),
        };
      }
      default:
        throw new EngineError('unexpected', `cannot select field '${sub.name}'`, here);
    }
  });
}

function columnField(ctx: IRContext, field: SelectedField, column: string, pgType: string, path: string): ColumnField {
  const jsonPath = isJsonType(pgType) ? (argumentsOf(ctx, field).path as string | null | undefined) : null;
  return {
    kind: 'column',
    key: field.key,
    column,
    pgType,
    jsonPath: jsonPath == null ? null : jsonPathKeys(jsonPath, `${path}.args.path`),
    asText: ctx.stringifyNumeric && isBigNumericType(pgType),
  };
}

/** A json column's `path` argument (`$.a.b[0]`, `a["b c"]`, `[2]`) as the keys of Postgres' `#>` operator. */
function jsonPathKeys(path: string, at: string): string[] {
  try {
    return parseJsonPath(path.trim()).map(String);
  } catch (error) {
    if (!(error instanceof JsonPathError)) throw error;
    throw new EngineError('validation-failed', `parse json path error: unexpected "${error.rest}" in "${path}"`, at);
  }
}

/**
 * Rows of `table` for a select field. `permissionLimit: false` leaves the role's row limit out (aggregates count every
 * permitted row; only their `nodes` are capped, as in Hasura since #2027).
 */
export function rowSet(
  ctx: IRContext,
  table: TableModel,
  args: SelectArgs,
  path: string,
  permissionLimit: boolean,
): RowSet {
  const filter = and(selectFilter(ctx, table, path), boolExp(ctx, args.where, table, 'request', `${path}.args.where`));
  const orderBy = orderItems(ctx, args.order_by ?? [], table, path);
  const distinctOn = args.distinct_on ?? [];
  if (distinctOn.length) {
    const leading = orderBy
      .slice(0, distinctOn.length)
      .map((item) => item.target.kind === 'column' && item.target.column);
    if (orderBy.length && !distinctOn.every((column) => leading.includes(column))) {
      throw new EngineError(
        'validation-failed',
        '"distinct_on" columns must match initial "order_by" columns',
        `${path}.args`,
      );
    }
    if (!orderBy.length)
      orderBy.push(
        ...distinctOn.map((column): OrderItem => ({ target: { kind: 'column', column }, direction: DIRECTIONS.asc })),
      );
  }
  const limits = [permissionLimit ? ctx.permissions(table).select?.limit : undefined, args.limit].filter(
    (n): n is number => typeof n === 'number',
  );
  return {
    table,
    filter,
    orderBy,
    distinctOn,
    limit: limits.length ? Math.min(...limits) : null,
    offset: args.offset == null ? null : String(args.offset),
  };
}

/** order_by items in request order: columns, object relationships (nested), array relationship aggregates. */
function orderItems(
  ctx: IRContext,
  orderBy: Array<Record<string, unknown>> | Record<string, unknown>,
  table: TableModel,
  path: string,
): OrderItem[] {
  const items: OrderItem[] = [];
  for (const entry of Array.isArray(orderBy) ? orderBy : [orderBy]) {
    if (!entry || typeof entry !== 'object') continue;
    for (const [key, value] of Object.entries(entry)) {
      if (value === null || value === undefined) continue;
      const column = table.columnsByField.get(key);
      if (column) {
        items.push({ target: { kind: 'column', column: column.name }, direction: DIRECTIONS[value as string] });
        continue;
      }
      const rel = table.relationships.find((r) => r.name === key || `${r.name}_aggregate` === key);
      if (!rel)
        throw new EngineError(
          'validation-failed',
          `field '${key}' not found in type: '${table.gqlName}_order_by'`,
          `${path}.args.order_by`,
        );
      const filter = selectFilter(ctx, rel.remote, path);
      if (rel.kind === 'object') {
        for (const inner of orderItems(ctx, value as Record<string, unknown>, rel.remote, path))
          items.push({
            target: { kind: 'object', relationship: rel, filter, target: inner.target },
            direction: inner.direction,
          });
        continue;
      }
      for (const [fn, spec] of Object.entries(value as Record<string, unknown>)) {
        if (spec === null || spec === undefined) continue;
        if (fn === 'count') {
          items.push({
            target: { kind: 'aggregate', relationship: rel, filter, fn: 'count' },
            direction: DIRECTIONS[spec as string],
          });
          continue;
        }
        for (const [field, direction] of Object.entries(spec as Record<string, string>)) {
          if (direction == null) continue;
          items.push({
            target: {
              kind: 'aggregate',
              relationship: rel,
              filter,
              fn: fn as never,
              column: rel.remote.columnsByField.get(field)!.name,
            },
            direction: DIRECTIONS[direction],
          });
        }
      }
    }
  }
  return items;
}

/** A `t_aggregate` object (root field or array relationship): `{ aggregate: { count, sum: {…}, … }, nodes: […] }`. */
export function aggregateSelection(
  ctx: IRContext,
  table: TableModel,
  args: SelectArgs,
  field: SelectedField,
  path: string,
): AggregateSelection {
  const type = objectTypeOf(field);
  const fields = collectFields(ctx, type, field.nodes).map((sub): AggregateField => {
    const here = `${path}.selectionSet.${sub.key}`;
    const constant = typename(sub, type);
    if (constant) return constant;
    if (sub.plan?.kind === 'nodes') return { kind: 'nodes', key: sub.key, fields: rowFields(ctx, table, sub, here) };
    if (sub.plan?.kind === 'aggregate')
      return { kind: 'aggregate', key: sub.key, fields: aggregateValues(ctx, sub, here) };
    throw new EngineError('unexpected', `cannot select field '${sub.name}'`, here);
  });
  const limit = ctx.permissions(table).select?.limit;
  return { rows: rowSet(ctx, table, args, path, false), nodesLimit: typeof limit === 'number' ? limit : null, fields };
}

function aggregateValues(ctx: IRContext, field: SelectedField, path: string): AggregateValue[] {
  const type = objectTypeOf(field);
  return collectFields(ctx, type, field.nodes).map((sub): AggregateValue => {
    const here = `${path}.selectionSet.${sub.key}`;
    const constant = typename(sub, type);
    if (constant) return constant;
    const plan = sub.plan;
    if (plan?.kind === 'count') {
      const { columns, distinct } = argumentsOf(ctx, sub) as { columns?: string[] | null; distinct?: boolean | null };
      return { kind: 'count', key: sub.key, columns: columns ?? [], distinct: distinct === true };
    }
    if (plan?.kind === 'aggregate_function') {
      const columnType = objectTypeOf(sub);
      const fields = collectFields(ctx, columnType, sub.nodes).map((column) => {
        const constant = typename(column, columnType);
        if (constant) return constant;
        if (column.plan?.kind !== 'column')
          throw new EngineError('unexpected', `cannot aggregate '${column.name}'`, here);
        const value = columnField(ctx, column, column.plan.column.name, column.plan.column.pgType, here);
        // sum/max/min keep the column's type; the statistical functions are GraphQL Floats (always JSON numbers).
        return { ...value, jsonPath: null, asText: value.asText && ['sum', 'max', 'min'].includes(plan.fn) };
      });
      return { kind: 'function', key: sub.key, fn: plan.fn, fields };
    }
    throw new EngineError('unexpected', `cannot select field '${sub.name}'`, here);
  });
}
