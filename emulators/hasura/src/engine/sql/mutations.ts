/**
 * Compiles insert/update/delete root fields into one statement each: a data-modifying CTE whose RETURNING also
 * evaluates the permission check (raising through `hdb_catalog.check_violation`), and a SELECT that builds the
 * mutation response (`affected_rows`, `returning`) or the single row of the `_one` / `_by_pk` variants.
 */
import { EngineError, CHECK_VIOLATION_MESSAGE } from '../errors.js';
import { fieldOf, type TableModel } from '../model.js';
import { isNumericType } from '../scalars.js';
import type { SelectedField } from '../selection.js';
import { compileBoolExp, sessionVariable } from './bool-exp.js';
import type { CompileContext } from './context.js';
import { ident, table as tableName } from './params.js';
import { jsonObject, rowJson, subFields } from './select.js';

/** Created once per database (idempotent): raises the permission error from inside a statement. */
export const HELPER_FUNCTIONS_SQL = `
CREATE SCHEMA IF NOT EXISTS hdb_catalog;
CREATE OR REPLACE FUNCTION hdb_catalog.check_violation(msg text) RETURNS boolean AS $$
BEGIN
  RAISE check_violation USING message = msg;
END;
$$ LANGUAGE plpgsql;
`;

const MODIFIED = '"__m"';

export interface OnConflict {
  constraint: string;
  update_columns: string[];
  where?: Record<string, unknown> | null;
}

/** The check of an insert/update permission as a RETURNING column that raises when the check fails. */
function checkColumn(
  ctx: CompileContext,
  check: Record<string, unknown> | null,
  table: TableModel,
  alias: string,
  path: string,
): string {
  if (!check || Object.keys(check).length === 0) return '';
  return raiseUnless(ctx, compileBoolExp(ctx, check, table, alias, 'permission', path));
}

function raiseUnless(ctx: CompileContext, condition: string): string {
  return `, CASE WHEN ${condition} THEN true ELSE hdb_catalog.check_violation(${ctx.params.text(CHECK_VIOLATION_MESSAGE)}) END AS "__check"`;
}

/**
 * An upsert checks inserted rows with the insert permission and rows it updated with the update permission's check.
 * `xmax = 0` tells a freshly inserted row from one updated by ON CONFLICT.
 */
function upsertCheckColumn(
  ctx: CompileContext,
  insertCheck: Record<string, unknown>,
  updateCheck: Record<string, unknown> | null,
  table: TableModel,
  alias: string,
  path: string,
): string {
  const condition = (check: Record<string, unknown> | null) =>
    check && Object.keys(check).length ? compileBoolExp(ctx, check, table, alias, 'permission', path) : 'true';
  return raiseUnless(
    ctx,
    `CASE WHEN ${alias}.xmax = 0 THEN ${condition(insertCheck)} ELSE ${condition(updateCheck)} END`,
  );
}

/** A preset value (`set` of a permission): a session variable by name, or a literal. */
function presetValue(ctx: CompileContext, value: unknown, pgType: string): string {
  return typeof value === 'string' && /^x-hasura-/i.test(value)
    ? ctx.params.text(sessionVariable(ctx, value), pgType)
    : ctx.params.value(value, pgType);
}

/** The SELECT after the CTE: the mutation response object, or one row (or null) for `_one` / `_by_pk` fields. */
function output(
  ctx: CompileContext,
  table: TableModel,
  fields: SelectedField[],
  single: boolean,
  path: string,
  affectedRows?: () => string,
): string {
  // "__check" is referenced so the check is evaluated even when nothing else reads the modified rows.
  const checked = `(SELECT count(*) FROM ${MODIFIED})`;

  // Returned rows are the modified rows the role may also select, as in Hasura.
  const visible = (alias: string) => {
    const select = ctx.types.select(table);
    return select ? compileBoolExp(ctx, select.filter, table, alias, 'permission', path) : 'true';
  };
  if (single) {
    const alias = ctx.alias();
    return `SELECT (SELECT ${rowJson(ctx, table, alias, fields, path)} FROM ${MODIFIED} AS ${alias} WHERE ${visible(alias)} LIMIT 1)::text AS result, ${checked} AS checked`;
  }
  const pairs = fields.map((field) => {
    if (field.plan?.kind === 'affected_rows') return `'${field.key}', ${affectedRows ? affectedRows() : checked}`;
    const alias = ctx.alias();
    const row = rowJson(ctx, table, alias, subFields(ctx, field), `${path}.selectionSet.${field.key}`);
    return `'${field.key}', (SELECT coalesce(json_agg(${row}), '[]'::json) FROM ${MODIFIED} AS ${alias} WHERE ${visible(alias)})`;
  });
  return `SELECT ${jsonObject(pairs)}::text AS result, ${checked} AS checked`;
}

