/** `BoolIR` → a SQL condition on one table alias; related rows and `_exists` become EXISTS subqueries. */
import type { RelationshipModel, TableModel } from '../metadata/model.js';
import type { BoolIR, Comparison, Operand } from '../ir/types.js';
import type { CompileContext } from './context.js';
import { ident, table as tableName } from './params.js';

export const from = (table: TableModel, alias: string) =>
  `${tableName(table.info.schema, table.info.name)} AS ${alias}`;

/** Rows of `alias` joined to their parent row under `parentAlias`. */
export const joinOn = (rel: RelationshipModel, parentAlias: string, alias: string) =>
  rel.mapping.map(([local, far]) => `${alias}.${ident(far)} = ${parentAlias}.${ident(local)}`).join(' AND ');

export function condition(ctx: CompileContext, exp: BoolIR, alias: string): string {
  switch (exp.kind) {
    case 'const':
      return exp.value ? 'true' : 'false';
    case 'and':
    case 'or':
      if (exp.items.length === 0) return exp.kind === 'and' ? 'true' : 'false';
      return `(${exp.items.map((item) => condition(ctx, item, alias)).join(exp.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `NOT (${condition(ctx, exp.item, alias)})`;
    case 'exists': {
      const inner = ctx.alias();
      return `EXISTS (SELECT 1 FROM ${from(exp.table, inner)} WHERE ${condition(ctx, exp.where, inner)})`;
    }
    case 'related': {
      const remote = ctx.alias();
      const where = [joinOn(exp.relationship, alias, remote), condition(ctx, exp.where, remote)];
      return `EXISTS (SELECT 1 FROM ${from(exp.relationship.remote, remote)} WHERE ${where.join(' AND ')})`;
    }
    case 'compare':
      return comparison(ctx, operand(ctx, exp.left, alias), exp.test, alias);
  }
}

function operand(ctx: CompileContext, left: Operand, alias: string): string {
  if (left.kind === 'column') return `${alias}.${ident(left.column)}`;
  const remote = ctx.alias();
  const columns = left.columns.map((c) => `${remote}.${ident(c)}`);
  const input =
    columns.length === 0
      ? '*'
      : `${left.distinct ? 'DISTINCT ' : ''}${columns.length === 1 ? columns[0] : `ROW(${columns.join(', ')})`}`;
  const where = [joinOn(left.relationship, alias, remote), condition(ctx, left.filter, remote)];
  return `(SELECT ${left.fn}(${input}) FROM ${from(left.relationship.remote, remote)} WHERE ${where.join(' AND ')})`;
}

function comparison(ctx: CompileContext, left: string, test: Comparison, alias: string): string {
  switch (test.kind) {
    case 'is_null':
      return `${left} ${test.negate ? 'IS NOT NULL' : 'IS NULL'}`;
    case 'binary':
      return `${left} ${test.operator} ${ctx.params.bind(test.right)}`;
    case 'in':
      if (test.items.length === 0) return test.negate ? 'true' : 'false';
      return `${left} ${test.negate ? 'NOT IN' : 'IN'} (${test.items.map((item) => ctx.params.bind(item)).join(', ')})`;
    case 'in_array': {
      const list = ctx.params.bind(test.array);
      return test.negate ? `NOT (${left} = ANY(${list}))` : `${left} = ANY(${list})`;
    }
    case 'has_keys': {
      const operator = test.all ? '?&' : '?|';
      if (!Array.isArray(test.keys)) return `${left} ${operator} ${ctx.params.bind(test.keys)}`;
      return `${left} ${operator} ARRAY[${test.keys.map((key) => ctx.params.bind(key)).join(', ')}]::text[]`;
    }
    case 'column':
      return `${left} ${test.operator} ${alias}.${ident(test.column)}`;
  }
}
