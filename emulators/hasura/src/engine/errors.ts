/**
 * Hasura's error envelope: request problems found by the engine (`EngineError`), graphql-js validation errors
 * reworded as Hasura words them, and Postgres errors mapped to `constraint-violation` / `data-exception`.
 */
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  Kind,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { HasuraError } from '../types.js';

export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path = '$',
  ) {
    super(message);
  }
}

/** The message Postgres raises through `hdb_catalog.check_violation` when an insert/update check fails. */
export const CHECK_VIOLATION_MESSAGE = 'check constraint of an insert/update permission has failed';

export function hasuraError(code: string, message: string, path = '$'): HasuraError {
  return { message, extensions: { path, code } };
}

/** A graphql-js validation error in Hasura's words, with a `$.selectionSet…` path to the offending node. */
export function fromValidationError(error: GraphQLError, document: DocumentNode, schema: GraphQLSchema): HasuraError {
  const node = error.nodes?.[0];
  const path = node ? (pathTo(document, node, schema) ?? '$') : '$';
  let match: RegExpExecArray | null;
  if ((match = /^Value "(.*)" does not exist in "(\w+)" enum/.exec(error.message))) {
    return enumMismatch(schema.getType(match[2]), match[1], path);
  }
  if ((match = /^Enum "(\w+)" cannot represent non-enum value/.exec(error.message))) {
    const found = (node && LITERAL_FOUND[node.kind]) ?? 'a value';
    return hasuraError('validation-failed', typeMismatch(match[1], path, found, 'an enum value'), path);
  }
  if ((match = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message))) {
    return hasuraError('validation-failed', `field '${match[1]}' not found in type: '${match[2]}'`, path);
  }
  if ((match = /^Field "(\w+)" is not defined by type "(\w+)"/.exec(error.message))) {
    return hasuraError('validation-failed', `field '${match[1]}' not found in type: '${match[2]}'`, path);
  }
  if ((match = /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/.exec(error.message))) {
    // Hasura checks a field's argument names before it enters `args`: the error is at the field.
    const atField = path.replace(/\.args\.\w+$/, '');
    return hasuraError('validation-failed', `'${match[2]}' has no argument named '${match[1]}'`, atField);
  }
  if ((match = /^Field "\w+" argument "(\w+)" of type "[^"]+" is required/.exec(error.message))) {
    return hasuraError('validation-failed', `missing required field '${match[1]}'`, `${path}.args`);
  }
  if ((match = /^Field "[^"]+" of required type "[^"]+" was not provided/.exec(error.message))) {
    return hasuraError('validation-failed', error.message, path);
  }
  if ((match = /^Expected value of type "([^"]+)", found null/.exec(error.message))) {
    return hasuraError('validation-failed', `unexpected null value for type '${match[1].replace(/!$/, '')}'`, path);
  }
  if ((match = /^Int cannot represent non 32-bit signed integer value: (-?\d+)$/.exec(error.message))) {
    return hasuraError('parse-failed', outOfBounds(match[1]), path);
  }
  if ((match = /^(Int|Float|String|Boolean|ID) cannot represent/.exec(error.message))) {
    const found = (node && LITERAL_FOUND[node.kind]) ?? 'a value';
    return hasuraError('validation-failed', typeMismatch(match[1], path, found), path);
  }
  if ((match = /^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"/.exec(error.message))) {
    const usage = error.nodes?.[1];
    const at = usage ? (pathTo(document, usage, schema) ?? '$') : path;
    const message = `variable "${match[1]}" is declared as ${match[2]}, but used where ${match[3]} is expected`;
    return hasuraError('validation-failed', message, at);
  }
  if ((match = /^Directive "@(\w+)" may not be used on (\w+)/.exec(error.message))) {
    const where = DIRECTIVE_LOCATION[match[2]] ?? match[2].toLowerCase();
    return hasuraError('validation-failed', `directive '${match[1]}' is not allowed on ${where}`, path);
  }
  if ((match = /^Field "\w+" of type "([^"]+)" must have a selection of subfields/.exec(error.message))) {
    return hasuraError(
      'validation-failed',
      `missing selection set for '${match[1].replace(/[[\]!]/g, '')}'`,
      `${path}.selectionSet`,
    );
  }
  if (/^Field "\w+" must not have a selection since type "[^"]+" has no subfields/.test(error.message)) {
    return hasuraError('validation-failed', 'unexpected subselection set for non-object field', path);
  }
  // Directives, as Hasura's directive parser words them (at the selection set holding the directive).
  if ((match = /^Unknown directive "@(\w+)"/.exec(error.message))) {
    return hasuraError('validation-failed', `directive '${match[1]}' is not defined in the schema`, path);
  }
  if ((match = /^The directive "@(\w+)" can only be used once at this location/.exec(error.message))) {
    return hasuraError('validation-failed', `the following directives are used more than once: ['${match[1]}']`, path);
  }
  if ((match = /^Unknown argument "(\w+)" on directive "@(\w+)"/.exec(error.message))) {
    return hasuraError('validation-failed', `'${match[2]}' has no argument named '${match[1]}'`, path);
  }
  if ((match = /^Directive "@(\w+)" argument "(\w+)" of type "[^"]+" is required/.exec(error.message))) {
    return hasuraError('validation-failed', `missing required field '${match[2]}'`, `${path}.${match[1]}.args`);
  }
  if ((match = /^Variable "\$(\w+)" is not defined/.exec(error.message))) {
    return hasuraError('validation-failed', `unbound variable "${match[1]}"`, path);
  }
  return hasuraError('validation-failed', error.message, path);
}

