/**
 * Mutation root fields of a table and their input types (insert_input, on_conflict, constraint, update_column,
 * set/inc inputs, pk_columns_input, updates, mutation_response), shaped by the role's permissions.
 */
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
} from 'graphql';
import { fieldOf, rootFieldName, type TableModel } from '../metadata/model.js';
import { isNumericType } from '../scalars.js';
import type { FieldPlan, RootOperation } from './plans.js';
import type { TableTypes } from './table-types.js';

const cache = new WeakMap<TableTypes, Map<string, unknown>>();
function once<T>(types: TableTypes, name: string, make: () => T): T {
  let map = cache.get(types);
  if (!map) cache.set(types, (map = new Map()));
  if (!map.has(name)) map.set(name, make());
  return map.get(name) as T;
}

const root = (operation: RootOperation, table: TableModel) => ({
  hasura: { kind: 'root', operation, table } satisfies FieldPlan,
});
const nonNullList = <T extends GraphQLInputObjectType | GraphQLEnumType>(type: T) =>
  new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)));

export function mutationFields(
  types: TableTypes,
  table: TableModel,
): Record<string, GraphQLFieldConfig<unknown, unknown>> {
  const permissions = types.permissions(table);
  const selectable = Boolean(permissions.select);
  const fields: Record<string, GraphQLFieldConfig<unknown, unknown>> = {};
  const response = mutationResponse(types, table);

  if (permissions.insert) {
    const input = insertInput(types, table);
    const args: GraphQLFieldConfigArgumentMap = {
      objects: { type: nonNullList(input), description: 'the rows to be inserted' },
    };
    const conflict = permissions.update && selectable ? onConflict(types, table) : null;
    if (conflict) args.on_conflict = { type: conflict, description: 'upsert condition' };
    fields[rootFieldName(table, 'insert')] = {
      type: response,
      description: `insert data into the table: "${table.info.name}"`,
      args,
      extensions: root('insert', table),
    };
    if (selectable) {
      const oneArgs: GraphQLFieldConfigArgumentMap = {
        object: { type: new GraphQLNonNull(input), description: 'the row to be inserted' },
      };
      if (conflict) oneArgs.on_conflict = { type: conflict, description: 'upsert condition' };
      fields[rootFieldName(table, 'insert_one')] = {
        type: types.objectType(table),
        description: `insert a single row into the table: "${table.info.name}"`,
        args: oneArgs,
        extensions: root('insert_one', table),
      };
    }
  }

  // Filters of update/delete are bool_exps over selectable columns, so both need select permission.
  if (permissions.update && selectable) {
    const setArgs = updateArgs(types, table);
    fields[rootFieldName(table, 'update')] = {
      type: response,
      description: `update data of the table: "${table.info.name}"`,
      args: {
        ...setArgs,
        where: {
          type: new GraphQLNonNull(types.boolExp(table)),
          description: 'filter the rows which have to be updated',
        },
      },
      extensions: root('update', table),
    };
    if (types.primaryKeyArgs(table)) {
      fields[rootFieldName(table, 'update_by_pk')] = {
        type: types.objectType(table),
        description: `update single row of the table: "${table.info.name}"`,
        args: { ...setArgs, pk_columns: { type: new GraphQLNonNull(pkColumnsInput(types, table)) } },
        extensions: root('update_by_pk', table),
      };
    }
    fields[rootFieldName(table, 'update_many')] = {
      type: new GraphQLList(response),
      description: `update multiples rows of table: "${table.info.name}"`,
      args: { updates: { type: nonNullList(updatesInput(types, table)), description: 'updates to execute, in order' } },
      extensions: root('update_many', table),
    };
  }

  if (permissions.delete && selectable) {
    fields[rootFieldName(table, 'delete')] = {
      type: response,
      description: `delete data from the table: "${table.info.name}"`,
      args: {
        where: {
          type: new GraphQLNonNull(types.boolExp(table)),
          description: 'filter the rows which have to be deleted',
        },
      },
      extensions: root('delete', table),
    };
    const pkArgs = types.primaryKeyArgs(table);
    if (pkArgs) {
      fields[rootFieldName(table, 'delete_by_pk')] = {
        type: types.objectType(table),
        description: `delete single row from the table: "${table.info.name}"`,
        args: pkArgs,
        extensions: root('delete_by_pk', table),
      };
    }
  }
  return fields;
}

