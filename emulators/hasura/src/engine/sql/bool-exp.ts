/**
 * Compiles a boolean expression (a request's `where`, or a permission's filter/check) to a SQL condition on one
 * table alias. Permission expressions may name session variables (`X-Hasura-User-Id`), bound per request;
 * relationship filters become EXISTS subqueries that also apply the remote table's select filter for the role.
 */
import type { ColumnInfo } from '../../types.js';
import { EngineError } from '../errors.js';
import type { RelationshipModel, TableModel } from '../model.js';
import { scalarName } from '../scalars.js';
import type { CompileContext } from './context.js';
import { ident, table as tableName } from './params.js';

/** `request`: a client's where (nulls rejected); `permission`: metadata written by the admin (session variables). */
export type BoolExpSource = 'request' | 'permission';

const SESSION_VARIABLE = /^x-hasura-/i;

const BINARY: Record<string, string> = {
  _eq: '=',
  _neq: '<>',
  _gt: '>',
  _gte: '>=',
  _lt: '<',
  _lte: '<=',
  _like: 'LIKE',
  _nlike: 'NOT LIKE',
  _ilike: 'ILIKE',
  _nilike: 'NOT ILIKE',
  _similar: 'SIMILAR TO',
  _nsimilar: 'NOT SIMILAR TO',
  _regex: '~',
  _iregex: '~*',
  _nregex: '!~',
  _niregex: '!~*',
  _contains: '@>',
  _contained_in: '<@',
  _has_key: '?',
};
const COLUMN_COMPARISON: Record<string, string> = {
  _ceq: '=',
  _cne: '<>',
  _cgt: '>',
  _cgte: '>=',
  _clt: '<',
  _clte: '<=',
};
const TEXT_OPERAND = new Set([
  '_like',
  '_nlike',
  '_ilike',
  '_nilike',
  '_similar',
  '_nsimilar',
  '_regex',
  '_iregex',
  '_nregex',
  '_niregex',
  '_has_key',
]);

export function compileBoolExp(
  ctx: CompileContext,
  exp: unknown,
  table: TableModel,
  alias: string,
  source: BoolExpSource,
  path: string,
): string {
  if (exp === null || exp === undefined) return 'true';
  if (typeof exp !== 'object' || Array.isArray(exp))
    throw new EngineError('validation-failed', 'expected an object for a boolean expression', path);
  const conjuncts: string[] = [];
  for (const [key, value] of Object.entries(exp)) {
    const here = `${path}.${key}`;
    if (key === '_and' || key === '_or') {
      const items = value === null ? [] : Array.isArray(value) ? value : [value];
      if (value === null && source === 'request') throw nullValue(`[${table.gqlName}_bool_exp!]`, here);
      const parts = items.map((item, i) => compileBoolExp(ctx, item, table, alias, source, `${here}[${i}]`));
      conjuncts.push(
        parts.length ? `(${parts.join(key === '_and' ? ' AND ' : ' OR ')})` : key === '_and' ? 'true' : 'false',
      );
    } else if (key === '_exists' && source === 'permission') {
      conjuncts.push(compileExists(ctx, value as ExistsExp, here));
    } else if (key === '_not') {
      conjuncts.push(`NOT (${compileBoolExp(ctx, value, table, alias, source, here)})`);
    } else if ((source === 'request' ? table.columnsByField : table.columns).has(key)) {
      // Requests name columns by their GraphQL field names; permissions (metadata) by their Postgres names.
      const column = (source === 'request' ? table.columnsByField : table.columns).get(key)!;
      conjuncts.push(
        ...compileColumn(ctx, column, `${alias}.${ident(column.name)}`, value, source, here, { table, alias }),
      );
    } else if (
      key.endsWith('_aggregate') &&
      table.relationships.some((r) => r.kind === 'array' && `${r.name}_aggregate` === key)
    ) {
      const rel = table.relationships.find((r) => r.kind === 'array' && `${r.name}_aggregate` === key)!;
      conjuncts.push(compileAggregatePredicate(ctx, rel, value as AggregatePredicate | null, alias, source, here));
    } else {
      const rel = table.relationships.find((r) => r.name === key);
      if (!rel)
        throw new EngineError(
          'validation-failed',
          `field '${key}' not found in type: '${table.gqlName}_bool_exp'`,
          here,
        );
      const remote = ctx.alias();
      const join = rel.mapping.map(([local, far]) => `${remote}.${ident(far)} = ${alias}.${ident(local)}`);
      const conditions = [...join];
      if (source === 'request') {
        const rule = ctx.types.select(rel.remote);
        if (!rule)
          throw new EngineError(
            'validation-failed',
            `field '${key}' not found in type: '${table.gqlName}_bool_exp'`,
            here,
          );
        conditions.push(compileBoolExp(ctx, rule.filter, rel.remote, remote, 'permission', here));
      }
      conditions.push(compileBoolExp(ctx, value, rel.remote, remote, source, here));
      conjuncts.push(
        `EXISTS (SELECT 1 FROM ${tableName(rel.remote.info.schema, rel.remote.info.name)} AS ${remote} WHERE ${conditions.join(' AND ')})`,
      );
    }
  }
  return conjuncts.length ? conjuncts.join(' AND ') : 'true';
}

