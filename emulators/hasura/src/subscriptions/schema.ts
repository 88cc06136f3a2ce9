/**
 * A role's `subscription_root`: the select root fields it may query (`t`, `t_by_pk`, `t_aggregate`) plus the
 * streaming field `t_stream(batch_size, cursor, where)`, narrowed by the select permission's
 * `subscription_root_fields` (absent = all, `[]` = none), as in Hasura v2.
 */
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
} from 'graphql';
import { fieldOf, type TableModel } from '../engine/metadata/model.js';
import { ADMIN_ROLE } from '../engine/metadata/role.js';
import type { TableTypes } from '../engine/schema/table-types.js';

/** What a stream field carries in `extensions.hasuraStream`. */
export interface StreamPlan {
  table: TableModel;
}

export function streamPlanOf(field: { extensions?: unknown } | undefined): StreamPlan | undefined {
  return (field?.extensions as { hasuraStream?: StreamPlan } | undefined)?.hasuraStream;
}

type SubscriptionRootField = 'select' | 'select_by_pk' | 'select_aggregate' | 'select_stream';

/** The fields `role` may subscribe to on `table`; empty without a select permission. */
export function subscriptionFields(types: TableTypes, table: TableModel): GraphQLFieldConfigMap<unknown, unknown> {
  if (!types.select(table)) return {};
  const allowed = allowedRootFields(table, types.role);
  const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
  // queryFields builds the configs from the role's (cached) types; only the ones permitted are kept.
  for (const [name, config] of Object.entries(types.queryFields(table))) {
    const operation = (config.extensions as { hasura?: { operation?: string } } | undefined)?.hasura?.operation;
    if (!allowed || allowed.has(operation as SubscriptionRootField)) fields[name] = config;
  }
  if (!allowed || allowed.has('select_stream')) fields[streamFieldName(table)] = streamField(types, table);
  return fields;
}

function allowedRootFields(table: TableModel, role: string): Set<SubscriptionRootField> | null {
  if (role === ADMIN_ROLE) return null;
  const permission = table.meta.select_permissions?.find((p) => p.role === role)?.permission as
    { subscription_root_fields?: unknown } | undefined;
  const listed = permission?.subscription_root_fields;
  return Array.isArray(listed) ? new Set(listed as SubscriptionRootField[]) : null;
}

function streamFieldName(table: TableModel): string {
  const custom = (table.meta.configuration?.custom_root_fields as Record<string, unknown> | undefined)?.select_stream;
  const name = typeof custom === 'string' ? custom : (custom as { name?: string } | null | undefined)?.name;
  return name || `${table.gqlName}_stream`;
}

/** Types are made once per role (graphql-js refuses two types of one name in a schema). */
const typeCache = new WeakMap<TableTypes, Map<string, GraphQLInputObjectType | GraphQLEnumType>>();

function once<T extends GraphQLInputObjectType | GraphQLEnumType>(types: TableTypes, name: string, make: () => T): T {
  let cache = typeCache.get(types);
  if (!cache) typeCache.set(types, (cache = new Map()));
  if (!cache.has(name)) cache.set(name, make());
  return cache.get(name) as T;
}

function streamField(types: TableTypes, table: TableModel) {
  const name = table.gqlName;
  const ordering = once(
    types,
    'cursor_ordering',
    () =>
      new GraphQLEnumType({
        name: 'cursor_ordering',
        description: 'ordering argument of a cursor',
        values: {
          ASC: { value: 'ASC', description: 'ascending ordering of the cursor' },
          DESC: { value: 'DESC', description: 'descending ordering of the cursor' },
        },
      }),
  );
  const valueInput = once(
    types,
    `${name}_stream_cursor_value_input`,
    () =>
      new GraphQLInputObjectType({
        name: `${name}_stream_cursor_value_input`,
        description: 'Initial value of the column from where the streaming should start',
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const column of types.selectColumns(table))
            fields[fieldOf(table, column.name)] = { type: types.scalars.get(column.pgType) };
          return fields;
        },
      }),
  );
  const cursorInput = once(
    types,
    `${name}_stream_cursor_input`,
    () =>
      new GraphQLInputObjectType({
        name: `${name}_stream_cursor_input`,
        description: `Streaming cursor of the table "${name}"`,
        fields: {
          initial_value: {
            type: new GraphQLNonNull(valueInput),
            description: 'Stream column input with initial value',
          },
          ordering: { type: ordering, description: 'cursor ordering' },
        },
      }),
  );
  return {
    type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(types.objectType(table)))),
    description: `fetch data from the table in a streaming manner: "${table.info.name}"`,
    args: {
      batch_size: {
        type: new GraphQLNonNull(GraphQLInt),
        description: 'maximum number of rows returned in a single batch',
      },
      cursor: {
        type: new GraphQLNonNull(new GraphQLList(cursorInput)),
        description: 'cursor to stream the results returned by the query',
      },
      where: { type: types.boolExp(table), description: 'filter the rows returned' },
    },
    extensions: { hasuraStream: { table } satisfies StreamPlan },
  };
}