function mutationResponse(types: TableTypes, table: TableModel): GraphQLObjectType {
  const name = `${table.gqlName}_mutation_response`;
  return once(
    types,
    name,
    () =>
      new GraphQLObjectType({
        name,
        description: `response of any mutation on the table "${table.info.name}"`,
        fields: () => ({
          affected_rows: {
            type: new GraphQLNonNull(GraphQLInt),
            description: 'number of rows affected by the mutation',
            extensions: { hasura: { kind: 'affected_rows' } satisfies FieldPlan },
          },
          ...(types.permissions(table).select
            ? {
                returning: {
                  type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(types.objectType(table)))),
                  description: 'data from the rows affected by the mutation',
                  extensions: { hasura: { kind: 'returning' } satisfies FieldPlan },
                },
              }
            : {}),
        }),
      }),
  );
}

function columnInputs(types: TableTypes, table: TableModel, columns: Set<string>, only?: (pgType: string) => boolean) {
  const fields: GraphQLInputFieldConfigMap = {};
  for (const column of table.info.columns) {
    if (columns.has(column.name) && (!only || only(column.pgType)))
      fields[fieldOf(table, column.name)] = { type: types.scalars.get(column.pgType) };
  }
  return fields;
}

function insertInput(types: TableTypes, table: TableModel): GraphQLInputObjectType {
  const name = `${table.gqlName}_insert_input`;
  return once(
    types,
    name,
    () =>
      new GraphQLInputObjectType({
        name,
        description: `input type for inserting data into table "${table.info.name}"`,
        fields: () => {
          const fields = columnInputs(types, table, types.permissions(table).insert!.columns);
          // Nested inserts: related rows the role may insert too.
          for (const rel of table.relationships) {
            if (!types.permissions(rel.remote).insert) continue;
            fields[rel.name] = { type: relationshipInsertInput(types, rel.remote, rel.kind) };
          }
          return fields;
        },
      }),
  );
}

function relationshipInsertInput(
  types: TableTypes,
  remote: TableModel,
  kind: 'object' | 'array',
): GraphQLInputObjectType {
  const name = `${remote.gqlName}_${kind === 'object' ? 'obj' : 'arr'}_rel_insert_input`;
  return once(
    types,
    name,
    () =>
      new GraphQLInputObjectType({
        name,
        description: `input type for inserting ${kind === 'object' ? 'object' : 'array'} relation for remote table "${remote.info.name}"`,
        fields: () => {
          const input = insertInput(types, remote);
          const conflict =
            types.permissions(remote).update && types.permissions(remote).select ? onConflict(types, remote) : null;
          return {
            data: { type: kind === 'object' ? new GraphQLNonNull(input) : nonNullList(input) },
            ...(conflict ? { on_conflict: { type: conflict, description: 'upsert condition' } } : {}),
          };
        },
      }),
  );
}

function onConflict(types: TableTypes, table: TableModel): GraphQLInputObjectType | null {
  if (table.info.uniqueConstraints.length === 0) return null;
  const name = `${table.gqlName}_on_conflict`;
  return once(types, name, () => {
    const constraint = new GraphQLEnumType({
      name: `${table.gqlName}_constraint`,
      description: `unique or primary key constraints on table "${table.info.name}"`,
      values: Object.fromEntries(
        table.info.uniqueConstraints.map((c) => [
          c.name,
          {
            value: c.name,
            description: `unique or primary key constraint on columns ${c.columns.map((x) => `"${x}"`).join(', ')}`,
          },
        ]),
      ),
    });
    const updatable = [...types.permissions(table).update!.columns];
    const updateColumn = new GraphQLEnumType({
      name: `${table.gqlName}_update_column`,
      description: `update columns of table "${table.info.name}"`,
      values: updatable.length
        ? Object.fromEntries(
            table.info.columns
              .filter((c) => updatable.includes(c.name))
              .map((c) => [fieldOf(table, c.name), { value: c.name, description: 'column name' }]),
          )
        : { _PLACEHOLDER: { value: '_PLACEHOLDER', description: 'placeholder (do not use)' } },
    });
    return new GraphQLInputObjectType({
      name,
      description: `on_conflict condition type for table "${table.info.name}"`,
      fields: () => ({
        constraint: { type: new GraphQLNonNull(constraint) },
        update_columns: { type: nonNullList(updateColumn), defaultValue: [] },
        where: { type: types.boolExp(table) },
      }),
    });
  });
}