interface ExistsExp {
  _table: { schema?: string; name: string } | string;
  _where?: unknown;
}

/** `_exists: {_table, _where}` (permissions only): some row of any tracked table matches, unrelated to this one. */
function compileExists(ctx: CompileContext, exp: ExistsExp, path: string): string {
  const target = typeof exp?._table === 'string' ? { schema: 'public', name: exp._table } : exp?._table;
  const table = target && ctx.types.model.get(`${target.schema ?? 'public'}.${target.name}`);
  if (!table)
    throw new EngineError(
      'unexpected',
      `_exists names a table that is not tracked: ${JSON.stringify(exp?._table)}`,
      path,
    );
  const alias = ctx.alias();
  const where = compileBoolExp(ctx, exp._where ?? {}, table, alias, 'permission', `${path}._where`);
  return `EXISTS (SELECT 1 FROM ${tableName(table.info.schema, table.info.name)} AS ${alias} WHERE ${where})`;
}

interface AggregateSpec {
  arguments?: string[] | string | null;
  distinct?: boolean | null;
  filter?: unknown;
  predicate: unknown;
}
type AggregatePredicate = Partial<Record<'count' | 'bool_and' | 'bool_or', AggregateSpec | null>>;

/**
 * `articles_aggregate: {count: {predicate: {_gt: 2}, filter: …}}` (or `bool_and` / `bool_or` of a boolean column):
 * compares an aggregate over the related rows the role may see.
 */
