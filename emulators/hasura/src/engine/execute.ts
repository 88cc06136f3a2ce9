/**
 * Runs one GraphQL request for a role: parse, pick the operation, check variables, validate against the role's
 * schema (errors in Hasura's words), then answer it as JSON text when it has no meta field (a plain query through
 * `./plain-query.ts`, a mutation's root fields here), else with graphql-js `execute`, whose root-field resolvers
 * compile each field to SQL and run it. A mutation's root fields run in order inside one transaction, rolled back on
 * any error.
 */
import {
  execute,
  getArgumentValues,
  getVariableValues,
  NoUnusedVariablesRule,
  specifiedRules,
  visit,
  type ASTNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Database, GraphQLRequest, GraphQLResponse, HasuraError, Queryable, Session } from '../types.js';
import { EngineError, fromExecutionError, fromValidationError, hasuraError, runFailure } from './errors.js';
import { ADMIN_ROLE } from './permissions.js';
import { planOf } from './schema/plans.js';
import type { TableTypes } from './schema/table-types.js';
import { CompileContext } from './sql/context.js';
import { compileRoot } from './sql/root.js';
import { rowText } from './sql/result.js';
import { collectFields, type SelectedField } from './selection.js';
import { answerPlainQuery, fragmentsOf, isPlainOperation } from './plain-query.js';
import type { FieldPlan } from './schema/plans.js';

export interface RequestEnvironment {
  db: Database;
  schema: GraphQLSchema;
  types: TableTypes;
  stringifyNumeric: boolean;
  /** Plain queries may be answered by `./plain-query.ts`. */
  plainQueryFastPath: boolean;
  /** Resolves once the SQL helpers mutations rely on exist. */
  mutationHelpers: () => Promise<void>;
}

/** Carries a finished Hasura error through graphql-js, which wraps whatever a resolver throws. */
class FieldFailure extends Error {
  constructor(readonly error: HasuraError) {
    super(error.message);
  }
}

/** Thrown inside the mutation transaction to roll it back while keeping the response. */
class Rollback extends Error {
  constructor(readonly response: GraphQLResponse) {
    super('rollback');
  }
}

const fail = (message: string, path = '$', code = 'validation-failed'): GraphQLResponse => ({
  errors: [hasuraError(code, message, path)],
});

