/**
 * Mutations (IR) → one statement each: a data-modifying CTE whose RETURNING also evaluates the permission check
 * (raising through `hdb_catalog.check_violation`), and a SELECT that builds the mutation response (`affected_rows`,
 * `returning`) or the single row of the `_one` / `_by_pk` variants. Each statement answers one `result` text column.
 */
import { CHECK_VIOLATION_MESSAGE } from '../errors.js';
import type { BoolIR, Bound, InsertTarget, MutationOutput, UpdateOperator, UpdateSpec } from '../ir/types.js';
import type { TableModel } from '../metadata/model.js';
import { condition } from './bool-exp.js';
import type { CompileContext } from './context.js';
import { ident, table as tableName } from './params.js';
import { jsonObject, rowJson } from './select.js';

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

/** A RETURNING column that raises the permission error unless `test` holds. */
function raiseUnless(ctx: CompileContext, test: string): string {
  return `, CASE WHEN ${test} THEN true ELSE hdb_catalog.check_violation(${ctx.params.text(CHECK_VIOLATION_MESSAGE)}) END AS "__check"`;
}

const checkColumn = (ctx: CompileContext, check: BoolIR | null, alias: string) =>
  check ? raiseUnless(ctx, condition(ctx, check, alias)) : '';

/** The SELECT after the CTE: the mutation response object, or one row (or null) for `_one` / `_by_pk` fields. */
function output(ctx: CompileContext, out: MutationOutput, affectedRows?: () => string): string {
  // "__check" is referenced so the check is evaluated even when nothing else reads the modified rows.
  const checked = `(SELECT count(*) FROM ${MODIFIED})`;
  if (out.single) {
    const alias = ctx.alias();
    return `SELECT (SELECT ${rowJson(ctx, alias, out.fields)} FROM ${MODIFIED} AS ${alias} WHERE ${condition(ctx, out.visible, alias)} LIMIT 1)::text AS result, ${checked} AS checked`;
  }
  const pairs = out.fields.map((field) => {
    if (field.kind === 'constant') return `'${field.key}', ${ctx.params.text(field.value)}`;
    if (field.kind === 'affected_rows') return `'${field.key}', ${affectedRows ? affectedRows() : checked}`;
    const alias = ctx.alias();
    return `'${field.key}', (SELECT coalesce(json_agg(${rowJson(ctx, alias, field.fields)}), '[]'::json) FROM ${MODIFIED} AS ${alias} WHERE ${condition(ctx, out.visible, alias)})`;
  });
  return `SELECT ${jsonObject(pairs)}::text AS result, ${checked} AS checked`;
}

/** Inserts `rows` (each its values by column) in one statement and answers the mutation response. */
export function compileInsert(
  ctx: CompileContext,
  target: InsertTarget,
  rows: Array<Array<[string, Bound]>>,
  out: MutationOutput,
): string {
  return `${insertCte(ctx, target, rows)} ${output(ctx, out)}`;
}

/** Inserts one row (a step of a nested insert) and answers it as `row_to_json`, or null when nothing was inserted. */
export function compileInsertRow(ctx: CompileContext, target: InsertTarget, values: Array<[string, Bound]>): string {
  return (
    `${insertCte(ctx, target, [values])} ` +
    `SELECT (SELECT row_to_json("__r") FROM ${MODIFIED} AS "__r" LIMIT 1)::text AS result, (SELECT count(*) FROM ${MODIFIED}) AS checked`
  );
}

/** The response of a nested insert, built over the already inserted top-level rows (given as JSON). */
export function compileInsertedOutput(
  ctx: CompileContext,
  table: TableModel,
  rows: unknown[],
  affectedRows: number,
  out: MutationOutput,
): string {
  const source = `SELECT * FROM json_populate_recordset(NULL::${tableName(table.info.schema, table.info.name)}, ${ctx.params.text(JSON.stringify(rows), 'json')})`;
  return `WITH ${MODIFIED} AS (${source}) ${output(ctx, out, () => ctx.params.text(String(affectedRows), 'int8'))}`;
}

