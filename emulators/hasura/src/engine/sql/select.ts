/**
 * Compiles selections into SQL expressions that evaluate to the finished JSON: rows as `json_build_object`,
 * lists as `json_agg` over a filtered/ordered/limited subquery, relationships as correlated subqueries and
 * aggregates inline. The role's select filter is always applied, its row limit to rows (and aggregate `nodes`).
 */
import type { GraphQLObjectType } from 'graphql';
import { getNamedType } from 'graphql';
import { JsonPathError, parseJsonPath } from '../../json-path.js';
import { EngineError } from '../errors.js';
import type { RelationshipModel, TableModel } from '../model.js';
import { isBigNumericType, isJsonType } from '../scalars.js';
import type { AggregateFunction } from '../schema/plans.js';
import { argumentsOf, checkLimit, collectFields, type SelectedField } from '../selection.js';
import { compileBoolExp } from './bool-exp.js';
import type { CompileContext } from './context.js';
import { ident, table as tableName } from './params.js';

export interface SelectArgs {
  where?: Record<string, unknown> | null;
  order_by?: Array<Record<string, unknown>> | null;
  limit?: number | null;
  offset?: number | null;
  distinct_on?: string[] | null;
}

/** A condition tying rows of `alias` to their parent row (relationships), or null at the root. */
export type JoinCondition = ((alias: string) => string) | null;

const DIRECTIONS: Record<string, string> = {
  asc: 'ASC NULLS LAST',
  asc_nulls_first: 'ASC NULLS FIRST',
  asc_nulls_last: 'ASC NULLS LAST',
  desc: 'DESC NULLS FIRST',
  desc_nulls_first: 'DESC NULLS FIRST',
  desc_nulls_last: 'DESC NULLS LAST',
};

/** Sub-fields of a field, flattened, for the object type the field returns. */
export function subFields(ctx: CompileContext, field: SelectedField): SelectedField[] {
  return collectFields(ctx, getNamedType(field.def.type) as GraphQLObjectType, field.nodes);
}

/** `json_build_object('key', value, …)` for one row of `table` under `alias`. */
export function rowJson(
  ctx: CompileContext,
  table: TableModel,
  alias: string,
  fields: SelectedField[],
  path: string,
): string {
  const pairs: string[] = [];
  for (const field of fields) {
    const here = `${path}.selectionSet.${field.key}`;
    const plan = field.plan;
    let value: string;
    switch (plan?.kind) {
      case 'column': {
        const column = `${alias}.${ident(plan.column.name)}`;
        const jsonPath = isJsonType(plan.column.pgType)
          ? (argumentsOf(ctx, field).path as string | null | undefined)
          : null;
        value =
          jsonPath == null
            ? columnValue(ctx, column, plan.column.pgType)
            : `${column} #> ${ctx.params.value(jsonPathKeys(jsonPath, `${here}.args.path`), '_text')}`;
        break;
      }
      case 'object_relationship':
        value = objectRelationship(ctx, plan.relationship, alias, field, here);
        break;
      case 'array_relationship':
      case 'aggregate_relationship': {
        const args = argumentsOf(ctx, field);
        checkLimit(field, args, here);
        const select = plan.kind === 'array_relationship' ? selectList : selectAggregate;
        value = select(
          ctx,
          plan.relationship.remote,
          args,
          joinOn(plan.relationship, alias),
          subFields(ctx, field),
          here,
        );
        break;
      }
      default:
        throw new EngineError('unexpected', `cannot select field '${field.name}'`, here);
    }
    pairs.push(`'${field.key}', ${value}`);
  }
  return jsonObject(pairs);
}

/** json_build_object takes at most 100 arguments; wider rows are merged from chunks (key order is irrelevant). */
export function jsonObject(pairs: string[]): string {
  if (pairs.length <= 50) return `json_build_object(${pairs.join(', ')})`;
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 50)
    chunks.push(`json_build_object(${pairs.slice(i, i + 50).join(', ')})::jsonb`);
  return `(${chunks.join(' || ')})::json`;
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