function compileAggregatePredicate(
  ctx: CompileContext,
  rel: RelationshipModel,
  value: AggregatePredicate | null,
  alias: string,
  source: BoolExpSource,
  path: string,
): string {
  const parts: string[] = [];
  for (const [fn, spec] of Object.entries(value ?? {}) as Array<[keyof AggregatePredicate, AggregateSpec | null]>) {
    if (!spec) continue;
    const remote = ctx.alias();
    const conditions = rel.mapping.map(([local, far]) => `${remote}.${ident(far)} = ${alias}.${ident(local)}`);
    if (source === 'request')
      conditions.push(
        compileBoolExp(ctx, ctx.types.select(rel.remote)!.filter, rel.remote, remote, 'permission', path),
      );
    if (spec.filter)
      conditions.push(compileBoolExp(ctx, spec.filter, rel.remote, remote, source, `${path}.${fn}.filter`));
    const args = spec.arguments == null ? [] : Array.isArray(spec.arguments) ? spec.arguments : [spec.arguments];
    const columns = args.map((c) => `${remote}.${ident(c)}`);
    const input =
      columns.length === 0
        ? '*'
        : `${spec.distinct ? 'DISTINCT ' : ''}${columns.length === 1 ? columns[0] : `ROW(${columns.join(', ')})`}`;
    const aggregate = `(SELECT ${fn === 'count' ? 'count' : fn}(${input}) FROM ${tableName(rel.remote.info.schema, rel.remote.info.name)} AS ${remote} WHERE ${conditions.join(' AND ')})`;
    const pgType = fn === 'count' ? 'int4' : 'bool';
    parts.push(
      ...compileColumn(
        ctx,
        { name: fn, pgType, nullable: false, hasDefault: false },
        aggregate,
        spec.predicate,
        source,
        `${path}.${fn}.predicate`,
      ),
    );
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

function compileColumn(
  ctx: CompileContext,
  column: ColumnInfo,
  sqlColumn: string,
  ops: unknown,
  source: BoolExpSource,
  path: string,
  /** The row the column belongs to, for column-to-column comparisons; absent for aggregates. */
  row?: { table: TableModel; alias: string },
): string[] {
  if (ops === null || typeof ops !== 'object')
    throw new EngineError('validation-failed', `expected an object for column '${column.name}'`, path);
  const scalar = scalarName(column.pgType);
  const operand = (value: unknown, pgType: string) =>
    source === 'permission' && typeof value === 'string' && SESSION_VARIABLE.test(value)
      ? ctx.params.text(sessionVariable(ctx, value), pgType)
      : ctx.params.value(value, pgType);
  const parts: string[] = [];
  for (const [op, value] of Object.entries(ops)) {
    const here = `${path}.${op}`;
    if (value === null || value === undefined) {
      if (source === 'request')
        throw nullValue(op === '_is_null' ? 'Boolean' : op === '_in' || op === '_nin' ? `[${scalar}!]` : scalar, here);
      // Metadata may compare with null: Hasura's nullable equality makes `_eq: null` "IS NULL" and `_neq: null`
      // "IS NOT NULL"; any other comparison with null holds for no row.
      parts.push(op === '_eq' ? `${sqlColumn} IS NULL` : op === '_neq' ? `${sqlColumn} IS NOT NULL` : 'false');
      continue;
    }
    if (op === '_is_null') {
      parts.push(`${sqlColumn} ${value ? 'IS NULL' : 'IS NOT NULL'}`);
    } else if (op === '_in' || op === '_nin') {
      const negate = op === '_nin';
      if (typeof value === 'string' && source === 'permission' && SESSION_VARIABLE.test(value)) {
        // An array-valued session variable, given as a Postgres array literal: "{a,b}".
        const list = ctx.params.text(sessionVariable(ctx, value), `_${column.pgType}`);
        parts.push(negate ? `NOT (${sqlColumn} = ANY(${list}))` : `${sqlColumn} = ANY(${list})`);
        continue;
      }
      const items = (Array.isArray(value) ? value : [value]).map((item) => operand(item, column.pgType));
      if (items.length === 0) parts.push(negate ? 'true' : 'false');
      else parts.push(`${sqlColumn} ${negate ? 'NOT IN' : 'IN'} (${items.join(', ')})`);
    } else if (op === '_has_keys_any' || op === '_has_keys_all') {
      const operator = op === '_has_keys_any' ? '?|' : '?&';
      if (typeof value === 'string' && source === 'permission' && SESSION_VARIABLE.test(value)) {
        // An array-valued session variable, given as a Postgres array literal: "{a,b}".
        parts.push(`${sqlColumn} ${operator} ${ctx.params.text(sessionVariable(ctx, value), '_text')}`);
        continue;
      }
      const keys = (Array.isArray(value) ? value : [value]).map((key) => operand(key, 'text'));
      parts.push(`${sqlColumn} ${operator} ARRAY[${keys.join(', ')}]::text[]`);
    } else if (COLUMN_COMPARISON[op] && source === 'permission' && row) {
      // Permissions may compare two columns of the same row: `{views: {_cgt: "word_count"}}`.
      const other = Array.isArray(value) ? value.at(-1) : value;
      if (typeof other !== 'string' || !row.table.columns.has(other))
        throw new EngineError('unexpected', `${op} names an unknown column: ${JSON.stringify(value)}`, here);
      parts.push(`${sqlColumn} ${COLUMN_COMPARISON[op]} ${row.alias}.${ident(other)}`);
    } else if (BINARY[op]) {
      parts.push(`${sqlColumn} ${BINARY[op]} ${operand(value, TEXT_OPERAND.has(op) ? 'text' : column.pgType)}`);
    } else {
      throw new EngineError('validation-failed', `field '${op}' not found in type: '${scalar}_comparison_exp'`, here);
    }
  }
  return parts;
}

function nullValue(type: string, path: string): EngineError {
  return new EngineError('validation-failed', `unexpected null value for type '${type}'`, path);
}

/** A session variable's value; a permission naming a variable the session lacks is a request error. */
export function sessionVariable(ctx: CompileContext, name: string): string {
  const value = ctx.session.variables[name.toLowerCase()];
  if (value === undefined) throw new EngineError('not-found', `missing session variable: "${name.toLowerCase()}"`);
  return value;
}
