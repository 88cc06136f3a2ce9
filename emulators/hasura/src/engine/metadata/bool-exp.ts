/**
 * A permission's boolean expression (filter / check) as Hasura's metadata parser reads it, turned into the one
 * shape the SQL compiler knows: `_and`/`_or`/`_not`/`_exists`, columns by Postgres name with `_`-prefixed operators.
 * Accepted as Hasura accepts them: `$`-prefixed operators and connectives (`$and`, `$eq`, `$in`, …), the aliases
 * `_ne`/`$neq` and `_cneq`, `{column: value}` meaning `_eq` (also inside `_exists._where` and relationship
 * filters), a single expression where a list is expected. Anything Hasura would refuse throws `Inconsistency`.
 */
import type { BoolExp, ColumnInfo } from '../../types.js';
import type { Model, TableModel } from './types.js';
import { isTextType } from '../scalars.js';

export class Inconsistency extends Error {}

/** `x-hasura-*` strings are session variables (case-insensitive), bound per request. */
export const isSessionVariable = (value: unknown): value is string =>
  typeof value === 'string' && /^x-hasura-/i.test(value);

const CONNECTIVES: Record<string, '_and' | '_or' | '_not' | '_exists'> = {
  _and: '_and',
  $and: '_and',
  _or: '_or',
  $or: '_or',
  _not: '_not',
  $not: '_not',
  _exists: '_exists',
  $exists: '_exists',
};

/** Every operator Hasura's Postgres parser knows (both spellings), mapped to the one the compiler uses. */
const OPERATORS: Record<string, string> = {};
for (const op of [
  'eq',
  'neq',
  'gt',
  'lt',
  'gte',
  'lte',
  'in',
  'nin',
  'is_null',
  'like',
  'nlike',
  'ilike',
  'nilike',
  'similar',
  'nsimilar',
  'regex',
  'iregex',
  'nregex',
  'niregex',
  'contains',
  'contained_in',
  'has_key',
  'has_keys_any',
  'has_keys_all',
  'ceq',
  'cne',
  'cgt',
  'clt',
  'cgte',
  'clte',
]) {
  OPERATORS[`_${op}`] = `_${op}`;
  OPERATORS[`$${op}`] = `_${op}`;
}
Object.assign(OPERATORS, { _ne: '_neq', $ne: '_neq', $neq: '_neq', _cneq: '_cne', $cneq: '_cne' });

/** The pattern operators: text columns only, their operand always text. */
export const TEXT_OPERATORS: ReadonlySet<string> = new Set([
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
]);
const JSONB_OPERATORS = new Set(['_has_key', '_has_keys_any', '_has_keys_all']);
const CONTAINMENT = new Set(['_contains', '_contained_in']);
const LIST_OPERATORS = new Set(['_in', '_nin', '_has_keys_any', '_has_keys_all']);
const COLUMN_OPERATORS = new Set(['_ceq', '_cne', '_cgt', '_clt', '_cgte', '_clte']);
const UNSUPPORTED = new Set(['_cast', '$cast']);

const qualifiedName = (table: TableModel) => `${table.info.schema}.${table.info.name}`;

/** `exp` of `table`, normalised; `path` names where it sits in the permission, for the inconsistency's reason. */
export function normaliseBoolExp(
  model: Model,
  table: TableModel,
  exp: unknown,
  path: string,
  root: TableModel = table,
): BoolExp {
  if (exp === null || typeof exp !== 'object' || Array.isArray(exp))
    throw new Inconsistency(`${path}: expecting an object for a boolean expression`);
  const out: Record<string, unknown> = {};
  // Keys of one object are a conjunction; a key written twice (`_and` and `$and`) is kept as a conjunction too.
  const extra: BoolExp[] = [];
  const put = (key: string, value: unknown) => {
    if (key in out) extra.push({ [key]: value });
    else out[key] = value;
  };
  for (const [key, value] of Object.entries(exp)) {
    const here = `${path}.${key}`;
    const connective = CONNECTIVES[key];
    if (connective === '_and' || connective === '_or') {
      const items = Array.isArray(value) ? value : [value];
      put(
        connective,
        items.map((item, i) => normaliseBoolExp(model, table, item, `${here}[${i}]`, root)),
      );
    } else if (connective === '_not') {
      put('_not', normaliseBoolExp(model, table, value, here, root));
    } else if (connective === '_exists') {
      put('_exists', normaliseExists(model, value, here));
    } else if (table.columns.has(key)) {
      put(key, normaliseColumn(table, root, table.columns.get(key)!, value, here));
    } else {
      const rel = table.relationships.find((r) => r.name === key);
      if (rel) {
        put(key, normaliseBoolExp(model, rel.remote, value, here, root));
        continue;
      }
      const aggregate = table.relationships.find((r) => r.kind === 'array' && `${r.name}_aggregate` === key);
      if (aggregate) {
        put(key, normaliseAggregate(model, aggregate.remote, value, here, root));
        continue;
      }
      throw new Inconsistency(`${here}: no column or relationship "${key}" in table "${qualifiedName(table)}"`);
    }
  }
  return extra.length ? { _and: [out, ...extra] } : out;
}