function columnValue(ctx: CompileContext, sql: string, pgType: string): string {
  return ctx.stringifyNumeric && isBigNumericType(pgType) ? `(${sql})::text` : sql;
}

export function joinOn(rel: RelationshipModel, parentAlias: string): JoinCondition {
  return (alias) =>
    rel.mapping.map(([local, far]) => `${alias}.${ident(far)} = ${parentAlias}.${ident(local)}`).join(' AND ');
}

function objectRelationship(
  ctx: CompileContext,
  rel: RelationshipModel,
  parentAlias: string,
  field: SelectedField,
  path: string,
): string {
  const alias = ctx.alias();
  const where = [
    joinOn(rel, parentAlias)!(alias),
    compileBoolExp(ctx, ctx.types.select(rel.remote)!.filter, rel.remote, alias, 'permission', path),
  ];
  return `(SELECT ${rowJson(ctx, rel.remote, alias, subFields(ctx, field), path)} FROM ${from(rel.remote, alias)} WHERE ${where.join(' AND ')} LIMIT 1)`;
}

const from = (table: TableModel, alias: string) => `${tableName(table.info.schema, table.info.name)} AS ${alias}`;

interface OrderItem {
  expr: string;
  direction: string;
}

/**
 * FROM/WHERE/ORDER/LIMIT of a row set, shared by lists and aggregates. `permissionLimit: false` leaves the role's
 * row limit out (aggregates count every permitted row; only their `nodes` are capped, as in Hasura since #2027).
 */
function rowSet(
  ctx: CompileContext,
  table: TableModel,
  args: SelectArgs,
  join: JoinCondition,
  alias: string,
  path: string,
  permissionLimit = true,
) {
  const rule = ctx.types.select(table)!;
  const conditions = [compileBoolExp(ctx, rule.filter, table, alias, 'permission', path)];
  if (args.where) conditions.push(compileBoolExp(ctx, args.where, table, alias, 'request', `${path}.args.where`));
  if (join) conditions.push(join(alias));

  const order = compileOrderBy(ctx, args.order_by ?? [], table, alias, path);
  let distinct = '';
  if (args.distinct_on?.length) {
    const leading = order.slice(0, args.distinct_on.length).map((item) => item.expr);
    const wanted = args.distinct_on.map((c) => `${alias}.${ident(c)}`);
    if (order.length && !wanted.every((expr) => leading.includes(expr))) {
      throw new EngineError(
        'validation-failed',
        '"distinct_on" columns must match initial "order_by" columns',
        `${path}.args`,
      );
    }
    distinct = `DISTINCT ON (${wanted.join(', ')}) `;
    if (!order.length) order.push(...wanted.map((expr) => ({ expr, direction: DIRECTIONS.asc })));
  }

  const limits = [permissionLimit ? rule.limit : undefined, args.limit].filter(
    (n): n is number => typeof n === 'number',
  );
  let tail = '';
  if (limits.length) tail += ` LIMIT ${ctx.params.text(String(Math.min(...limits)), 'int8')}`;
  if (typeof args.offset === 'number') tail += ` OFFSET ${ctx.params.text(String(args.offset), 'int8')}`;
  const orderSql = order.length ? ` ORDER BY ${order.map((o) => `${o.expr} ${o.direction}`).join(', ')}` : '';
  return { distinct, where: conditions.join(' AND '), order, tail: orderSql + tail };
}

