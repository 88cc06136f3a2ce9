/**
 * The fast path for plain queries. When every root field of a query is a table select (`t`, `t_by_pk`,
 * `t_aggregate`) and the document asks for no meta field (`__typename`, `__schema`, `__type`), graphql-js
 * `execute` has nothing to add: each field's SQL already builds the field's finished JSON. All root fields then
 * run as ONE prepared statement (`Database.preparedRow`), one JSON text column per field, and the response body
 * is spliced from those texts,
 * `{"data":{"<key>":<text>,…}}`, without parsing or re-serialising any row (the real engine streams Postgres'
 * JSON through the same way).
 *
 * Anything this path cannot answer exactly — a variable or argument graphql-js would reject, a compile error —
 * returns undefined, and graphql-js answers the request, errors included. A database error is answered here, so
 * the failing statement runs once.
 */
import {
  BREAK,
  getArgumentValues,
  getVariableValues,
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { Session } from '../types.js';
import { EngineError, runFailure } from './errors.js';
import { ADMIN_ROLE } from './permissions.js';
import type { RequestEnvironment } from './execute.js';
import { collectFields } from './selection.js';
import { CompileContext } from './sql/context.js';
import { isSelectOperation, selectExpression } from './sql/root.js';

interface DocumentFacts {
  /** No field of the document (in any operation or fragment) is a meta field. */
  noMetaFields: boolean;
  fragments: Record<string, FragmentDefinitionNode>;
}

/** Per parsed document; documents are cached by the caller, so this is computed once per query text. */
const factsCache = new WeakMap<DocumentNode, DocumentFacts>();

function factsOf(document: DocumentNode): DocumentFacts {
  let facts = factsCache.get(document);
  if (!facts) {
    let noMetaFields = true;
    visit(document, {
      Field(node) {
        if (!node.name.value.startsWith('__')) return undefined;
        noMetaFields = false;
        return BREAK;
      },
    });
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    factsCache.set(document, (facts = { noMetaFields, fragments }));
  }
  return facts;
}

/** Whether the fast path may try `operation`: a query whose document has no `__typename`/introspection field. */
export function isPlainQuery(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  return operation.operation === 'query' && isPlainOperation(document);
}

/** No field of the document is a meta field (`__typename`, `__schema`, `__type`). */
export const isPlainOperation = (document: DocumentNode): boolean => factsOf(document).noMetaFields;

/** The document's fragments by name. */
export const fragmentsOf = (document: DocumentNode): Record<string, FragmentDefinitionNode> =>
  factsOf(document).fragments;

/**
 * The response body of a plain query as JSON text, or undefined when graphql-js must answer it. `variables` are
 * the request's variables as sent, already checked by the caller (declared and used).
 */
export async function answerPlainQuery(
  env: RequestEnvironment,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  session: Session,
): Promise<string | undefined> {
  if (!isPlainQuery(document, operation)) return undefined;
  const queryRoot = env.schema.getQueryType();
  if (!queryRoot) return undefined;
  const coerced = getVariableValues(env.schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
  if (coerced.errors) return undefined;
  // One context for the whole statement: parameters and table aliases are numbered across all root fields.
  const ctx = new CompileContext(
    env.types,
    session,
    coerced.coerced,
    variables,
    factsOf(document).fragments,
    env.stringifyNumeric,
  );
  const keys: string[] = [];
  const columns: string[] = [];
  try {
    for (const field of collectFields(ctx, queryRoot, [operation])) {
      const plan = field.plan;
      if (plan?.kind !== 'root' || !isSelectOperation(plan.operation)) return undefined;
      const args = getArgumentValues(field.def, field.nodes[0], coerced.coerced);
      columns.push(`${selectExpression(ctx, plan.operation, plan.table, field, args)}::text`);
      keys.push(field.key);
    }
  } catch {
    return undefined;
  }
  if (keys.length === 0) return '{"data":{}}';
  const sql = `SELECT ${columns.join(', ')}`;
  let row: Array<string | null> | undefined;
  try {
    // All root fields in ONE statement: one round trip, one result row with a JSON text column per field.
    row = await env.db.preparedRow(sql, ctx.params.values);
  } catch (error) {
    // Answered here: the failing statement runs once.
    const failure = runFailure(
      error,
      '$',
      session.role === ADMIN_ROLE,
      { sql, params: ctx.params.values },
      'a plain query',
    );
    return JSON.stringify({ errors: [failure] });
  }
  if (!row)
    return JSON.stringify({
      errors: [runFailure(new EngineError('unexpected', 'database query error'), '$', false, undefined, '')],
    });
  return `{"data":{${keys.map((key, i) => `${JSON.stringify(key)}:${row[i] ?? 'null'}`).join(',')}}}`;
}