export function compileInsert(
  ctx: CompileContext,
  table: TableModel,
  rows: Array<Record<string, unknown>>,
  onConflict: OnConflict | null | undefined,
  fields: SelectedField[],
  single: boolean,
  path: string,
): string {
  return `${insertCte(ctx, table, rows, onConflict, path)} ${output(ctx, table, fields, single, path)}`;
}

/** Inserts one row (a step of a nested insert) and answers it as `row_to_json`, or null when nothing was inserted. */
export function compileInsertRow(
  ctx: CompileContext,
  table: TableModel,
  row: Record<string, unknown>,
  onConflict: OnConflict | null | undefined,
  path: string,
): string {
  return (
    `${insertCte(ctx, table, [row], onConflict, path)} ` +
    `SELECT (SELECT row_to_json("__r") FROM ${MODIFIED} AS "__r" LIMIT 1)::text AS result, (SELECT count(*) FROM ${MODIFIED}) AS checked`
  );
}

/** The response of a nested insert, built over the already inserted top-level rows (given as JSON). */
export function compileInsertedOutput(
  ctx: CompileContext,
  table: TableModel,
  rows: unknown[],
  affectedRows: number,
  fields: SelectedField[],
  single: boolean,
  path: string,
): string {
  const source = `SELECT * FROM json_populate_recordset(NULL::${tableName(table.info.schema, table.info.name)}, ${ctx.params.text(JSON.stringify(rows), 'json')})`;
  return `WITH ${MODIFIED} AS (${source}) ${output(ctx, table, fields, single, path, () => ctx.params.text(String(affectedRows), 'int8'))}`;
}

