/**
 * Boolean expressions → `BoolIR`: a request's `where` (GraphQL names, nulls refused) or a permission's filter/check
 * (normalised metadata: Postgres names, session variables resolved here). A relationship filter in a request also
 * carries the remote table's select filter for the role.
 */
import type { ColumnInfo } from '../../types.js';
import { EngineError } from '../errors.js';
import { TEXT_OPERATORS } from '../metadata/bool-exp.js';
import type { RelationshipModel, TableModel } from '../metadata/model.js';
import { scalarName } from '../scalars.js';
import { bound, isSessionVariable, sessionValue, type IRContext } from './context.js';
import type { BoolIR, Bound, Comparison, Operand } from './types.js';

/** `request`: a client's where (nulls rejected); `permission`: metadata written by the admin (session variables). */
export type BoolExpSource = 'request' | 'permission';

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

export const TRUE: BoolIR = { kind: 'const', value: true };

/** The conjunction of `items`, without the `true`s. */
export function and(...items: BoolIR[]): BoolIR {
  const kept = items.filter((item) => !(item.kind === 'const' && item.value));
  return kept.length === 0 ? TRUE : kept.length === 1 ? kept[0] : { kind: 'and', items: kept };
}

/** The role's select filter on `table` (false when the role may not select it). */
export function selectFilter(ctx: IRContext, table: TableModel, path: string): BoolIR {
  const rule = ctx.permissions(table).select;
  return rule ? boolExp(ctx, rule.filter, table, 'permission', path) : { kind: 'const', value: false };
}

export function boolExp(ctx: IRContext, exp: unknown, table: TableModel, source: BoolExpSource, path: string): BoolIR {
  if (exp === null || exp === undefined) return TRUE;
  if (typeof exp !== 'object' || Array.isArray(exp))
    throw new EngineError('validation-failed', 'expected an object for a boolean expression', path);
  const conjuncts: BoolIR[] = [];
  for (const [key, value] of Object.entries(exp)) {
    const here = `${path}.${key}`;
    if (key === '_and' || key === '_or') {
      if (value === null && source === 'request') throw nullValue(`[${table.gqlName}_bool_exp!]`, here);
      const items = value === null ? [] : Array.isArray(value) ? value : [value];
      conjuncts.push({
        kind: key === '_and' ? 'and' : 'or',
        items: items.map((item, i) => boolExp(ctx, item, table, source, `${here}[${i}]`)),
      });
    } else if (key === '_exists' && source === 'permission') {
      conjuncts.push(exists(ctx, value as ExistsExp, here));
    } else if (key === '_not') {
      conjuncts.push({ kind: 'not', item: boolExp(ctx, value, table, source, here) });
    } else if ((source === 'request' ? table.columnsByField : table.columns).has(key)) {
      // Requests name columns by their GraphQL field names; permissions (metadata) by their Postgres names.
      const column = (source === 'request' ? table.columnsByField : table.columns).get(key)!;
      conjuncts.push(...columnTests(ctx, column, { kind: 'column', column: column.name }, value, source, here, table));
    } else if (
      key.endsWith('_aggregate') &&
      table.relationships.some((r) => r.kind === 'array' && `${r.name}_aggregate` === key)
    ) {
      const rel = table.relationships.find((r) => r.kind === 'array' && `${r.name}_aggregate` === key)!;
      conjuncts.push(aggregatePredicate(ctx, rel, value as AggregatePredicate | null, source, here));
    } else {
      const rel = table.relationships.find((r) => r.name === key);
      const notFound = () =>
        new EngineError('validation-failed', `field '${key}' not found in type: '${table.gqlName}_bool_exp'`, here);
      if (!rel) throw notFound();
      const where: BoolIR[] = [];
      if (source === 'request') {
        if (!ctx.permissions(rel.remote).select) throw notFound();
        where.push(selectFilter(ctx, rel.remote, here));
      }
      where.push(boolExp(ctx, value, rel.remote, source, here));
      conjuncts.push({ kind: 'related', relationship: rel, where: and(...where) });
    }
  }
  return conjuncts.length === 1 ? conjuncts[0] : { kind: 'and', items: conjuncts };
}

interface ExistsExp {
  _table: { schema?: string; name: string } | string;
  _where?: unknown;
}