/**
 * Hasura's enum parser on a name that is not one of the type's values (listed in the schema's order), or on a string
 * that is no GraphQL name (a type mismatch).
 */
export function enumMismatch(enumType: GraphQLNamedType | null | undefined, value: string, path: string): HasuraError {
  if (!isEnumType(enumType)) return hasuraError('validation-failed', `unexpected enum value '${value}'`, path);
  if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) {
    return hasuraError('validation-failed', typeMismatch(enumType.name, path, 'a string', 'an enum value'), path);
  }
  const values = enumType
    .getValues()
    .map((v) => `'${v.name}'`)
    .join(', ');
  const message = `expected one of the values [${values}] for type '${enumType.name}', but found '${value}'`;
  return hasuraError('validation-failed', message, path);
}

/** A directive location as Hasura's directive parser names it. */
const DIRECTIVE_LOCATION: Record<string, string> = {
  QUERY: 'a query',
  MUTATION: 'a mutation',
  SUBSCRIPTION: 'a subscription',
  FIELD: 'a field',
  FRAGMENT_DEFINITION: 'a fragment definition',
  FRAGMENT_SPREAD: 'a fragment spread',
  INLINE_FRAGMENT: 'an inline fragment',
  VARIABLE_DEFINITION: 'a variable definition',
};

/** Hasura's parse error for a number that is no integer of its type; the number is written as Haskell shows it. */
export function outOfBounds(value: string | number): string {
  return `The value ${scientific(value)} lies outside the bounds or is not an integer. Maybe it is a float, or is there integer overflow?`;
}

/**
 * A number as Haskell's `Scientific` shows it: digits `0.d1d2… × 10^e` written fixed when 0 <= e <= 7 (`1.5`,
 * `2.0`, `0.5`), else `d1.d2…e<e-1>` (`3.0e9`, `5.0e-2`). `value`: integer digits of a literal, or a JSON number.
 */
function scientific(value: string | number): string {
  const text = String(value);
  const negative = text.startsWith('-');
  let digits: string;
  let e: number;
  if (typeof value === 'string') {
    const significant = text.replace(/^-/, '').replace(/^0+/, '');
    digits = significant.replace(/0+$/, '');
    e = significant.length;
  } else {
    const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
    digits = mantissa.replace('.', '').replace(/0+$/, '');
    e = Number(exponent) + 1;
  }
  if (!digits) return '0.0';
  let shown: string;
  if (e < 0 || e > 7) shown = `${digits[0]}.${digits.slice(1) || '0'}e${e - 1}`;
  else if (e === 0) shown = `0.${digits}`;
  else {
    const whole = digits.slice(0, e).padEnd(e, '0');
    shown = `${whole}.${digits.slice(e) || '0'}`;
  }
  return negative ? `-${shown}` : shown;
}

/** What Hasura's parser expects of a scalar, by type and by where it is used (`limit`, `offset` read their own way). */
function expectedOf(scalar: string, path: string): string {
  if (scalar === 'Int' && path.endsWith('.args.limit')) return 'a non-negative 32-bit integer';
  if (scalar === 'Int' && path.endsWith('.args.offset')) {
    return 'a 32-bit integer, or a 64-bit integer represented as a string';
  }
  return SCALAR_EXPECTED[scalar] ?? `a value of type '${scalar}'`;
}