/** A JSON array of rows (`[]` when none). */
export function selectList(
  ctx: CompileContext,
  table: TableModel,
  args: SelectArgs,
  join: JoinCondition,
  fields: SelectedField[],
  path: string,
): string {
  const alias = ctx.alias();
  const set = rowSet(ctx, table, args, join, alias, path);
  const orderColumns = set.order.map((o, i) => `, ${o.expr} AS "__o${i}"`).join('');
  const outerOrder = set.order.length
    ? ` ORDER BY ${set.order.map((o, i) => `${alias}."__o${i}" ${o.direction}`).join(', ')}`
    : '';
  // Rows are filtered, de-duplicated and limited first; JSON is built only for the rows that remain. The subquery
  // keeps the table's alias, so the row's JSON (relationships included) reads its columns unchanged.
  return (
    `(SELECT coalesce(json_agg(${rowJson(ctx, table, alias, fields, path)}${outerOrder}), '[]'::json) FROM (` +
    `SELECT ${set.distinct}${alias}.*${orderColumns} FROM ${from(table, alias)} WHERE ${set.where}${set.tail}` +
    `) AS ${alias})`
  );
}

/** One row (or null) of `table` matching `condition`, e.g. a primary-key lookup. */
export function selectOne(
  ctx: CompileContext,
  table: TableModel,
  condition: (alias: string) => string,
  fields: SelectedField[],
  path: string,
): string {
  const alias = ctx.alias();
  const filter = compileBoolExp(ctx, ctx.types.select(table)!.filter, table, alias, 'permission', path);
  return `(SELECT ${rowJson(ctx, table, alias, fields, path)} FROM ${from(table, alias)} WHERE ${filter} AND ${condition(alias)} LIMIT 1)`;
}

/** A `t_aggregate` object: `{ aggregate: { count, sum: {…}, … }, nodes: […] }` as selected. */
export function selectAggregate(
  ctx: CompileContext,
  table: TableModel,
  args: SelectArgs,
  join: JoinCondition,
  fields: SelectedField[],
  path: string,
): string {
  const alias = ctx.alias();
  const set = rowSet(ctx, table, args, join, alias, path, false);
  const permissionLimit = ctx.types.select(table)!.limit;
  const capsNodes = typeof permissionLimit === 'number' && fields.some((field) => field.plan?.kind === 'nodes');
  const pairs: string[] = [];
  for (const field of fields) {
    const here = `${path}.selectionSet.${field.key}`;
    if (field.plan?.kind === 'nodes') {
      const outerOrder = set.order.length
        ? ` ORDER BY ${set.order.map((o, i) => `${alias}."__o${i}" ${o.direction}`).join(', ')}`
        : '';
      const cap = capsNodes
        ? ` FILTER (WHERE ${alias}."__rn" <= ${ctx.params.text(String(permissionLimit), 'int8')})`
        : '';
      pairs.push(
        `'${field.key}', coalesce(json_agg(${rowJson(ctx, table, alias, subFields(ctx, field), here)}${outerOrder})${cap}, '[]'::json)`,
      );
    } else if (field.plan?.kind === 'aggregate') {
      pairs.push(`'${field.key}', ${aggregateFields(ctx, alias, subFields(ctx, field), here)}`);
    }
  }
  const orderColumns = set.order.map((o, i) => `, ${o.expr} AS "__o${i}"`).join('');
  // As in selectList: the aggregates and nodes read the filtered rows under the table's alias. When the role has a
  // row limit, the rows are numbered in the requested order so that only `nodes` is capped by it.
  let rows = `SELECT ${set.distinct}${alias}.*${orderColumns} FROM ${from(table, alias)} WHERE ${set.where}${set.tail}`;
  if (capsNodes) {
    const numbered = ctx.alias();
    const order = set.order.map((o, i) => `${numbered}."__o${i}" ${o.direction}`).join(', ');
    rows = `SELECT ${numbered}.*, row_number() OVER (${order ? `ORDER BY ${order}` : ''}) AS "__rn" FROM (${rows}) AS ${numbered}`;
  }
  return `(SELECT ${jsonObject(pairs)} FROM (${rows}) AS ${alias})`;
}

