/**
 * One root field → its SQL statement(s): one statement per field (update_many: one per update, in order).
 * Each statement returns a single `result` column holding the field's JSON as text. A select field's JSON
 * expression is also available alone (`selectExpression`), for a plain query's single statement.
 */
import type { Queryable } from '../../types.js';
import { EngineError } from '../errors.js';
import { fieldOf, type TableModel } from '../model.js';
import type { RootOperation } from '../schema/plans.js';
import { checkLimit, withWrittenOrderBy, type SelectedField } from '../selection.js';
import type { CompileContext } from './context.js';
import {
  compileDelete,
  compileInsert,
  compileUpdate,
  updateAssignments,
  type OnConflict,
  type UpdateSpec,
} from './mutations.js';
import { hasNestedInput, runNestedInsert } from './nested-insert.js';
import { ident } from './params.js';
import { rowResult } from './result.js';
import { compileBoolExp } from './bool-exp.js';
import { jsonObject, selectAggregate, selectList, selectOne, subFields, type SelectArgs } from './select.js';

export interface CompiledRoot {
  statements: Array<{ sql: string; params: Array<string | null> }>;
  /** update_many answers a list, one response per statement. */
  many: boolean;
  /** Nested inserts: statements that depend on earlier results, run by this instead. */
  run?: (queryable: Queryable) => Promise<unknown>;
}

export type SelectOperation = Extract<RootOperation, 'select' | 'select_aggregate' | 'select_by_pk'>;

export const isSelectOperation = (operation: RootOperation): operation is SelectOperation =>
  operation === 'select' || operation === 'select_aggregate' || operation === 'select_by_pk';

/** The JSON expression of a select root field, compiled into `ctx` (whose parameters it appends to). */
export function selectExpression(
  ctx: CompileContext,
  operation: SelectOperation,
  table: TableModel,
  field: SelectedField,
  args: Record<string, unknown>,
): string {
  const path = `$.selectionSet.${field.key}`;
  checkLimit(field, args, path);
  if (args.order_by != null) args = withWrittenOrderBy(ctx, field, args);
  switch (operation) {
    case 'select':
      return selectList(ctx, table, args as SelectArgs, null, subFields(ctx, field), path);
    case 'select_aggregate':
      return selectAggregate(ctx, table, args as SelectArgs, null, subFields(ctx, field), path);
    case 'select_by_pk':
      return selectOne(ctx, table, byPk(ctx, table, args), subFields(ctx, field), path);
  }
}

/** `alias.pk = $n AND …` for the primary key values of a by_pk field. */
const byPk = (ctx: CompileContext, table: TableModel, values: Record<string, unknown>) => (alias: string) =>
  table.info
    .primaryKey!.columns.map(
      (c) => `${alias}.${ident(c)} = ${ctx.params.value(values[fieldOf(table, c)], table.columns.get(c)!.pgType)}`,
    )
    .join(' AND ');

/** Hasura's answer to an update with nothing to set: `affected_rows: 0, returning: []`, or `{}` for a by_pk field. */
function emptyMutationResponse(fields: SelectedField[], single: boolean): Record<string, unknown> {
  if (single) return {};
  return Object.fromEntries(fields.map((f) => [f.key, f.plan?.kind === 'affected_rows' ? 0 : []]));
}

export function compileRoot(
  newContext: () => CompileContext,
  operation: RootOperation,
  table: TableModel,
  field: SelectedField,
  args: Record<string, unknown>,
): CompiledRoot {
  const path = `$.selectionSet.${field.key}`;
  const one = (build: (ctx: CompileContext) => string): CompiledRoot => {
    const ctx = newContext();
    const sql = build(ctx);
    return { statements: [{ sql, params: ctx.params.values }], many: false };
  };
  const select = (expression: (ctx: CompileContext) => string) =>
    one((ctx) => `SELECT ${expression(ctx)}::text AS result`);
  const where = (ctx: CompileContext, exp: unknown, at: string) => (alias: string) =>
    compileBoolExp(ctx, exp, table, alias, 'request', at);

  switch (operation) {
    case 'select':
    case 'select_aggregate':
    case 'select_by_pk':
      return select((ctx) => selectExpression(ctx, operation, table, field, args));
    case 'insert':
    case 'insert_one': {
      const single = operation === 'insert_one';
      const rows = (single ? [args.object] : args.objects) as Array<Record<string, unknown>>;
      if (rows.length === 0) {
        // Nothing to insert: an empty response, without touching the table.
        return select((ctx) =>
          jsonObject(
            subFields(ctx, field).map((f) => `'${f.key}', ${f.plan?.kind === 'affected_rows' ? '0' : "'[]'::json"}`),
          ),
        );
      }
      const onConflict = args.on_conflict as OnConflict | null;
      if (hasNestedInput(table, rows)) {
        const fields = subFields(newContext(), field);
        return {
          statements: [],
          many: false,
          run: (queryable) => runNestedInsert(queryable, newContext, table, rows, onConflict, fields, single, path),
        };
      }
      return one((ctx) => compileInsert(ctx, table, rows, onConflict, subFields(ctx, field), single, path));
    }
    case 'update':
    case 'update_by_pk': {
      const single = operation === 'update_by_pk';
      const ctx = newContext();
      const alias = ctx.alias();
      const sets = updateAssignments(ctx, table, args as UpdateSpec, alias, path);
      // Nothing to update: Hasura answers an empty response without running a statement.
      if (sets.length === 0)
        return { statements: [], many: false, run: async () => emptyMutationResponse(subFields(ctx, field), single) };
      const condition = single
        ? byPk(ctx, table, args.pk_columns as Record<string, unknown>)
        : where(ctx, args.where, `${path}.args.where`);
      const sql = compileUpdate(ctx, table, sets, alias, condition, subFields(ctx, field), single, path);
      return { statements: [{ sql, params: ctx.params.values }], many: false };
    }
    case 'update_many': {
      const updates = args.updates as Array<UpdateSpec & { where: unknown }>;
      const results: Array<{ sql: string; params: Array<string | null> } | unknown> = updates.map((update, i) => {
        const at = `${path}.args.updates[${i}]`;
        const ctx = newContext();
        const alias = ctx.alias();
        const sets = updateAssignments(ctx, table, update, alias, at);
        if (sets.length === 0) return { empty: emptyMutationResponse(subFields(ctx, field), false) };
        const sql = compileUpdate(
          ctx,
          table,
          sets,
          alias,
          where(ctx, update.where, `${at}.where`),
          subFields(ctx, field),
          false,
          path,
        );
        return { sql, params: ctx.params.values };
      });
      return {
        statements: [],
        many: true,
        run: async (queryable) => {
          const responses: unknown[] = [];
          for (const result of results as Array<{ sql: string; params: Array<string | null> } | { empty: unknown }>) {
            if ('empty' in result) {
              responses.push(result.empty);
              continue;
            }
            const { rows } = await queryable.query<{ result: string | null }>(result.sql, result.params);
            responses.push(rowResult(rows));
          }
          return responses;
        },
      };
    }
    case 'delete':
      return one((ctx) =>
        compileDelete(ctx, table, where(ctx, args.where, `${path}.args.where`), subFields(ctx, field), false, path),
      );
    case 'delete_by_pk':
      return one((ctx) => compileDelete(ctx, table, byPk(ctx, table, args), subFields(ctx, field), true, path));
    default:
      throw new EngineError('unexpected', `unsupported root field '${field.name}'`, path);
  }
}