const SCALAR_EXPECTED: Record<string, string> = {
  Int: 'a 32-bit integer',
  Float: 'a float',
  String: 'a string',
  Boolean: 'a boolean',
  ID: 'a String or a 32-bit integer',
};

/** Hasura's `typeMismatch`: `expected a string for type 'String', but found a number`. */
export function typeMismatch(typeName: string, path: string, found: string, expected = expectedOf(typeName, path)) {
  return `expected ${expected} for type '${typeName}', but found ${found}`;
}

/** A JSON value (a variable's) as Hasura describes it in a type mismatch. */
export function describeFound(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'boolean':
      return 'a boolean';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    default:
      return 'an object';
  }
}

/** A GraphQL literal as Hasura describes it in a type mismatch. */
const LITERAL_FOUND: Partial<Record<Kind, string>> = {
  [Kind.INT]: 'an integer',
  [Kind.FLOAT]: 'a float',
  [Kind.STRING]: 'a string',
  [Kind.BOOLEAN]: 'a boolean',
  [Kind.NULL]: 'null',
  [Kind.ENUM]: 'an enum value',
  [Kind.LIST]: 'a list',
  [Kind.OBJECT]: 'an object',
};

/**
 * Hasura-style path of a node inside the document: `$.selectionSet.<field>` per field (alias if any),
 * `.args.<name>` per argument, `.<name>` per input object field and `[i]` per list item. Like Hasura's list parser, a
 * single value given where the schema expects a list (`order_by: {id: asc}`) is the list's item `[0]`. Fragments are
 * followed from their spreads.
 */
export function pathTo(document: DocumentNode, target: ASTNode, schema: GraphQLSchema): string | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const visited = new Set<string>();
  /**
   * Hasura parses a selection's directives while collecting the selection set that holds it: such errors are at
   * `<parent>.selectionSet`, an argument's at `<parent>.selectionSet.<directive>`.
   */
  const inDirectives = (node: { directives?: readonly DirectiveNode[] }, path: string): string | undefined => {
    for (const directive of node.directives ?? []) {
      const at = `${path}.selectionSet`;
      if (directive === target) return at;
      for (const arg of directive.arguments ?? []) {
        if (arg === target) return `${at}.${directive.name.value}`;
        if (arg.value === target) return `${at}.${directive.name.value}.args.${arg.name.value}`;
      }
    }
    return undefined;
  };
  const typeNamed = (name: string | undefined, fallback: GraphQLObjectType | undefined) => {
    const type = name ? schema.getType(name) : fallback;
    return isObjectType(type) ? type : undefined;
  };
  const inSelections = (
    node: { selectionSet?: { selections: readonly ASTNode[] } },
    path: string,
    parent: GraphQLObjectType | undefined,
  ) => {
    for (const selection of node.selectionSet?.selections ?? []) {
      const found = search(selection, path, parent);
      if (found) return found;
    }
    return undefined;
  };
  /** A value where `type` is expected: a single value for a list type is its item `[0]` (nested lists too). */
  const value = (node: ASTNode, path: string, type: GraphQLInputType | undefined): string | undefined => {
    let nullable = type && getNullableType(type);
    while (isListType(nullable) && node.kind !== Kind.LIST && node.kind !== Kind.VARIABLE && node.kind !== Kind.NULL) {
      path += '[0]';
      nullable = getNullableType(nullable.ofType);
    }
    if (node === target) return path;
    if (node.kind === Kind.OBJECT) {
      const fields = isInputObjectType(nullable) ? nullable.getFields() : undefined;
      for (const field of node.fields) {
        const here = `${path}.${field.name.value}`;
        const found = field === target ? here : value(field.value, here, fields?.[field.name.value]?.type);
        if (found) return found;
      }
    } else if (node.kind === Kind.LIST) {
      const item = isListType(nullable) ? nullable.ofType : undefined;
      for (const [i, element] of node.values.entries()) {
        const found = value(element, `${path}[${i}]`, item);
        if (found) return found;
      }
    }
    return undefined;
  };
  const search = (
    node: ASTNode | undefined,
    path: string,
    parent: GraphQLObjectType | undefined,
  ): string | undefined => {
    if (!node) return undefined;
    if (node === target && node.kind !== Kind.FIELD) return path;
    switch (node.kind) {
      case Kind.OPERATION_DEFINITION:
        return inSelections(node, path, schema.getRootType(node.operation) ?? undefined);
      case Kind.FRAGMENT_DEFINITION:
        return inSelections(node, path, typeNamed(node.typeCondition.name.value, parent));
      case Kind.INLINE_FRAGMENT:
        return inDirectives(node, path) ?? inSelections(node, path, typeNamed(node.typeCondition?.name.value, parent));
      case Kind.FIELD: {
        const atDirective = inDirectives(node, path);
        if (atDirective) return atDirective;
        const here = `${path}.selectionSet.${node.alias?.value ?? node.name.value}`;
        // A selection set is reported at its field (a subselection on a scalar).
        if (node === target || node.selectionSet === target) return here;
        const def = parent?.getFields()[node.name.value];
        for (const arg of node.arguments ?? []) {
          const at = `${here}.args.${arg.name.value}`;
          const found =
            arg === target ? at : value(arg.value, at, def?.args.find((a) => a.name === arg.name.value)?.type);
          if (found) return found;
        }
        const returned = def && getNamedType(def.type);
        return inSelections(node, here, isObjectType(returned) ? returned : undefined);
      }
      case Kind.FRAGMENT_SPREAD: {
        const atDirective = inDirectives(node, path);
        if (atDirective) return atDirective;
        if (visited.has(node.name.value)) return undefined;
        visited.add(node.name.value);
        return search(fragments.get(node.name.value), path, parent);
      }
      default:
        return undefined;
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    visited.clear();
    const found = search(definition, '$', undefined);
    if (found) return found;
  }
  return undefined;
}