/** The response, or for a plain query answered by the fast path, the response's JSON text. */
export async function executeRequest(
  env: RequestEnvironment,
  request: GraphQLRequest,
  session: Session,
): Promise<GraphQLResponse | string> {
  if (typeof request?.query !== 'string') return fail("the key 'query' was not present", '$');
  if (request.persistedQuery !== undefined)
    return fail('Automatic Persisted Queries is not enabled', '$', 'not-supported');
  const checked = parseAndValidate(env.schema, request.query);
  if (!checked) return fail('not a valid graphql query', '$.query');
  const { document, validationError } = checked;

  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operationName = request.operationName ?? undefined;
  let operation: OperationDefinitionNode | undefined;
  if (operationName) {
    operation = operations.find((op) => op.name?.value === operationName);
    if (!operation) return fail(`no such operation found in the document: "${operationName}"`);
  } else {
    if (operations.length !== 1)
      return fail('exactly one operation has to be present in the document when operationName is not specified');
    operation = operations[0];
  }
  if (operation.operation === 'mutation' && !env.schema.getMutationType()) return fail('no mutations exist');

  if (validationError) return { errors: [validationError] };

  const variables = request.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    return fail(
      `expected Object, but encountered ${Array.isArray(variables) ? 'Array' : typeof variables === 'string' ? 'String' : 'Number'}`,
      '$.variables',
      'parse-failed',
    );
  }
  // Like Hasura: a declared variable may go unused, but every variable sent must be declared and used.
  const declared = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  const used = usedVariablesOf(document, operation);
  const unexpected = Object.keys(variables).filter((name) => !declared.has(name) || !used.has(name));
  if (unexpected.length) return fail(`unexpected variables in variableValues: ${unexpected.join(', ')}`);
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue && variables[name] == null) {
      return fail(`expecting a value for non-nullable variable: "${name}"`);
    }
  }

  const run = async (queryable: Queryable): Promise<GraphQLResponse> => {
    const result = await execute({
      schema: env.schema,
      document,
      operationName,
      variableValues: variables,
      contextValue: queryable,
      fieldResolver: resolver(env, session, variables),
    });
    if (result.errors?.length) return { errors: [toHasuraError(result.errors[0])] };
    return { data: result.data };
  };

  if (operation.operation !== 'mutation') {
    const text = env.plainQueryFastPath
      ? await answerPlainQuery(env, document, operation, variables, session)
      : undefined;
    return text ?? run(env.db);
  }
  try {
    await env.mutationHelpers();
  } catch (error) {
    return fail(`cannot prepare the database for mutations: ${(error as Error).message}`, '$', 'unexpected');
  }
  try {
    return await env.db.transaction(async (tx) => {
      const text = env.plainQueryFastPath
        ? await mutationText(env, tx, document, operation, variables, session)
        : undefined;
      if (text !== undefined) return text;
      const response = await run(tx);
      if (response.errors) throw new Rollback(response);
      return response;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.response;
    return { errors: [fromExecutionError(error, '$')] };
  }
}

/** The spec's rules except "unused variable": Hasura accepts declared variables the operation does not use. */
const VALIDATION_RULES = specifiedRules.filter((rule) => rule !== NoUnusedVariablesRule);

/** Per operation of a cached document: walking the AST on every request costs more than the lookup. */
const usedVariablesCache = new WeakMap<OperationDefinitionNode, Set<string>>();

function usedVariablesOf(document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  let used = usedVariablesCache.get(operation);
  if (!used) usedVariablesCache.set(operation, (used = usedVariables(document, operation)));
  return used;
}

/** Variables referenced by the operation, through the fragments it spreads too. */
function usedVariables(document: DocumentNode, operation: OperationDefinitionNode): Set<string> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const used = new Set<string>();
  const seen = new Set<string>();
  const walk = (node: ASTNode) =>
    visit(node, {
      VariableDefinition: () => false,
      Variable: (variable) => {
        used.add(variable.name.value);
      },
      FragmentSpread: (spread) => {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          walk(fragment);
        }
      },
    });
  walk(operation);
  return used;
}

interface CheckedDocument {
  document: DocumentNode;
  validationError: HasuraError | null;
}

/** Parsed and validated documents per schema (clients resend the same few queries), oldest dropped first. */
const documentCache = new WeakMap<GraphQLSchema, Map<string, CheckedDocument>>();
const DOCUMENT_CACHE_SIZE = 500;

