/**
 * What a websocket operation is, decided before it runs: a query or mutation (answered once by the engine), a live
 * query (the subscription re-sent to the engine as a query on every refetch) or a streaming subscription (the
 * `t_stream` field rewritten into a `t(where, order_by, limit)` query whose cursor advances batch by batch).
 * Subscriptions are validated against the role's `subscription_root` here, in Hasura's words; everything else
 * (variables, permissions, SQL) is the engine's.
 */
import {
  getArgumentValues,
  getVariableValues,
  Kind,
  parse,
  print,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { fromValidationError, hasuraError } from '../engine/errors.js';
import { rootFieldName } from '../engine/metadata/model.js';
import { VALIDATION_RULES } from '../engine/request/prepare.js';
import type { GraphQLRequest, HasuraError } from '../types.js';
import { streamPlanOf } from './schema.js';

export type PlannedOperation =
  | { kind: 'once' }
  | { kind: 'live'; request: GraphQLRequest }
  | { kind: 'stream'; stream: StreamQuery }
  | { kind: 'error'; error: HasuraError };

/** A streaming subscription as a query: `request(cursor)` fetches the next batch after `cursor`. */
export interface StreamQuery {
  /** Response key of the stream field. */
  key: string;
  cursor: unknown;
  /** `_gt` for ASC, `_lt` for DESC. */
  request(cursor: unknown): GraphQLRequest;
}

/** Where the cursor column's value travels in each row (removed before the row is sent). */
export const CURSOR_KEY = 'hasura_stream_cursor';

/** `schema` is the role's; null when the role has no permissions at all. */
export function planOperation(schema: GraphQLSchema | null, request: GraphQLRequest): PlannedOperation {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch {
    return { kind: 'once' }; // the engine answers with Hasura's parse error
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = request.operationName
    ? operations.find((op) => op.name?.value === request.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation || operation.operation !== 'subscription') return { kind: 'once' };

  const subscriptionRoot = schema?.getSubscriptionType();
  if (!schema || !subscriptionRoot)
    return { kind: 'error', error: hasuraError('validation-failed', 'no subscriptions exist') };
  const errors = validate(schema, document, VALIDATION_RULES);
  if (errors.length) return { kind: 'error', error: fromValidationError(errors[0], document, schema) };

  const streamField = operation.selectionSet.selections.find(
    (s): s is FieldNode =>
      s.kind === Kind.FIELD && streamPlanOf(subscriptionRoot.getFields()[s.name.value]) !== undefined,
  );
  if (!streamField) {
    const asQuery = definitionsWith(document, operation, { ...operation, operation: 'query' as never });
    return { kind: 'live', request: { ...request, query: print(asQuery) } };
  }
  const stream = streamQuery(schema, document, operation, streamField, request);
  return 'message' in stream ? { kind: 'error', error: stream } : { kind: 'stream', stream };
}

function definitionsWith(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  replacement: OperationDefinitionNode,
): DocumentNode {
  return { ...document, definitions: document.definitions.map((d) => (d === operation ? replacement : d)) };
}

function streamQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  field: FieldNode,
  request: GraphQLRequest,
): StreamQuery | HasuraError {
  const path = `$.selectionSet.${field.alias?.value ?? field.name.value}.args`;
  const def = schema.getSubscriptionType()!.getFields()[field.name.value];
  const { table } = streamPlanOf(def)!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors) return hasuraError('validation-failed', coerced.errors[0].message);
  const args = getArgumentValues(def, field, coerced.coerced) as {
    batch_size: number;
    cursor: Array<{ initial_value: Record<string, unknown>; ordering?: 'ASC' | 'DESC' } | null>;
  };
  if (args.batch_size < 0)
    return hasuraError('validation-failed', 'expected a non-negative integer for batch_size', `${path}.batch_size`);
  if (args.cursor.length !== 1 || !args.cursor[0])
    return hasuraError('validation-failed', 'multiple column cursors are not supported yet', `${path}.cursor`);
  const columns = Object.entries(args.cursor[0].initial_value);
  if (columns.length !== 1)
    return hasuraError(
      'validation-failed',
      'exactly one column must be given in the cursor initial value',
      `${path}.cursor.initial_value`,
    );
  const [[column, initial]] = columns;
  const descending = args.cursor[0].ordering === 'DESC';

  // t_stream(batch_size, cursor, where: W) { … } → t(where: {_and: [W, $c]}, order_by: $o, limit: $l) { …, cursor }
  const variable = (name: string): ValueNode => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } });
  const written = field.arguments?.find((a) => a.name.value === 'where')?.value;
  const where: ValueNode = written
    ? {
        kind: Kind.OBJECT,
        fields: [
          {
            kind: Kind.OBJECT_FIELD,
            name: { kind: Kind.NAME, value: '_and' },
            value: { kind: Kind.LIST, values: [written, variable('hasuraStreamCursor')] },
          },
        ],
      }
    : variable('hasuraStreamCursor');
  const argument = (name: string, value: ValueNode) => ({
    kind: Kind.ARGUMENT as const,
    name: { kind: Kind.NAME as const, value: name },
    value,
  });
  const selectName = rootFieldName(table, 'select');
  const rewritten: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: field.alias?.value ?? field.name.value },
    name: { kind: Kind.NAME, value: selectName },
    arguments: [
      argument('where', where),
      argument('order_by', variable('hasuraStreamOrder')),
      argument('limit', variable('hasuraStreamLimit')),
    ],
    directives: field.directives,
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        ...(field.selectionSet?.selections ?? []),
        {
          kind: Kind.FIELD,
          alias: { kind: Kind.NAME, value: CURSOR_KEY },
          name: { kind: Kind.NAME, value: column },
        },
      ],
    },
  };
  const definition = (name: string, type: string): VariableDefinitionNode => ({
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
    type: parseTypeName(type),
  });
  const selectionSet = {
    ...operation.selectionSet,
    selections: operation.selectionSet.selections.map((s) => (s === field ? rewritten : s)),
  };
  // Variables only the stream arguments used are dropped (the engine refuses a value for an unused variable).
  const used = new Set<string>();
  const collect = { Variable: (v: { name: { value: string } }) => void used.add(v.name.value) };
  visit(selectionSet, collect);
  for (const fragment of document.definitions) if (fragment.kind === Kind.FRAGMENT_DEFINITION) visit(fragment, collect);
  const query: OperationDefinitionNode = {
    ...operation,
    operation: 'query' as never,
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value)),
      definition('hasuraStreamCursor', `${table.gqlName}_bool_exp!`),
      definition('hasuraStreamOrder', `[${table.gqlName}_order_by!]`),
      definition('hasuraStreamLimit', 'Int'),
    ],
    selectionSet,
  };
  const text = print(definitionsWith(document, operation, query));
  const kept = Object.fromEntries(Object.entries(request.variables ?? {}).filter(([name]) => used.has(name)));
  return {
    key: field.alias?.value ?? field.name.value,
    cursor: initial,
    request: (cursor) => ({
      query: text,
      operationName: request.operationName,
      variables: {
        ...kept,
        hasuraStreamCursor: { [column]: { [descending ? '_lt' : '_gt']: cursor } },
        hasuraStreamOrder: [{ [column]: descending ? 'desc' : 'asc' }],
        hasuraStreamLimit: args.batch_size,
      },
    }),
  };
}

function parseTypeName(type: string) {
  const document = parse(`query ($v: ${type}) { a }`);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return operation.variableDefinitions![0].type;
}