function normaliseExists(model: Model, value: unknown, path: string): BoolExp {
  const spec = value as { _table?: unknown; _where?: unknown } | null;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec))
    throw new Inconsistency(`${path}: expecting an object with "_table" and "_where"`);
  const target = spec._table;
  const ref =
    typeof target === 'string'
      ? { schema: 'public', name: target }
      : target && typeof target === 'object' && typeof (target as { name?: unknown }).name === 'string'
        ? {
            schema: ((target as { schema?: string }).schema ?? 'public') as string,
            name: (target as { name: string }).name,
          }
        : undefined;
  if (!ref) throw new Inconsistency(`${path}._table: expecting a table name or {schema, name}`);
  const table = model.get(`${ref.schema}.${ref.name}`);
  if (!table) throw new Inconsistency(`${path}._table: table "${ref.schema}.${ref.name}" is not tracked`);
  if (!('_where' in spec)) throw new Inconsistency(`${path}: key "_where" not found`);
  return { _table: ref, _where: normaliseBoolExp(model, table, spec._where, `${path}._where`) };
}

function normaliseColumn(
  table: TableModel,
  root: TableModel,
  column: ColumnInfo,
  value: unknown,
  path: string,
): Record<string, unknown> {
  if (column.pgType === 'json') throw new Inconsistency(`${path}: JSON column can not be part of boolean expression`);
  // A value that is not an object means equality, as in Hasura.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { _eq: value };
  const ops: Record<string, unknown> = {};
  for (const [written, operand] of Object.entries(value)) {
    const here = `${path}.${written}`;
    if (UNSUPPORTED.has(written))
      throw new Inconsistency(`${here}: the operator "${written}" is not supported by this engine`);
    const op = OPERATORS[written];
    if (!op) throw new Inconsistency(`${here}: Unknown operator: ${written}`);
    const type = column.pgType;
    const guard = (ok: boolean, expected: string) => {
      if (!ok)
        throw new Inconsistency(
          `${here}: "${column.name}" is of type "${type}"; this operator works only on columns of type ${expected}`,
        );
    };
    if (TEXT_OPERATORS.has(op)) guard(isTextType(type), '"varchar", "text", "citext", "bpchar", "name"');
    if (JSONB_OPERATORS.has(op)) guard(type === 'jsonb', '"jsonb"');
    if (CONTAINMENT.has(op)) guard(type === 'jsonb' || type.startsWith('_'), 'an array or JSONB');
    if (op === '_is_null' && typeof operand !== 'boolean') throw new Inconsistency(`${here}: expecting a boolean`);
    if (LIST_OPERATORS.has(op) && !Array.isArray(operand) && !isSessionVariable(operand)) {
      throw new Inconsistency(`${here}: expecting a list of values or a session variable`);
    }
    if (COLUMN_OPERATORS.has(op)) {
      ops[op] = normaliseColumnReference(table, root, operand, here);
      continue;
    }
    if (op in ops) throw new Inconsistency(`${here}: the operator "${op}" is given twice`);
    ops[op] = operand;
  }
  return ops;
}

/** The right-hand side of `_ceq`-style operators: `"col"`, `["col"]` (this row) or `["$", "col"]` (the root row). */
function normaliseColumnReference(table: TableModel, root: TableModel, operand: unknown, path: string): unknown {
  const [scope, name] =
    typeof operand === 'string'
      ? [table, operand]
      : Array.isArray(operand) && operand.length === 1
        ? [table, operand[0]]
        : Array.isArray(operand) && operand.length === 2 && operand[0] === '$'
          ? [root, operand[1]]
          : [undefined, undefined];
  if (!scope || typeof name !== 'string')
    throw new Inconsistency(`${path}: expecting a column name, ["column"] or ["$", "column"]`);
  if (!scope.columns.has(name))
    throw new Inconsistency(`${path}: no column "${name}" in table "${qualifiedName(scope)}"`);
  if (scope !== table)
    throw new Inconsistency(
      `${path}: comparing with a column of the root table across a relationship is not supported by this engine`,
    );
  return name;
}

function normaliseAggregate(model: Model, remote: TableModel, value: unknown, path: string, root: TableModel): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Inconsistency(`${path}: expecting an object`);
  const out: Record<string, unknown> = {};
  for (const [fn, spec] of Object.entries(value)) {
    const here = `${path}.${fn}`;
    if (fn !== 'count' && fn !== 'bool_and' && fn !== 'bool_or')
      throw new Inconsistency(`${here}: unknown aggregate function "${fn}"`);
    const s = spec as { predicate?: unknown; filter?: unknown; arguments?: unknown; distinct?: unknown } | null;
    if (!s || typeof s !== 'object' || !('predicate' in s))
      throw new Inconsistency(`${here}: key "predicate" not found`);
    const args = s.arguments == null ? [] : Array.isArray(s.arguments) ? s.arguments : [s.arguments];
    for (const column of args) {
      if (typeof column !== 'string' || !remote.columns.has(column))
        throw new Inconsistency(
          `${here}.arguments: no column ${JSON.stringify(column)} in table "${qualifiedName(remote)}"`,
        );
    }
    const pgType = fn === 'count' ? 'int4' : 'bool';
    out[fn] = {
      ...s,
      predicate: normaliseColumn(
        remote,
        root,
        { name: fn, pgType, nullable: false, hasDefault: false },
        s.predicate,
        `${here}.predicate`,
      ),
      ...(s.filter != null ? { filter: normaliseBoolExp(model, remote, s.filter, `${here}.filter`, root) } : {}),
    };
  }
  return out;
}