/** null when the query does not parse. */
function parseAndValidate(schema: GraphQLSchema, query: string): CheckedDocument | null {
  let cache = documentCache.get(schema);
  if (!cache) documentCache.set(schema, (cache = new Map()));
  const cached = cache.get(query);
  if (cached) return cached;
  let document: DocumentNode;
  try {
    document = withNumericStringOffsets(parse(query));
  } catch {
    return null;
  }
  const errors = validate(schema, document, VALIDATION_RULES);
  const checked = { document, validationError: errors.length ? fromValidationError(errors[0], document) : null };
  if (cache.size >= DOCUMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(query, checked);
  return checked;
}

/**
 * Hasura reads `offset` as a 64-bit integer, which it also accepts written as a string (`offset: "10"`); graphql-js
 * would refuse a string for `Int`, so such literals become integer literals before validation.
 */
function withNumericStringOffsets(document: DocumentNode): DocumentNode {
  return visit(document, {
    Argument(node) {
      if (node.name.value !== 'offset' || node.value.kind !== Kind.STRING || !/^-?\d+$/.test(node.value.value))
        return undefined;
      return { ...node, value: { kind: Kind.INT, value: node.value.value, loc: node.value.loc } };
    },
  });
}

/** Root fields compile and run SQL; every other field reads its response key from the parent's JSON. */
function resolver(
  env: RequestEnvironment,
  session: Session,
  variables: Record<string, unknown>,
): GraphQLFieldResolver<unknown, Queryable> {
  return async (source, args, queryable, info) => {
    const def = info.parentType.getFields()[info.fieldName];
    const plan = planOf(def);
    if (plan?.kind !== 'root') return (source as Record<string, unknown> | null)?.[info.path.key as string];
    const field = { key: info.path.key as string, name: info.fieldName, nodes: [...info.fieldNodes], def, plan };
    const newContext = () =>
      new CompileContext(env.types, session, info.variableValues, variables, info.fragments, env.stringifyNumeric);
    return JSON.parse(await runRootField(queryable, session, newContext, field, args));
  };
}

/**
 * Compiles and runs one root field, answering its JSON text (Postgres' text passed through). A failure is thrown as
 * a `FieldFailure` holding Hasura's error; the statement that failed is reported to the admin, like Hasura's
 * HASURA_GRAPHQL_ADMIN_INTERNAL_ERRORS.
 */
async function runRootField(
  queryable: Queryable,
  session: Session,
  newContext: () => CompileContext,
  field: SelectedField,
  args: Record<string, unknown>,
): Promise<string> {
  const plan = field.plan as Extract<FieldPlan, { kind: 'root' }>;
  const argsPath =
    plan.operation === 'insert' ? '.args.objects' : plan.operation === 'insert_one' ? '.args.object' : '';
  let last: { sql: string; params: unknown[] } | undefined;
  const recording: Queryable = {
    query(sql, params) {
      last = { sql, params: params ?? [] };
      return queryable.query(sql, params);
    },
  };
  try {
    const compiled = compileRoot(newContext, plan.operation, plan.table, field, args);
    if (compiled.run) return JSON.stringify(await compiled.run(recording));
    const texts: string[] = [];
    for (const statement of compiled.statements) {
      const { rows } = await recording.query<{ result: string | null }>(statement.sql, statement.params);
      texts.push(rowText(rows));
    }
    return compiled.many ? `[${texts.join(',')}]` : texts[0];
  } catch (error) {
    const path = argsPath ? `$.selectionSet.${field.key}${argsPath}` : '$';
    throw new FieldFailure(runFailure(error, path, session.role === ADMIN_ROLE, last, field.name));
  }
}

/**
 * A mutation without meta fields (`__typename`, …), answered as JSON text: its root fields compiled and run in
 * order on `tx`, their Postgres JSON text spliced into the response as for plain queries. Undefined when
 * graphql-js must answer it (a variable it would refuse), before anything ran. Throws `Rollback` on a failure.
 */
async function mutationText(
  env: RequestEnvironment,
  tx: Queryable,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  session: Session,
): Promise<string | undefined> {
  const root = env.schema.getMutationType();
  if (!root || !isPlainOperation(document)) return undefined;
  const coerced = getVariableValues(env.schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
  if (coerced.errors) return undefined;
  const newContext = () =>
    new CompileContext(env.types, session, coerced.coerced, variables, fragmentsOf(document), env.stringifyNumeric);
  // Fields and arguments first: anything graphql-js would refuse falls back before a statement runs.
  let prepared: Array<{ field: SelectedField; args: Record<string, unknown> }>;
  try {
    prepared = collectFields(newContext(), root, [operation]).map((field) => ({
      field,
      args: getArgumentValues(field.def, field.nodes[0], coerced.coerced),
    }));
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  for (const { field, args } of prepared) {
    try {
      parts.push(`${JSON.stringify(field.key)}:${await runRootField(tx, session, newContext, field, args)}`);
    } catch (error) {
      if (error instanceof FieldFailure) throw new Rollback({ errors: [error.error] });
      throw error;
    }
  }
  return `{"data":{${parts.join(',')}}}`;
}

function toHasuraError(error: GraphQLError): HasuraError {
  const original = error.originalError;
  if (original instanceof FieldFailure) return original.error;
  if (original instanceof EngineError) return hasuraError(original.code, original.message, original.path);
  // graphql-js coercion problems (e.g. a variable of the wrong type) keep graphql-js' wording.
  return hasuraError(original ? 'unexpected' : 'validation-failed', error.message, '$');
}
