/**
 * The request stage: a GraphQL request → a `PreparedOperation` for one role's schema, or Hasura's error. Parses and
 * validates (graphql-js, errors reworded the Hasura way; cached per schema and query text), picks the operation,
 * checks the variables sent as Hasura does and coerces them (graphql-js).
 */
import {
  getVariableValues,
  Kind,
  NoUnusedVariablesRule,
  parse,
  specifiedRules,
  validate,
  ValuesOfCorrectTypeRule,
  visit,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableNode,
} from 'graphql';
import type { GraphQLRequest, HasuraError, PreparedOperation } from '../../types.js';

export type { PreparedOperation } from '../../types.js';
import { fromValidationError, hasuraError, pathTo } from '../errors.js';
import { bigIntVariable, bigIntVariableNodes, BigIntValuesOfCorrectTypeRule } from './big-int.js';
import { checkVariablePresence, checkVariableValues } from './variables.js';

export type Prepared = { ok: true; operation: PreparedOperation } | { ok: false; error: HasuraError };

const failure = (message: string, path = '$', code = 'validation-failed'): Prepared => ({
  ok: false,
  error: hasuraError(code, message, path),
});

export function prepareRequest(schema: GraphQLSchema, request: GraphQLRequest): Prepared {
  if (typeof request?.query !== 'string') return failure("the key 'query' was not present", '$');
  if (request.persistedQuery !== undefined)
    return failure('Automatic Persisted Queries is not enabled', '$', 'not-supported');
  const checked = parseAndValidate(schema, request.query);
  if (!checked) return failure('not a valid graphql query', '$.query');
  const { document, validationError, fragments, bigIntUses, cached } = checked;

  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operationName = request.operationName ?? undefined;
  let operation: OperationDefinitionNode | undefined;
  if (operationName) {
    operation = operations.find((op) => op.name?.value === operationName);
    if (!operation) return failure(`no such operation found in the document: "${operationName}"`);
  } else {
    if (operations.length !== 1)
      return failure('exactly one operation has to be present in the document when operationName is not specified');
    operation = operations[0];
  }
  if (operation.operation === 'mutation' && !schema.getMutationType()) return failure('no mutations exist');

  const variables = request.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    return failure(
      `expected Object, but encountered ${Array.isArray(variables) ? 'Array' : typeof variables === 'string' ? 'String' : 'Number'}`,
      '$.variables',
      'parse-failed',
    );
  }
  // Clients resend the same few queries, often with the same variables: those were checked and coerced already.
  // Nothing is remembered for a document that is not kept (its operation is never seen again).
  const variablesText = operation.operation === 'mutation' || !cached ? undefined : exactText(variables);
  const rememberedKey = variablesText === undefined ? undefined : `${operationId(operation)}\0${variablesText}`;
  const remembered = rememberedKey === undefined ? undefined : rememberedVariables.get(rememberedKey);
  if (remembered) {
    const operationWith = { schema, document, operation, fragments, variables: remembered, rawVariables: variables };
    return { ok: true, operation: { ...operationWith, variablesText } };
  }

  // Hasura resolves the variables before it parses the selection set against the schema.
  const missing = checkVariablePresence(operation, variables);
  if (missing) return { ok: false, error: missing };
  // Like Hasura: a declared variable may go unused, but every variable sent must be declared and used.
  const declared = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  const usages = variableUsagesOf(document, operation);
  const unexpected = Object.keys(variables).filter((name) => !declared.has(name) || !usages.has(name));
  if (unexpected.length) return failure(`unexpected variables in variableValues: ${unexpected.join(', ')}`);

  if (validationError) return { ok: false, error: validationError };

  // A variable used only where Hasura's 64-bit parser reads it (`offset`) is read by that parser, not as an `Int`.
  let bigInts: Record<string, string> | undefined;
  for (const [name, uses] of usages) {
    const value = variables[name];
    if (value === undefined || value === null || !uses.every((use) => bigIntUses.has(use))) continue;
    const read = bigIntVariable(value, pathTo(document, uses[0], schema) ?? '$');
    if (!read.ok) return { ok: false, error: read.error };
    (bigInts ??= {})[name] = read.value;
  }
  // graphql-js still checks presence and declared types; it gets a plain `Int` in their place.
  const forCoercion = bigInts
    ? { ...variables, ...Object.fromEntries(Object.keys(bigInts).map((n) => [n, 0])) }
    : variables;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], forCoercion, { maxErrors: 1 });
  if (coerced.errors) {
    // Looked at again only when something is wrong: reworded the Hasura way, at the variable's use site.
    const invalid = checkVariableValues(schema, operation, forCoercion, (name) =>
      useSite(schema, document, usages, bigIntUses, name),
    );
    return invalid ? { ok: false, error: invalid } : failure(coerced.errors[0].message);
  }
  const values = bigInts ? { ...coerced.coerced, ...bigInts } : coerced.coerced;
  if (rememberedKey !== undefined) remember(rememberedKey, values);
  return {
    ok: true,
    operation: { schema, document, operation, fragments, variables: values, rawVariables: variables, variablesText },
  };
}

