/**
 * `__schema` / `__type` root fields, answered by graphql-js from the role's schema: the operation is executed with
 * only those root fields selected (there is nothing else graphql-js needs to resolve).
 */
import { execute, Kind, type DocumentNode, type FieldNode } from 'graphql';
import { hasuraError } from '../errors.js';
import type { PreparedOperation } from '../request/prepare.js';
import { ExecutionFailure } from './failure.js';

/** The JSON text of each introspection field, by response key. */
export function introspect(
  prepared: PreparedOperation,
  fields: Array<{ key: string; nodes: FieldNode[] }>,
): Map<string, string> {
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...prepared.operation,
        operation: prepared.operation.operation,
        selectionSet: { kind: Kind.SELECTION_SET, selections: fields.flatMap((field) => field.nodes) },
      },
      ...Object.values(prepared.fragments),
    ],
  };
  const result = execute({ schema: prepared.schema, document, variableValues: prepared.rawVariables });
  if ('then' in result) throw new Error('introspection must not be asynchronous');
  if (result.errors?.length)
    throw new ExecutionFailure(hasuraError('validation-failed', result.errors[0].message, '$'));
  const data = result.data as Record<string, unknown>;
  return new Map(fields.map((field) => [field.key, JSON.stringify(data[field.key] ?? null)]));
}