/** `_exists: {_table, _where}` (permissions only): some row of any tracked table matches, unrelated to this one. */
function exists(ctx: IRContext, exp: ExistsExp, path: string): BoolIR {
  const target = typeof exp?._table === 'string' ? { schema: 'public', name: exp._table } : exp?._table;
  const table = target && ctx.model.get(`${target.schema ?? 'public'}.${target.name}`);
  if (!table)
    throw new EngineError(
      'unexpected',
      `_exists names a table that is not tracked: ${JSON.stringify(exp?._table)}`,
      path,
    );
  return { kind: 'exists', table, where: boolExp(ctx, exp._where ?? {}, table, 'permission', `${path}._where`) };
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
function aggregatePredicate(
  ctx: IRContext,
  rel: RelationshipModel,
  value: AggregatePredicate | null,
  source: BoolExpSource,
  path: string,
): BoolIR {
  const parts: BoolIR[] = [];
  for (const [fn, spec] of Object.entries(value ?? {}) as Array<[keyof AggregatePredicate, AggregateSpec | null]>) {
    if (!spec) continue;
    const filter: BoolIR[] = [];
    if (source === 'request') filter.push(selectFilter(ctx, rel.remote, path));
    if (spec.filter) filter.push(boolExp(ctx, spec.filter, rel.remote, source, `${path}.${fn}.filter`));
    const columns = spec.arguments == null ? [] : Array.isArray(spec.arguments) ? spec.arguments : [spec.arguments];
    const operand: Operand = {
      kind: 'aggregate',
      relationship: rel,
      fn,
      columns,
      distinct: spec.distinct === true,
      filter: and(...filter),
    };
    const pgType = fn === 'count' ? 'int4' : 'bool';
    parts.push(
      ...columnTests(
        ctx,
        { name: fn, pgType, nullable: false, hasDefault: false },
        operand,
        spec.predicate,
        source,
        `${path}.${fn}.predicate`,
      ),
    );
  }
  return and(...parts);
}

/** The tests of one column (or aggregate) object, `{_gt: 1, _lt: 5}`, one per operator. */
function columnTests(
  ctx: IRContext,
  column: ColumnInfo,
  left: Operand,
  ops: unknown,
  source: BoolExpSource,
  path: string,
  /** The column's table, for column-to-column comparisons; absent for aggregates. */
  table?: TableModel,
): BoolIR[] {
  if (ops === null || typeof ops !== 'object')
    throw new EngineError('validation-failed', `expected an object for column '${column.name}'`, path);
  const scalar = scalarName(column.pgType);
  const fromSession = (value: unknown): value is string => source === 'permission' && isSessionVariable(value);
  const operand = (value: unknown, pgType: string): Bound =>
    fromSession(value) ? { text: sessionValue(ctx, value), pgType } : bound(value, pgType);
  const tests: BoolIR[] = [];
  const test = (comparison: Comparison) => tests.push({ kind: 'compare', left, test: comparison });
  for (const [op, value] of Object.entries(ops)) {
    const here = `${path}.${op}`;
    if (value === null || value === undefined) {
      if (source === 'request')
        throw nullValue(op === '_is_null' ? 'Boolean' : op === '_in' || op === '_nin' ? `[${scalar}!]` : scalar, here);
      // Metadata may compare with null: Hasura's nullable equality makes `_eq: null` "IS NULL" and `_neq: null`
      // "IS NOT NULL"; any other comparison with null holds for no row.
      if (op === '_eq' || op === '_neq') test({ kind: 'is_null', negate: op === '_neq' });
      else tests.push({ kind: 'const', value: false });
      continue;
    }
    if (op === '_is_null') {
      test({ kind: 'is_null', negate: !value });
    } else if (op === '_in' || op === '_nin') {
      const negate = op === '_nin';
      // An array-valued session variable, given as a Postgres array literal: "{a,b}".
      if (fromSession(value)) test({ kind: 'in_array', negate, array: operand(value, `_${column.pgType}`) });
      else
        test({
          kind: 'in',
          negate,
          items: (Array.isArray(value) ? value : [value]).map((item) => operand(item, column.pgType)),
        });
    } else if (op === '_has_keys_any' || op === '_has_keys_all') {
      const all = op === '_has_keys_all';
      if (fromSession(value)) test({ kind: 'has_keys', all, keys: operand(value, '_text') });
      else
        test({ kind: 'has_keys', all, keys: (Array.isArray(value) ? value : [value]).map((k) => operand(k, 'text')) });
    } else if (COLUMN_COMPARISON[op] && source === 'permission' && table) {
      // Permissions may compare two columns of the same row: `{views: {_cgt: "word_count"}}`.
      const other = Array.isArray(value) ? value.at(-1) : value;
      if (typeof other !== 'string' || !table.columns.has(other))
        throw new EngineError('unexpected', `${op} names an unknown column: ${JSON.stringify(value)}`, here);
      test({ kind: 'column', operator: COLUMN_COMPARISON[op], column: other });
    } else if (BINARY[op]) {
      test({
        kind: 'binary',
        operator: BINARY[op],
        // A pattern, or `_has_key`'s key, is text whatever the column's type.
        right: operand(value, TEXT_OPERATORS.has(op) || op === '_has_key' ? 'text' : column.pgType),
      });
    } else {
      throw new EngineError('validation-failed', `field '${op}' not found in type: '${scalar}_comparison_exp'`, here);
    }
  }
  return tests;
}

function nullValue(type: string, path: string): EngineError {
  return new EngineError('validation-failed', `unexpected null value for type '${type}'`, path);
}