function insertCte(ctx: CompileContext, target: InsertTarget, rows: Array<Array<[string, Bound]>>): string {
  const { table, presets, onConflict } = target;
  const alias = ctx.alias();
  const presetColumns = new Map(presets);
  const given = rows.map((row) => new Map(row));
  const columns = table.info.columns
    .map((c) => c.name)
    .filter((c) => presetColumns.has(c) || given.some((row) => row.has(c)));
  let values: string;
  if (columns.length === 0) {
    values =
      rows.length === 1
        ? 'DEFAULT VALUES'
        : `(${ident(table.info.columns[0].name)}) VALUES ${rows.map(() => '(DEFAULT)').join(', ')}`;
  } else {
    const tuples = given.map((row) => {
      const items = columns.map((c) => {
        const value = presetColumns.get(c) ?? row.get(c);
        return value ? ctx.params.bind(value) : 'DEFAULT';
      });
      return `(${items.join(', ')})`;
    });
    values = `(${columns.map(ident).join(', ')}) VALUES ${tuples.join(', ')}`;
  }
  let conflict = '';
  let check: string | undefined;
  if (onConflict) {
    const constraint = ident(onConflict.constraint);
    if (onConflict.updateColumns.length === 0) {
      conflict = ` ON CONFLICT ON CONSTRAINT ${constraint} DO NOTHING`;
    } else {
      const sets = onConflict.updateColumns.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`);
      for (const [column, value] of onConflict.presets) sets.push(`${ident(column)} = ${ctx.params.bind(value)}`);
      conflict = ` ON CONFLICT ON CONSTRAINT ${constraint} DO UPDATE SET ${sets.join(', ')} WHERE ${condition(ctx, onConflict.filter, alias)}`;
      // Inserted rows meet the insert check, rows updated by ON CONFLICT the update check; `xmax = 0` tells them apart.
      const test = (exp: BoolIR | null) => (exp ? condition(ctx, exp, alias) : 'true');
      check = raiseUnless(
        ctx,
        `CASE WHEN ${alias}.xmax = 0 THEN ${test(target.check)} ELSE ${test(onConflict.check)} END`,
      );
    }
  }
  check ??= checkColumn(ctx, target.check, alias);
  return `WITH ${MODIFIED} AS (INSERT INTO ${tableName(table.info.schema, table.info.name)} AS ${alias} ${values}${conflict} RETURNING ${alias}.*${check})`;
}

/** Each update operator as SQL: the new value of `column` given the bound operand. */
const UPDATE_SQL: Record<UpdateOperator, (column: string, operand: string) => string> = {
  _set: (_, operand) => operand,
  preset: (_, operand) => operand,
  _inc: (column, operand) => `${column} + ${operand}`,
  _append: (column, operand) => `${column} || ${operand}`,
  _prepend: (column, operand) => `${operand} || ${column}`,
  _delete_key: (column, operand) => `${column} - ${operand}`,
  _delete_elem: (column, operand) => `${column} - ${operand}`,
  _delete_at_path: (column, operand) => `${column} #- ${operand}`,
};

/** One update (its `sets` not empty) and its response. */
export function compileUpdate(
  ctx: CompileContext,
  table: TableModel,
  update: UpdateSpec,
  check: BoolIR | null,
  out: MutationOutput,
): string {
  const alias = ctx.alias();
  const sets = update.sets.map(
    ({ column, operator, value }) =>
      `${ident(column)} = ${UPDATE_SQL[operator](`${alias}.${ident(column)}`, ctx.params.bind(value))}`,
  );
  return (
    `WITH ${MODIFIED} AS (UPDATE ${tableName(table.info.schema, table.info.name)} AS ${alias} SET ${sets.join(', ')} WHERE ${condition(ctx, update.filter, alias)} ` +
    `RETURNING ${alias}.*${checkColumn(ctx, check, alias)}) ${output(ctx, out)}`
  );
}

export function compileDelete(ctx: CompileContext, table: TableModel, filter: BoolIR, out: MutationOutput): string {
  const alias = ctx.alias();
  return (
    `WITH ${MODIFIED} AS (DELETE FROM ${tableName(table.info.schema, table.info.name)} AS ${alias} WHERE ${condition(ctx, filter, alias)} RETURNING ${alias}.*) ` +
    output(ctx, out)
  );
}