/** An update operator: the input type of its argument and the columns it applies to. */
interface UpdateOperator {
  name: string;
  typeSuffix: string;
  description: string;
  applies: (pgType: string) => boolean;
  /** The type of each column's value; default: the column's own scalar. */
  valueType?: (types: TableTypes) => GraphQLInputType;
}

/** Hasura's update operators, in the (alphabetical) order of the field's arguments. */
const UPDATE_OPERATORS: UpdateOperator[] = [
  {
    name: '_append',
    typeSuffix: 'append_input',
    description: 'append existing jsonb value of filtered columns with new jsonb value',
    applies: (t) => t === 'jsonb',
  },
  {
    name: '_delete_at_path',
    typeSuffix: 'delete_at_path_input',
    description:
      'delete the field or element with specified path (for JSON arrays, negative integers count from the end)',
    applies: (t) => t === 'jsonb',
    valueType: () => new GraphQLList(new GraphQLNonNull(GraphQLString)),
  },
  {
    name: '_delete_elem',
    typeSuffix: 'delete_elem_input',
    description:
      'delete the array element with specified index (negative integers count from the end). throws an error if top level container is not an array',
    applies: (t) => t === 'jsonb',
    valueType: () => GraphQLInt,
  },
  {
    name: '_delete_key',
    typeSuffix: 'delete_key_input',
    description: 'delete key/value pair or string element. key/value pairs are matched based on their key value',
    applies: (t) => t === 'jsonb',
    valueType: () => GraphQLString,
  },
  {
    name: '_inc',
    typeSuffix: 'inc_input',
    description: 'increments the numeric columns with given value of the filtered values',
    applies: isNumericType,
  },
  {
    name: '_prepend',
    typeSuffix: 'prepend_input',
    description: 'prepend existing jsonb value of filtered columns with new jsonb value',
    applies: (t) => t === 'jsonb',
  },
  {
    name: '_set',
    typeSuffix: 'set_input',
    description: 'sets the columns of the filtered rows to the given values',
    applies: () => true,
  },
];

const INPUT_DESCRIPTIONS: Record<string, (table: string) => string> = {
  _inc: (table) => `input type for incrementing numeric columns in table "${table}"`,
  _set: (table) => `input type for updating data in table "${table}"`,
};

function updateArgs(types: TableTypes, table: TableModel): GraphQLFieldConfigArgumentMap {
  const columns = types.permissions(table).update!.columns;
  const args: GraphQLFieldConfigArgumentMap = {};
  for (const operator of UPDATE_OPERATORS) {
    const fields: GraphQLInputFieldConfigMap = {};
    for (const column of table.info.columns) {
      if (!columns.has(column.name) || !operator.applies(column.pgType)) continue;
      fields[fieldOf(table, column.name)] = { type: operator.valueType?.(types) ?? types.scalars.get(column.pgType) };
    }
    if (Object.keys(fields).length === 0) continue;
    const name = `${table.gqlName}_${operator.typeSuffix}`;
    args[operator.name] = {
      type: once(
        types,
        name,
        () =>
          new GraphQLInputObjectType({
            name,
            description: INPUT_DESCRIPTIONS[operator.name]?.(table.info.name) ?? operator.description,
            fields,
          }),
      ),
      description: operator.description,
    };
  }
  return args;
}

function pkColumnsInput(types: TableTypes, table: TableModel): GraphQLInputObjectType {
  const name = `${table.gqlName}_pk_columns_input`;
  return once(
    types,
    name,
    () =>
      new GraphQLInputObjectType({
        name,
        description: `primary key columns input for table: ${table.info.name}`,
        fields: Object.fromEntries(
          Object.entries(types.primaryKeyArgs(table)!).map(([key, arg]) => [key, { type: arg.type }]),
        ),
      }),
  );
}

function updatesInput(types: TableTypes, table: TableModel): GraphQLInputObjectType {
  const name = `${table.gqlName}_updates`;
  return once(
    types,
    name,
    () =>
      new GraphQLInputObjectType({
        name,
        fields: () => ({
          ...Object.fromEntries(
            Object.entries(updateArgs(types, table)).map(([key, arg]) => [
              key,
              { type: arg.type, description: arg.description },
            ]),
          ),
          where: {
            type: new GraphQLNonNull(types.boolExp(table)),
            description: 'filter the rows which have to be updated',
          },
        }),
      }),
  );
}
