/**
 * Variables checked the way Hasura's `resolveVariables` and its input parsers check them, so the errors carry
 * Hasura's words and paths: presence and null first (at `$`), then each value against the type where the variable
 * is used (at the use site, e.g. `$.selectionSet.articles.args.where.id._eq`). graphql-js does the coercion; its
 * errors are reworded here.
 */
import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  print,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { HasuraError } from '../../types.js';
import { describeFound, enumMismatch, hasuraError, outOfBounds, typeMismatch } from '../errors.js';

/** Presence of the values, in the order of the definitions, as Hasura's `resolveVariables` checks them. */
export function checkVariablePresence(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): HasuraError | null {
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const nonNull = definition.type.kind === Kind.NON_NULL_TYPE;
    if (!nonNull) continue;
    if (Object.hasOwn(variables, name)) {
      if (variables[name] === null) {
        return hasuraError('validation-failed', `null value found for non-nullable type: "${print(definition.type)}"`);
      }
    } else if (!definition.defaultValue) {
      return hasuraError('validation-failed', `expecting a value for non-nullable variable: "${name}"`);
    }
  }
  return null;
}

/** The first value that does not fit its type, as Hasura's parser reports it at the variable's use site. */
export function checkVariableValues(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  useSite: (name: string) => string,
): HasuraError | null {
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = variables[name];
    if (value === undefined || value === null) continue;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    let first: { path: readonly (string | number)[]; invalid: unknown; error: GraphQLError } | undefined;
    coerceInputValue(value, type, (path, invalid, error) => {
      first ??= { path, invalid, error };
    });
    if (!first) continue;
    const at = useSite(name) + valuePath(type, first.path, first.invalid);
    return reworded(schema, first.error, first.invalid, at, getNamedType(type).name);
  }
  return null;
}

/**
 * graphql-js' path to a value inside a variable in Hasura's form: `.field` and `[i]`, with `[0]` where a single value
 * stood for a list (Hasura's list parser reads it as the item 0; graphql-js' path leaves it out).
 */
function valuePath(type: GraphQLInputType, path: readonly (string | number)[], invalid: unknown): string {
  let text = '';
  let current: GraphQLInputType | undefined = type;
  /** The item type of `current` when it is a list type. */
  const itemOf = (): GraphQLInputType | undefined => {
    const nullable = current && getNullableType(current);
    return isListType(nullable) ? (nullable.ofType as GraphQLInputType) : undefined;
  };
  const intoSingletonLists = () => {
    for (let item = itemOf(); item; item = itemOf()) {
      text += '[0]';
      current = item;
    }
  };
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
      current = itemOf();
      continue;
    }
    intoSingletonLists();
    const object = current && getNullableType(current);
    text += `.${key}`;
    current = isInputObjectType(object) ? object.getFields()[key]?.type : undefined;
  }
  // The failing value itself stood for a list when it is neither a list nor null.
  if (invalid !== null && invalid !== undefined && !Array.isArray(invalid)) intoSingletonLists();
  return text;
}

function reworded(
  schema: GraphQLSchema,
  error: GraphQLError,
  invalid: unknown,
  path: string,
  declared: string,
): HasuraError {
  const message = error.message;
  let match: RegExpExecArray | null;
  if ((match = /^Value ".*" does not exist in "(\w+)" enum/.exec(message)) && typeof invalid === 'string') {
    return enumMismatch(schema.getType(match[1]), invalid, path);
  }
  if ((match = /^Enum "(\w+)" cannot represent non-string value/.exec(message))) {
    return hasuraError(
      'validation-failed',
      typeMismatch(match[1], path, describeFound(invalid), 'an enum value'),
      path,
    );
  }
  if ((match = /^(Int|Float|String|Boolean|ID) cannot represent/.exec(message))) {
    const scalar = match[1];
    // Hasura reads a JSON number for Int exactly and refuses a fraction or a value beyond 32 bits as a parse error.
    if (scalar === 'Int' && typeof invalid === 'number') return hasuraError('parse-failed', outOfBounds(invalid), path);
    return hasuraError('validation-failed', typeMismatch(scalar, path, describeFound(invalid)), path);
  }
  if ((match = /^Expected non-nullable type "(\w+)!" not to be null/.exec(message))) {
    return hasuraError('validation-failed', `unexpected null value for type '${match[1]}'`, path);
  }
  if ((match = /^Field "(\w+)" is not defined by type "(\w+)"/.exec(message))) {
    // graphql-js points at the object; Hasura at the unknown key inside it.
    return hasuraError(
      'validation-failed',
      `field '${match[1]}' not found in type: '${match[2]}'`,
      `${path}.${match[1]}`,
    );
  }
  if ((match = /^Field "(\w+)" of required type "[^"]+" was not provided/.exec(message))) {
    return hasuraError('validation-failed', `missing required field '${match[1]}'`, path);
  }
  if ((match = /^Expected type "(\w+)" to be an object/.exec(message))) {
    return hasuraError('validation-failed', typeMismatch(match[1], path, describeFound(invalid), 'an object'), path);
  }
  // Rarer mismatches (a custom scalar) keep graphql-js' words (Known differences).
  return hasuraError('validation-failed', message || `invalid value for a variable of type ${declared}`, path);
}
