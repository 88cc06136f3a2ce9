/**
 * Mutation root fields → IR: rows to insert (nested related rows included, checked the way Hasura checks them),
 * update assignments, filters and checks from the role's permissions, presets bound from the session, and the
 * response (`affected_rows`, `returning`, or the row of an `_one` / `_by_pk` field).
 */
import { EngineError } from '../errors.js';
import { fieldOf, type TableModel } from '../metadata/model.js';
import { collectFields, type SelectedField } from '../request/selection.js';
import { isNumericType } from '../scalars.js';
import { and, boolExp, selectFilter, TRUE } from './bool-exp.js';
import { bound, metadataValue, type IRContext } from './context.js';
import { objectTypeOf, rowFields, typename } from './select.js';
import type {
  BoolIR,
  Bound,
  InsertRow,
  InsertTarget,
  MutationOutput,
  OnConflict,
  UpdateOperator,
  UpdateSpec,
} from './types.js';

type Row = Record<string, unknown>;
interface OnConflictArg {
  constraint: string;
  update_columns: string[];
  where?: Record<string, unknown> | null;
}
interface RelationshipInput {
  data: Row | Row[];
  on_conflict?: OnConflictArg | null;
}

const quoteList = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');

/** A permission's check, or null when it has none (`{}`). */
function checkOf(ctx: IRContext, check: Record<string, unknown> | null | undefined, table: TableModel, path: string) {
  return check && Object.keys(check).length ? boolExp(ctx, check, table, 'permission', path) : null;
}

const presetsOf = (ctx: IRContext, table: TableModel, set: Record<string, unknown>) =>
  Object.entries(set)
    .filter(([column]) => table.columns.has(column))
    .map(([column, value]): [string, Bound] => [column, metadataValue(ctx, value, table.columns.get(column)!.pgType)]);

/** The response of a mutation field: the rows it modified that the role may also select, as in Hasura. */
export function mutationOutput(
  ctx: IRContext,
  table: TableModel,
  field: SelectedField,
  single: boolean,
  path: string,
): MutationOutput {
  const visible = ctx.permissions(table).select ? selectFilter(ctx, table, path) : TRUE;
  if (single) return { single, visible, fields: rowFields(ctx, table, field, path) };
  const type = objectTypeOf(field);
  const fields = subFieldsOf(ctx, field).map((sub) => {
    const constant = typename(sub, type);
    if (constant) return constant;
    if (sub.plan?.kind === 'affected_rows') return { kind: 'affected_rows' as const, key: sub.key };
    return {
      kind: 'returning' as const,
      key: sub.key,
      fields: rowFields(ctx, table, sub, `${path}.selectionSet.${sub.key}`),
    };
  });
  return { single, visible, fields };
}

const subFieldsOf = (ctx: IRContext, field: SelectedField) => collectFields(ctx, objectTypeOf(field), field.nodes);

export function insertTarget(
  ctx: IRContext,
  table: TableModel,
  onConflict: OnConflictArg | null | undefined,
  path: string,
): InsertTarget {
  const rule = ctx.permissions(table).insert!;
  return {
    table,
    presets: presetsOf(ctx, table, rule.set),
    check: checkOf(ctx, rule.check, table, path),
    onConflict: onConflict ? conflictOf(ctx, table, onConflict, path) : null,
  };
}

function conflictOf(ctx: IRContext, table: TableModel, arg: OnConflictArg, path: string): OnConflict {
  const update = ctx.permissions(table).update;
  if (!update)
    throw new EngineError(
      'permission-error',
      'upsert is not allowed without update permission',
      `${path}.args.on_conflict`,
    );
  return {
    constraint: arg.constraint,
    updateColumns: arg.update_columns.filter((c) => c !== '_PLACEHOLDER'),
    presets: presetsOf(ctx, table, update.set),
    filter: and(
      boolExp(ctx, update.filter, table, 'permission', path),
      boolExp(ctx, arg.where, table, 'request', `${path}.args.on_conflict.where`),
    ),
    check: checkOf(ctx, update.check, table, path),
  };
}

/**
 * One input row of `table` (keyed by GraphQL field names), with its nested related rows. `determinedByParent`:
 * columns an enclosing array relationship fills in, which the row may not set (Hasura's checks).
 */
