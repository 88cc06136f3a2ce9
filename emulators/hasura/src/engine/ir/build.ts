/**
 * A prepared operation + the session → `OperationIR`: each root field resolved against the role's schema plans and
 * the normalised metadata. Request errors found on the way (a negative limit, a missing session variable, a nested
 * insert setting a column its parent determines, …) are thrown as `EngineError`s, before anything runs.
 */
import type { GraphQLObjectType } from 'graphql';
import { EngineError } from '../errors.js';
import { fieldOf, type TableModel } from '../metadata/model.js';
import { argumentsOf, checkLimit, collectFields, type SelectedField } from '../request/selection.js';
import { and, boolExp, selectFilter } from './bool-exp.js';
import { bound, type IRContext } from './context.js';
import { insertRow, insertTarget, mutationOutput, updateCheck, updateSpec } from './mutations.js';
import { aggregateSelection, rowFields, rowSet, type SelectArgs } from './select.js';
import type { BoolIR, OperationIR, RootField } from './types.js';

export function buildOperation(
  ctx: IRContext,
  kind: OperationIR['kind'],
  root: GraphQLObjectType,
  selections: ReadonlyArray<{ selectionSet?: import('graphql').SelectionSetNode }>,
): OperationIR {
  return { kind, fields: collectFields(ctx, root, selections).map((field) => rootField(ctx, root, field)) };
}

/** `pk = value AND …` for the primary key values of a by_pk field (keyed by GraphQL names). */
function byPk(table: TableModel, values: Record<string, unknown>): BoolIR {
  return and(
    ...table.info.primaryKey!.columns.map((c): BoolIR => ({
      kind: 'compare',
      left: { kind: 'column', column: c },
      test: { kind: 'binary', operator: '=', right: bound(values[fieldOf(table, c)], table.columns.get(c)!.pgType) },
    })),
  );
}

function rootField(ctx: IRContext, root: GraphQLObjectType, field: SelectedField): RootField {
  const { key } = field;
  if (field.name === '__typename') return { kind: 'constant', key, value: root.name };
  if (!field.def) return { kind: 'introspection', key, nodes: field.nodes };
  const plan = field.plan;
  const path = `$.selectionSet.${key}`;
  if (plan?.kind !== 'root') throw new EngineError('unexpected', `unsupported root field '${field.name}'`, path);
  const { table } = plan;
  const args = argumentsOf(ctx, field);
  switch (plan.operation) {
    case 'select':
      checkLimit(field, args, path);
      return {
        kind: 'select',
        key,
        rows: rowSet(ctx, table, args as SelectArgs, path, true),
        fields: rowFields(ctx, table, field, path),
      };
    case 'select_aggregate':
      checkLimit(field, args, path);
      return {
        kind: 'select_aggregate',
        key,
        aggregate: aggregateSelection(ctx, table, args as SelectArgs, field, path),
      };
    case 'select_by_pk':
      return {
        kind: 'select_by_pk',
        key,
        table,
        filter: and(selectFilter(ctx, table, path), byPk(table, args)),
        fields: rowFields(ctx, table, field, path),
      };
    case 'insert':
    case 'insert_one': {
      const single = plan.operation === 'insert_one';
      const rows = (single ? [args.object] : args.objects) as Array<Record<string, unknown>>;
      return {
        kind: 'insert',
        key,
        path,
        target: insertTarget(ctx, table, args.on_conflict as never, path),
        rows: rows.map((row, i) =>
          insertRow(ctx, table, row, single ? `${path}.args.object` : `${path}.args.objects[${i}]`),
        ),
        output: mutationOutput(ctx, table, field, single, path),
      };
    }
    case 'update':
    case 'update_by_pk':
    case 'update_many': {
      const single = plan.operation === 'update_by_pk';
      const updates =
        plan.operation === 'update_many'
          ? (args.updates as Array<Record<string, unknown>>).map((update, i) => {
              const at = `${path}.args.updates[${i}]`;
              return updateSpec(ctx, table, update, boolExp(ctx, update.where, table, 'request', `${at}.where`), at);
            })
          : [
              updateSpec(
                ctx,
                table,
                args,
                single
                  ? byPk(table, args.pk_columns as Record<string, unknown>)
                  : boolExp(ctx, args.where, table, 'request', `${path}.args.where`),
                path,
              ),
            ];
      return {
        kind: 'update',
        key,
        path,
        table,
        check: updateCheck(ctx, table, path),
        updates,
        many: plan.operation === 'update_many',
        output: mutationOutput(ctx, table, field, single, path),
      };
    }
    case 'delete':
    case 'delete_by_pk': {
      const single = plan.operation === 'delete_by_pk';
      const condition = single ? byPk(table, args) : boolExp(ctx, args.where, table, 'request', `${path}.args.where`);
      const rule = ctx.permissions(table).delete!;
      return {
        kind: 'delete',
        key,
        path,
        table,
        filter: and(boolExp(ctx, rule.filter, table, 'permission', path), condition),
        output: mutationOutput(ctx, table, field, single, path),
      };
    }
  }
}
