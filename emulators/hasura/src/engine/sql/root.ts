/**
 * Root fields (IR) → SQL: a select field's JSON expression (`selectExpression`, one column of a query's single
 * statement), and the statements of a mutation field, each answering one `result` text column.
 */
import type { MutationOutput, RootField } from '../ir/types.js';
import { CompileContext } from './context.js';
import { compileDelete, compileInsert, compileUpdate } from './mutations.js';
import { selectAggregate, selectList, selectOne } from './select.js';

export type SelectField = Extract<RootField, { kind: 'select' | 'select_aggregate' | 'select_by_pk' }>;
export type MutationField = Extract<RootField, { kind: 'insert' | 'update' | 'delete' }>;

export interface Statement {
  sql: string;
  params: Array<string | null>;
}

/** The JSON expression of a select root field, compiled into `ctx` (whose parameters it appends to). */
export function selectExpression(ctx: CompileContext, field: SelectField): string {
  switch (field.kind) {
    case 'select':
      return selectList(ctx, field.rows, null, field.fields);
    case 'select_aggregate':
      return selectAggregate(ctx, field.aggregate, null);
    case 'select_by_pk':
      return selectOne(ctx, field.table, field.filter, field.fields);
  }
}

/** Hasura's answer to a mutation that touches nothing, as JSON text: `affected_rows: 0, returning: []`, or `{}`. */
export function emptyResponse(out: MutationOutput): string {
  if (out.single) return '{}';
  const pairs = out.fields.map(
    (f) =>
      `${JSON.stringify(f.key)}:${f.kind === 'constant' ? JSON.stringify(f.value) : f.kind === 'affected_rows' ? '0' : '[]'}`,
  );
  return `{${pairs.join(',')}}`;
}

/**
 * The statements of a mutation field without nested inserts, in order; a string is a finished answer that needs no
 * statement (an update with nothing to set, an insert of no rows).
 */
export function mutationStatements(field: MutationField): Array<Statement | string> {
  const statement = (build: (ctx: CompileContext) => string): Statement => {
    const ctx = new CompileContext();
    const sql = build(ctx);
    return { sql, params: ctx.params.values };
  };
  switch (field.kind) {
    case 'insert':
      if (field.rows.length === 0) return [emptyResponse(field.output)];
      return [
        statement((ctx) =>
          compileInsert(
            ctx,
            field.target,
            field.rows.map((row) => row.values),
            field.output,
          ),
        ),
      ];
    case 'update':
      return field.updates.map((update) =>
        update.sets.length === 0
          ? emptyResponse(field.output)
          : statement((ctx) => compileUpdate(ctx, field.table, update, field.check, field.output)),
      );
    case 'delete':
      return [statement((ctx) => compileDelete(ctx, field.table, field.filter, field.output))];
  }
}