export function insertRow(
  ctx: IRContext,
  table: TableModel,
  input: Row,
  path: string,
  determinedByParent: Set<string> = new Set(),
): InsertRow {
  const row: InsertRow = { values: [], parents: [], children: [] };
  for (const [key, value] of Object.entries(input)) {
    const column = table.columnsByField.get(key);
    if (column) row.values.push([column.name, bound(value, column.pgType)]);
  }
  for (const rel of table.relationships) {
    const nested = input[rel.name] as RelationshipInput | null | undefined;
    if (nested == null) continue;
    if (rel.kind === 'object') {
      // The object relationship determines its local columns: the row may not set them too.
      const determined = rel.mapping
        .map(([local]) => local)
        .filter((local) => fieldOf(table, local) in input || determinedByParent.has(local));
      if (determined.length)
        throw new EngineError(
          'validation-failed',
          `cannot insert object relationship "${rel.name}" as ${quoteList(determined)} column values are already determined`,
          `${path}.${rel.name}`,
        );
      const at = `${path}.${rel.name}.data`;
      row.parents.push({
        relationship: rel,
        target: insertTarget(ctx, rel.remote, nested.on_conflict, at),
        row: insertRow(ctx, rel.remote, nested.data as Row, at),
        path: `${path}.${rel.name}`,
      });
    } else {
      // The parent determines the child's join columns: a child may not set them.
      const fromParent = rel.mapping.map(([, far]) => far);
      const rows = (nested.data as Row[]).map((child, i) => {
        const at = `${path}.${rel.name}.data[${i}]`;
        const conflicts = fromParent.filter((far) => fieldOf(rel.remote, far) in child);
        if (conflicts.length)
          throw new EngineError(
            'validation-failed',
            `cannot insert ${quoteList(conflicts)} columns as their values are already being determined by parent insert`,
            at,
          );
        return insertRow(ctx, rel.remote, child, at, new Set(fromParent));
      });
      row.children.push({
        relationship: rel,
        target: insertTarget(ctx, rel.remote, nested.on_conflict, `${path}.${rel.name}`),
        rows,
      });
    }
  }
  return row;
}

type UpdateArgs = Partial<Record<Exclude<UpdateOperator, 'preset'>, Record<string, unknown> | null>>;
const UPDATE_OPERATORS: Array<Exclude<UpdateOperator, 'preset'>> = [
  '_set',
  '_inc',
  '_append',
  '_prepend',
  '_delete_key',
  '_delete_elem',
  '_delete_at_path',
];
/** The operand type of each jsonb operator (undefined: the column's own type). */
const OPERAND_TYPE: Partial<Record<UpdateOperator, string>> = {
  _append: 'jsonb',
  _prepend: 'jsonb',
  _delete_key: 'text',
  _delete_elem: 'int4',
  _delete_at_path: '_text',
};

/**
 * One update: the request's operators then the permission's presets, on the rows of `condition` the role may update.
 * A column in two operators is refused, as in Hasura.
 */
export function updateSpec(
  ctx: IRContext,
  table: TableModel,
  args: UpdateArgs,
  condition: BoolIR,
  path: string,
): UpdateSpec {
  const rule = ctx.permissions(table).update!;
  const assigned = new Map<string, string[]>();
  const sets: UpdateSpec['sets'] = [];
  for (const operator of UPDATE_OPERATORS) {
    for (const [field, value] of Object.entries(args[operator] ?? {})) {
      const column = table.columnsByField.get(field)!;
      if (operator === '_inc' && !isNumericType(column.pgType))
        throw new EngineError('validation-failed', `column '${field}' is not numeric`, `${path}.args._inc`);
      assigned.set(column.name, [...(assigned.get(column.name) ?? []), operator]);
      sets.push({ column: column.name, operator, value: bound(value, OPERAND_TYPE[operator] ?? column.pgType) });
    }
  }
  const twice = [...assigned].filter(([, operators]) => operators.length > 1).map(([column]) => `'${column}'`);
  if (twice.length)
    throw new EngineError(
      'validation-failed',
      `Column found in multiple operators: [${twice.join(', ')}].`,
      `${path}.args`,
    );
  for (const [column, value] of presetsOf(ctx, table, rule.set)) sets.push({ column, operator: 'preset', value });
  return { sets, filter: and(boolExp(ctx, rule.filter, table, 'permission', path), condition) };
}

export const updateCheck = (ctx: IRContext, table: TableModel, path: string) =>
  checkOf(ctx, ctx.permissions(table).update!.check, table, path);