const CONSTRAINT_PREFIX: Record<string, string> = {
  '23505': 'Uniqueness violation. ',
  '23503': 'Foreign key violation. ',
  '23502': 'Not-NULL violation. ',
  '23514': 'Check constraint violation. ',
  '23P01': 'Exclusion violation. ',
};

interface DatabaseError {
  code: string;
  message: string;
  hint?: string;
  detail?: string;
}

/** A Postgres error as raised by pg and PGlite: a five-character SQLSTATE in `code`. */
export function isDatabaseError(error: unknown): error is DatabaseError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** `extensions.internal` for the admin: the failed statement and Postgres' error, in Hasura's shape. */
export function internalError(error: DatabaseError, statement: { sql: string; params: unknown[] }) {
  return {
    arguments: statement.params,
    error: {
      description: error.detail ?? null,
      exec_status: 'FatalError',
      hint: error.hint ?? null,
      message: error.message,
      status_code: error.code,
    },
    prepared: true,
    statement: statement.sql,
  };
}

/** Any error thrown while running a root field, as Hasura reports it. */
export function fromExecutionError(error: unknown, path: string): HasuraError {
  if (error instanceof EngineError) return hasuraError(error.code, error.message, error.path);
  if (isDatabaseError(error)) {
    const { code, message: text } = error;
    if (text === CHECK_VIOLATION_MESSAGE) return hasuraError('permission-error', CHECK_VIOLATION_MESSAGE, path);
    if (CONSTRAINT_PREFIX[code]) return hasuraError('constraint-violation', CONSTRAINT_PREFIX[code] + text, path);
    if (code.startsWith('22')) return hasuraError('data-exception', text, path);
    return hasuraError('unexpected', 'database query error', path);
  }
  // Anything else is a bug of ours: its text stays on the server (the admin gets it as `internal`).
  return hasuraError('unexpected', 'internal error', path);
}

/**
 * A failure while running SQL, as Hasura reports it; the admin also gets the failed statement (Hasura's default
 * HASURA_GRAPHQL_ADMIN_INTERNAL_ERRORS=true), and a bug of ours is logged on the server.
 */
export function runFailure(
  error: unknown,
  path: string,
  isAdmin: boolean,
  statement: { sql: string; params: unknown[] } | undefined,
  what: string,
): HasuraError {
  const failure = fromExecutionError(error, path);
  if (isAdmin && statement && isDatabaseError(error)) failure.extensions.internal = internalError(error, statement);
  else if (failure.extensions.code === 'unexpected' && !isDatabaseError(error) && !(error instanceof EngineError)) {
    console.error('[hasura engine] internal error while running', what, error);
    if (isAdmin) failure.extensions.internal = { message: String(error) };
  }
  return failure;
}
