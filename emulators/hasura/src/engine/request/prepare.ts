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
  visit,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GraphQLRequest, HasuraError, PreparedOperation } from '../../types.js';

export type { PreparedOperation } from '../../types.js';
import { fromValidationError, hasuraError } from '../errors.js';
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
  const { document, validationError, fragments } = checked;

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
  // Hasura resolves the variables before it parses the selection set against the schema.
  const missing = checkVariablePresence(operation, variables);
  if (missing) return { ok: false, error: missing };
  // Like Hasura: a declared variable may go unused, but every variable sent must be declared and used.
  const declared = new Set((operation.variableDefinitions ?? []).map((d) => d.variable.name.value));
  const used = usedVariablesOf(document, operation);
  const unexpected = Object.keys(variables).filter((name) => !declared.has(name) || !used.has(name));
  if (unexpected.length) return failure(`unexpected variables in variableValues: ${unexpected.join(', ')}`);

  if (validationError) return { ok: false, error: validationError };

  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  if (coerced.errors) {
    // Looked at again only when something is wrong: reworded the Hasura way, at the variable's use site.
    const invalid = checkVariableValues(schema, document, operation, variables);
    return invalid ? { ok: false, error: invalid } : failure(coerced.errors[0].message);
  }
  return {
    ok: true,
    operation: { schema, document, operation, fragments, variables: coerced.coerced, rawVariables: variables },
  };
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
  fragments: Record<string, FragmentDefinitionNode>;
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
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const checked = {
    document,
    fragments,
    validationError: errors.length ? fromValidationError(errors[0], document) : null,
  };
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