/**
 * Variables as JSON text that tells them apart, or undefined: a number beyond float range (`1e400`) would be written
 * `null`, like a null.
 */
function exactText(variables: Record<string, unknown>): string | undefined {
  let exact = true;
  const text = JSON.stringify(variables, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) exact = false;
    return value;
  });
  return exact ? text : undefined;
}

/** A number per operation node (of a cached document), for keys. */
const operationIds = new WeakMap<OperationDefinitionNode, number>();
let nextOperationId = 0;

export function operationId(operation: OperationDefinitionNode): number {
  let id = operationIds.get(operation);
  if (id === undefined) operationIds.set(operation, (id = nextOperationId++));
  return id;
}

/**
 * Coerced variables of requests that passed, by operation and variables text; the oldest dropped first, and none for
 * large variables. The values are shared between requests: nothing downstream changes them.
 */
const rememberedVariables = new Map<string, Record<string, unknown>>();
const REMEMBERED_VARIABLES = 1000;
const MAX_REMEMBERED_KEY_CHARS = 4 * 1024;

function remember(key: string, values: Record<string, unknown>): void {
  if (key.length > MAX_REMEMBERED_KEY_CHARS) return;
  if (rememberedVariables.size >= REMEMBERED_VARIABLES)
    rememberedVariables.delete(rememberedVariables.keys().next().value!);
  rememberedVariables.set(key, values);
}

/**
 * Where Hasura reports a variable's value that is no `Int`: its first use, skipping those by the 64-bit parser
 * (which accepts every `Int`, so it is not the one refusing the value) unless there are no others.
 */
function useSite(
  schema: GraphQLSchema,
  document: DocumentNode,
  usages: Map<string, VariableNode[]>,
  bigIntUses: Set<VariableNode>,
  name: string,
): string {
  const uses = usages.get(name) ?? [];
  const use = uses.find((node) => !bigIntUses.has(node)) ?? uses[0];
  return (use && pathTo(document, use, schema)) ?? '$';
}

/**
 * The spec's rules except "unused variable" (Hasura accepts declared variables the operation does not use), with
 * values checked the way Hasura reads `offset`.
 */
export const VALIDATION_RULES = specifiedRules
  .filter((rule) => rule !== NoUnusedVariablesRule)
  .map((rule) => (rule === ValuesOfCorrectTypeRule ? BigIntValuesOfCorrectTypeRule : rule));

/** Per operation of a cached document: walking the AST on every request costs more than the lookup. */
const variableUsagesCache = new WeakMap<OperationDefinitionNode, Map<string, VariableNode[]>>();

function variableUsagesOf(document: DocumentNode, operation: OperationDefinitionNode): Map<string, VariableNode[]> {
  let usages = variableUsagesCache.get(operation);
  if (!usages) variableUsagesCache.set(operation, (usages = variableUsages(document, operation)));
  return usages;
}

/** Each variable's references in the operation, through the fragments it spreads too, in document order. */
function variableUsages(document: DocumentNode, operation: OperationDefinitionNode): Map<string, VariableNode[]> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const usages = new Map<string, VariableNode[]>();
  const seen = new Set<string>();
  const walk = (node: ASTNode) =>
    visit(node, {
      VariableDefinition: () => false,
      Variable: (variable) => {
        const uses = usages.get(variable.name.value);
        if (uses) uses.push(variable);
        else usages.set(variable.name.value, [variable]);
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
  return usages;
}

interface CheckedDocument {
  document: DocumentNode;
  fragments: Record<string, FragmentDefinitionNode>;
  validationError: HasuraError | null;
  /** Variable references that are the whole value of a 64-bit (`offset`) argument. */
  bigIntUses: Set<VariableNode>;
  /** Kept for the next request with the same text. */
  cached: boolean;
}

/**
 * Parsed and validated documents per schema (clients resend the same few queries), oldest dropped first; a long
 * query text is not kept (500 documents of near 10 MB each would stay in memory).
 */
const documentCache = new WeakMap<GraphQLSchema, Map<string, CheckedDocument>>();
const DOCUMENT_CACHE_SIZE = 500;
const MAX_CACHED_QUERY_CHARS = 16 * 1024;

/** null when the query does not parse. */
function parseAndValidate(schema: GraphQLSchema, query: string): CheckedDocument | null {
  let cache = documentCache.get(schema);
  if (!cache) documentCache.set(schema, (cache = new Map()));
  const cached = cache.get(query);
  if (cached) return cached;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  const errors = validate(schema, document, VALIDATION_RULES);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const checked = {
    document,
    fragments,
    validationError: errors.length ? fromValidationError(errors[0], document, schema) : null,
    bigIntUses: errors.length ? new Set<VariableNode>() : bigIntVariableNodes(schema, document),
    cached: query.length <= MAX_CACHED_QUERY_CHARS,
  };
  if (!checked.cached) return checked;
  if (cache.size >= DOCUMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(query, checked);
  return checked;
}
