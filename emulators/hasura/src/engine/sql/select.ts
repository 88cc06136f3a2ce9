/**
 * Selections (IR) → SQL expressions that evaluate to the finished JSON: rows as `json_build_object`, lists as
 * `json_agg` over a filtered/ordered/limited subquery, relationships as correlated subqueries and aggregates inline.
 */
import type {
  AggregateSelection,
  AggregateValue,
  BoolIR,
  ColumnField,
  OrderItem,
  OrderTarget,
  RowField,
  RowSet,
} from '../ir/types.js';
import type { RelationshipModel, TableModel } from '../metadata/model.js';
import { condition, from, joinOn } from './bool-exp.js';
import type { CompileContext } from './context.js';
import { ident } from './params.js';

/** Rows of a relationship: joined to the parent row under `parentAlias`. Null at the root. */
export type Join = { relationship: RelationshipModel; parentAlias: string } | null;

const literal = (ctx: CompileContext, value: string) => ctx.params.text(value);

/** `json_build_object('key', value, …)` for one row under `alias`. */
export function rowJson(ctx: CompileContext, alias: string, fields: RowField[]): string {
  const pairs = fields.map((field) => {
    let value: string;
    switch (field.kind) {
      case 'constant':
        value = literal(ctx, field.value);
        break;
      case 'column':
        value = columnValue(ctx, `${alias}.${ident(field.column)}`, field);
        break;
      case 'object':
        value = objectRelationship(ctx, field.relationship, field.filter, alias, field.fields);
        break;
      case 'array':
        value = selectList(ctx, field.rows, { relationship: field.relationship, parentAlias: alias }, field.fields);
        break;
      case 'array_aggregate':
        value = selectAggregate(ctx, field.aggregate, { relationship: field.relationship, parentAlias: alias });
        break;
    }
    return `${keyOf(field.key)}, ${value}`;
  });
  return jsonObject(pairs);
}

/** A response key as a SQL string literal (GraphQL names are `[_A-Za-z][_0-9A-Za-z]*`, nothing to escape). */
const keyOf = (key: string) => `'${key}'`;

/** json_build_object takes at most 100 arguments; wider rows are merged from chunks (key order is irrelevant). */
export function jsonObject(pairs: string[]): string {
  if (pairs.length <= 50) return `json_build_object(${pairs.join(', ')})`;
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 50)
    chunks.push(`json_build_object(${pairs.slice(i, i + 50).join(', ')})::jsonb`);
  return `(${chunks.join(' || ')})::json`;
}

function columnValue(ctx: CompileContext, sql: string, field: ColumnField): string {
  if (field.jsonPath) return `${sql} #> ${ctx.params.bind({ text: arrayText(field.jsonPath), pgType: '_text' })}`;
  return field.asText ? `(${sql})::text` : sql;
}