function insertCte(
  ctx: CompileContext,
  table: TableModel,
  rows: Array<Record<string, unknown>>,
  onConflict: OnConflict | null | undefined,
  path: string,
): string {
  const rule = ctx.types.permissions(table).insert!;
  const alias = ctx.alias();
  const presets = Object.keys(rule.set).filter((c) => table.columns.has(c));
  // Rows are keyed by GraphQL field names, presets by column names.
  const columns = table.info.columns
    .map((c) => c.name)
    .filter((c) => presets.includes(c) || rows.some((row) => fieldOf(table, c) in row));
  const target = `${tableName(table.info.schema, table.info.name)} AS ${alias}`;
  let values: string;
  if (columns.length === 0) {
    values =
      rows.length === 1
        ? 'DEFAULT VALUES'
        : `(${ident(table.info.columns[0].name)}) VALUES ${rows.map(() => '(DEFAULT)').join(', ')}`;
  } else {
    const tuples = rows.map((row) => {
      const items = columns.map((c) => {
        const pgType = table.columns.get(c)!.pgType;
        if (presets.includes(c)) return presetValue(ctx, rule.set[c], pgType);
        const field = fieldOf(table, c);
        return field in row ? ctx.params.value(row[field], pgType) : 'DEFAULT';
      });
      return `(${items.join(', ')})`;
    });
    values = `(${columns.map(ident).join(', ')}) VALUES ${tuples.join(', ')}`;
  }
  let conflict = '';
  let upserts = false;
  if (onConflict) {
    const update = ctx.types.permissions(table).update;
    if (!update)
      throw new EngineError(
        'permission-error',
        'upsert is not allowed without update permission',
        `${path}.args.on_conflict`,
      );
    const updateColumns = onConflict.update_columns.filter((c) => c !== '_PLACEHOLDER');
    if (updateColumns.length === 0) {
      conflict = ` ON CONFLICT ON CONSTRAINT ${ident(onConflict.constraint)} DO NOTHING`;
    } else {
      const sets = updateColumns.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`);
      for (const [column, value] of Object.entries(update.set))
        sets.push(`${ident(column)} = ${presetValue(ctx, value, table.columns.get(column)!.pgType)}`);
      const where = [compileBoolExp(ctx, update.filter, table, alias, 'permission', path)];
      if (onConflict.where)
        where.push(compileBoolExp(ctx, onConflict.where, table, alias, 'request', `${path}.args.on_conflict.where`));
      upserts = true;
      conflict = ` ON CONFLICT ON CONSTRAINT ${ident(onConflict.constraint)} DO UPDATE SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`;
    }
  }
  const check = upserts
    ? upsertCheckColumn(ctx, rule.check, ctx.types.permissions(table).update!.check, table, alias, path)
    : checkColumn(ctx, rule.check, table, alias, path);
  return `WITH ${MODIFIED} AS (INSERT INTO ${target} ${values}${conflict} RETURNING ${alias}.*${check})`;
}

export type UpdateSpec = Partial<Record<UpdateOperatorName, Record<string, unknown> | null>>;
export type UpdateOperatorName =
  '_set' | '_inc' | '_append' | '_prepend' | '_delete_key' | '_delete_elem' | '_delete_at_path';

/** Each update operator as SQL: the new value of `column` (qualified by the row alias) given the bound operand. */
const UPDATE_SQL: Record<
  UpdateOperatorName,
  (column: string, operand: (pgType: string) => string, pgType: string) => string
> = {
  _set: (_, operand, pgType) => operand(pgType),
  _inc: (column, operand, pgType) => `${column} + ${operand(pgType)}`,
  _append: (column, operand) => `${column} || ${operand('jsonb')}`,
  _prepend: (column, operand) => `${operand('jsonb')} || ${column}`,
  _delete_key: (column, operand) => `${column} - ${operand('text')}`,
  _delete_elem: (column, operand) => `${column} - ${operand('int4')}`,
  _delete_at_path: (column, operand) => `${column} #- ${operand('_text')}`,
};

/**
 * The SET list of an update: the request's operators, then the permission's presets. Empty when there is nothing
 * to update (Hasura then answers without running a statement). A column in two operators is refused, as in Hasura.
 */
export function updateAssignments(
  ctx: CompileContext,
  table: TableModel,
  spec: UpdateSpec,
  alias: string,
  path: string,
): string[] {
  const rule = ctx.types.permissions(table).update!;
  const assigned = new Map<string, string[]>();
  const sets: string[] = [];
  for (const operator of Object.keys(UPDATE_SQL) as UpdateOperatorName[]) {
    for (const [field, value] of Object.entries(spec[operator] ?? {})) {
      const column = table.columnsByField.get(field)!;
      if (operator === '_inc' && !isNumericType(column.pgType))
        throw new EngineError('validation-failed', `column '${field}' is not numeric`, `${path}.args._inc`);
      assigned.set(column.name, [...(assigned.get(column.name) ?? []), operator]);
      const operand = (pgType: string) => ctx.params.value(value, pgType);
      sets.push(
        `${ident(column.name)} = ${UPDATE_SQL[operator](`${alias}.${ident(column.name)}`, operand, column.pgType)}`,
      );
    }
  }
  const twice = [...assigned].filter(([, operators]) => operators.length > 1).map(([column]) => `'${column}'`);
  if (twice.length)
    throw new EngineError(
      'validation-failed',
      `Column found in multiple operators: [${twice.join(', ')}].`,
      `${path}.args`,
    );
  for (const [column, value] of Object.entries(rule.set))
    sets.push(`${ident(column)} = ${presetValue(ctx, value, table.columns.get(column)!.pgType)}`);
  return sets;
}

/**
 * `condition` selects the rows besides the permission filter: the request's where, or the primary key.
 * `sets` come from `updateAssignments` (compiled into the same context) and are not empty.
 */
export function compileUpdate(
  ctx: CompileContext,
  table: TableModel,
  sets: string[],
  alias: string,
  condition: (alias: string) => string,
  fields: SelectedField[],
  single: boolean,
  path: string,
): string {
  const rule = ctx.types.permissions(table).update!;
  const where = `${compileBoolExp(ctx, rule.filter, table, alias, 'permission', path)} AND ${condition(alias)}`;
  const check = checkColumn(ctx, rule.check, table, alias, path);
  return (
    `WITH ${MODIFIED} AS (UPDATE ${tableName(table.info.schema, table.info.name)} AS ${alias} SET ${sets.join(', ')} WHERE ${where} ` +
    `RETURNING ${alias}.*${check}) ${output(ctx, table, fields, single, path)}`
  );
}

export function compileDelete(
  ctx: CompileContext,
  table: TableModel,
  condition: (alias: string) => string,
  fields: SelectedField[],
  single: boolean,
  path: string,
): string {
  const rule = ctx.types.permissions(table).delete!;
  const alias = ctx.alias();
  const where = `${compileBoolExp(ctx, rule.filter, table, alias, 'permission', path)} AND ${condition(alias)}`;
  return (
    `WITH ${MODIFIED} AS (DELETE FROM ${tableName(table.info.schema, table.info.name)} AS ${alias} WHERE ${where} RETURNING ${alias}.*) ` +
    output(ctx, table, fields, single, path)
  );
}
