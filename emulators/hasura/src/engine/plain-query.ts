/**
 * The fast path for plain queries. When every root field of a query is a table select (`t`, `t_by_pk`,
 * `t_aggregate`) and the document asks for no meta field (`__typename`, `__schema`, `__type`), graphql-js
 * `execute` has nothing to add: each field's statement already returns the field's finished JSON. The response
 * body is then spliced from the statements' JSON text, `{"data":{"<key>":<text>,…}}`, without parsing or
 * re-serialising any row (the real engine streams Postgres' JSON through the same way).
 *
 * Anything this path cannot answer exactly — a variable or argument graphql-js would reject, a compile error, a
 * database error — returns undefined, and graphql-js answers the request as before, errors included.
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
import type { RequestEnvironment } from './execute.js';
import { collectFields } from './selection.js';
import { CompileContext } from './sql/context.js';
import { compileRoot } from './sql/root.js';

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
  return operation.operation === 'query' && factsOf(document).noMetaFields;
}

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
  const { fragments } = factsOf(document);
  const newContext = () => new CompileContext(env.types, session, coerced.coerced, variables, fragments, env.stringifyNumeric);

  const statements: Array<{ key: string; sql: string; params: Array<string | null> }> = [];
  try {
    for (const field of collectFields(newContext(), queryRoot, [operation])) {
      const plan = field.plan;
      if (plan?.kind !== 'root' || !['select', 'select_by_pk', 'select_aggregate'].includes(plan.operation)) return undefined;
      const args = getArgumentValues(field.def, field.nodes[0], coerced.coerced);
      const compiled = compileRoot(newContext, plan.operation, plan.table, field, args);
      statements.push({ key: field.key, ...compiled.statements[0] });
    }
  } catch {
    return undefined;
  }
  let results: Array<string | null>;
  try {
    // Started together like graphql-js' resolvers, so a pg pool runs them on several connections.
    results = await Promise.all(
      statements.map(async ({ sql, params }) => (await env.db.query<{ result: string | null }>(sql, params)).rows[0]?.result ?? null),
    );
  } catch {
    return undefined;
  }
  return `{"data":{${statements.map(({ key }, i) => `${JSON.stringify(key)}:${results[i] ?? 'null'}`).join(',')}}}`;
}