/** A Postgres text[] literal. */
const arrayText = (items: string[]) =>
  `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

function objectRelationship(
  ctx: CompileContext,
  rel: RelationshipModel,
  filter: BoolIR,
  parentAlias: string,
  fields: RowField[],
): string {
  const alias = ctx.alias();
  const where = [joinOn(rel, parentAlias, alias), condition(ctx, filter, alias)];
  return `(SELECT ${rowJson(ctx, alias, fields)} FROM ${from(rel.remote, alias)} WHERE ${where.join(' AND ')} LIMIT 1)`;
}

/** An ORDER BY expression over the row under `alias`. */
function orderExpression(ctx: CompileContext, target: OrderTarget, alias: string): string {
  if (target.kind === 'column') return `${alias}.${ident(target.column)}`;
  const remote = ctx.alias();
  const source = `FROM ${from(target.relationship.remote, remote)} WHERE ${joinOn(target.relationship, alias, remote)} AND ${condition(ctx, target.filter, remote)}`;
  if (target.kind === 'object') return `(SELECT ${orderExpression(ctx, target.target, remote)} ${source} LIMIT 1)`;
  return target.fn === 'count'
    ? `(SELECT count(*) ${source})`
    : `(SELECT ${target.fn}(${remote}.${ident(target.column!)}) ${source})`;
}

/** The rows of a row set under `alias`, with its order expressions as columns `__o0`, `__o1`, … */
function rowsQuery(ctx: CompileContext, rows: RowSet, join: Join, alias: string, limit: number | null) {
  const conditions = [condition(ctx, rows.filter, alias)];
  if (join) conditions.push(joinOn(join.relationship, join.parentAlias, alias));
  const order = rows.orderBy.map((item) => ({ expr: orderExpression(ctx, item.target, alias), item }));
  const distinct = rows.distinctOn.length
    ? `DISTINCT ON (${rows.distinctOn.map((c) => `${alias}.${ident(c)}`).join(', ')}) `
    : '';
  let tail = order.length ? ` ORDER BY ${order.map((o) => `${o.expr} ${o.item.direction}`).join(', ')}` : '';
  if (limit !== null) tail += ` LIMIT ${integerLiteral(BigInt(limit).toString())}`; // every digit, even past 2^53
  if (rows.offset !== null) tail += ` OFFSET ${integerLiteral(rows.offset)}`;
  const orderColumns = order.map((o, i) => `, ${o.expr} AS "__o${i}"`).join('');
  return `SELECT ${distinct}${alias}.*${orderColumns} FROM ${from(rows.table, alias)} WHERE ${conditions.join(' AND ')}${tail}`;
}

/**
 * LIMIT and OFFSET are written into the SQL as integers, as Hasura writes them, not sent as parameters: with a
 * parameter there Postgres plans the statement again on every run (its generic plan assumes an unknown limit
 * returns a tenth of the table, so it never looks cheaper than a custom one).
 */
function integerLiteral(text: string): string {
  if (!/^-?\d{1,20}$/.test(text)) throw new Error(`not an integer for LIMIT/OFFSET: ${text.slice(0, 40)}`);
  return text;
}

/** ORDER BY over the `__o<i>` columns of the rows under `alias`. */
const outerOrder = (orderBy: OrderItem[], alias: string) =>
  orderBy.length ? ` ORDER BY ${orderBy.map((o, i) => `${alias}."__o${i}" ${o.direction}`).join(', ')}` : '';

/** A JSON array of rows (`[]` when none). */
export function selectList(ctx: CompileContext, rows: RowSet, join: Join, fields: RowField[]): string {
  const alias = ctx.alias();
  // Rows are filtered, de-duplicated and limited first; JSON is built only for the rows that remain. The subquery
  // keeps the table's alias, so the row's JSON (relationships included) reads its columns unchanged.
  const inner = rowsQuery(ctx, rows, join, alias, rows.limit);
  return `(SELECT coalesce(json_agg(${rowJson(ctx, alias, fields)}${outerOrder(rows.orderBy, alias)}), '[]'::json) FROM (${inner}) AS ${alias})`;
}

/** One row (or null) of `table` matching `filter`, e.g. a primary-key lookup. */
export function selectOne(ctx: CompileContext, table: TableModel, filter: BoolIR, fields: RowField[]): string {
  const alias = ctx.alias();
  return `(SELECT ${rowJson(ctx, alias, fields)} FROM ${from(table, alias)} WHERE ${condition(ctx, filter, alias)} LIMIT 1)`;
}

/** A `t_aggregate` object: `{ aggregate: { count, sum: {…}, … }, nodes: […] }` as selected. */
export function selectAggregate(ctx: CompileContext, aggregate: AggregateSelection, join: Join): string {
  const { rows, fields } = aggregate;
  const alias = ctx.alias();
  const capsNodes = aggregate.nodesLimit !== null && fields.some((field) => field.kind === 'nodes');
  const pairs = fields.map((field) => {
    switch (field.kind) {
      case 'constant':
        return `${keyOf(field.key)}, ${literal(ctx, field.value)}`;
      case 'nodes': {
        const cap = capsNodes
          ? ` FILTER (WHERE ${alias}."__rn" <= ${ctx.params.text(String(aggregate.nodesLimit), 'int8')})`
          : '';
        return `${keyOf(field.key)}, coalesce(json_agg(${rowJson(ctx, alias, field.fields)}${outerOrder(rows.orderBy, alias)})${cap}, '[]'::json)`;
      }
      case 'aggregate':
        return `${keyOf(field.key)}, ${aggregateValues(ctx, alias, field.fields)}`;
    }
  });
  // As in selectList: the aggregates and nodes read the filtered rows under the table's alias. When the role has a
  // row limit, the rows are numbered in the requested order so that only `nodes` is capped by it.
  let inner = rowsQuery(ctx, rows, join, alias, rows.limit);
  if (capsNodes) {
    const numbered = ctx.alias();
    const order = rows.orderBy.map((o, i) => `${numbered}."__o${i}" ${o.direction}`).join(', ');
    inner = `SELECT ${numbered}.*, row_number() OVER (${order ? `ORDER BY ${order}` : ''}) AS "__rn" FROM (${inner}) AS ${numbered}`;
  }
  return `(SELECT ${jsonObject(pairs)} FROM (${inner}) AS ${alias})`;
}

function aggregateValues(ctx: CompileContext, rows: string, fields: AggregateValue[]): string {
  const pairs = fields.map((field) => {
    switch (field.kind) {
      case 'constant':
        return `${keyOf(field.key)}, ${literal(ctx, field.value)}`;
      case 'count':
        return `${keyOf(field.key)}, ${countExpression(rows, field.columns, field.distinct)}`;
      case 'function': {
        const columns = field.fields.map((column) =>
          column.kind === 'constant'
            ? `${keyOf(column.key)}, ${literal(ctx, column.value)}`
            : `${keyOf(column.key)}, ${columnValue(ctx, `${field.fn}(${rows}.${ident(column.column)})`, column)}`,
        );
        return `${keyOf(field.key)}, ${jsonObject(columns)}`;
      }
    }
  });
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