function aggregateFields(ctx: CompileContext, rows: string, fields: SelectedField[], path: string): string {
  const pairs: string[] = [];
  for (const field of fields) {
    const plan = field.plan;
    if (plan?.kind === 'count') {
      const { columns, distinct } = argumentsOf(ctx, field) as { columns?: string[] | null; distinct?: boolean | null };
      pairs.push(`'${field.key}', ${countExpression(rows, columns ?? [], distinct === true)}`);
    } else if (plan?.kind === 'aggregate_function') {
      const columnPairs = subFields(ctx, field).map((column) => {
        if (column.plan?.kind !== 'column')
          throw new EngineError('unexpected', `cannot aggregate '${column.name}'`, path);
        return `'${column.key}', ${aggregateValue(ctx, plan.fn, `${rows}.${ident(column.plan.column.name)}`, column.plan.column.pgType)}`;
      });
      pairs.push(`'${field.key}', ${jsonObject(columnPairs)}`);
    }
  }
  return jsonObject(pairs);
}

function countExpression(rows: string, columns: string[], distinct: boolean): string {
  if (columns.length === 0) return distinct ? `count(DISTINCT ${rows}.*)` : 'count(*)';
  const refs = columns.map((c) => `${rows}.${ident(c)}`);
  if (refs.length === 1) return `count(${distinct ? 'DISTINCT ' : ''}${refs[0]})`;
  const allPresent = refs.map((r) => `${r} IS NOT NULL`).join(' AND ');
  return distinct
    ? `count(DISTINCT ROW(${refs.join(', ')})) FILTER (WHERE ${allPresent})`
    : `count(*) FILTER (WHERE ${allPresent})`;
}

function aggregateValue(ctx: CompileContext, fn: AggregateFunction, column: string, pgType: string): string {
  const sql = `${fn}(${column})`;
  // sum/max/min keep the column's type; the statistical functions are GraphQL Floats (always JSON numbers).
  return ['sum', 'max', 'min'].includes(fn) ? columnValue(ctx, sql, pgType) : sql;
}

/** order_by items in request order: columns, object relationships (nested), array relationship aggregates. */
function compileOrderBy(
  ctx: CompileContext,
  orderBy: Array<Record<string, unknown>> | Record<string, unknown>,
  table: TableModel,
  alias: string,
  path: string,
): OrderItem[] {
  const items: OrderItem[] = [];
  for (const entry of Array.isArray(orderBy) ? orderBy : [orderBy]) {
    if (!entry || typeof entry !== 'object') continue;
    for (const [key, value] of Object.entries(entry)) {
      if (value === null || value === undefined) continue;
      const column = table.columnsByField.get(key);
      if (column) {
        items.push({ expr: `${alias}.${ident(column.name)}`, direction: DIRECTIONS[value as string] });
        continue;
      }
      const rel = table.relationships.find((r) => r.name === key || `${r.name}_aggregate` === key);
      if (!rel)
        throw new EngineError(
          'validation-failed',
          `field '${key}' not found in type: '${table.gqlName}_order_by'`,
          `${path}.args.order_by`,
        );
      const remote = ctx.alias();
      const where = `${joinOn(rel, alias)!(remote)} AND ${compileBoolExp(ctx, ctx.types.select(rel.remote)!.filter, rel.remote, remote, 'permission', path)}`;
      const source = `FROM ${from(rel.remote, remote)} WHERE ${where}`;
      if (rel.kind === 'object') {
        for (const inner of compileOrderBy(ctx, value as Record<string, unknown>, rel.remote, remote, path)) {
          items.push({ expr: `(SELECT ${inner.expr} ${source} LIMIT 1)`, direction: inner.direction });
        }
        continue;
      }
      for (const [fn, spec] of Object.entries(value as Record<string, unknown>)) {
        if (spec === null || spec === undefined) continue;
        if (fn === 'count') {
          items.push({ expr: `(SELECT count(*) ${source})`, direction: DIRECTIONS[spec as string] });
          continue;
        }
        for (const [field, direction] of Object.entries(spec as Record<string, string>)) {
          if (direction == null) continue;
          const column = rel.remote.columnsByField.get(field)!.name;
          items.push({
            expr: `(SELECT ${fn}(${remote}.${ident(column)}) ${source})`,
            direction: DIRECTIONS[direction],
          });
        }
      }
    }
  }
  return items;
}
