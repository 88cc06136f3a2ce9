/**
 * Hasura's error envelope: request problems found by the engine (`EngineError`), graphql-js validation errors
 * reworded as Hasura words them, and Postgres errors mapped to `constraint-violation` / `data-exception`.
 */
import {
  GraphQLError,
  Kind,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
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
export function fromValidationError(error: GraphQLError, document: DocumentNode): HasuraError {
  const node = error.nodes?.[0];
  const path = node ? (pathTo(document, node) ?? '$') : '$';
  let match: RegExpExecArray | null;
  if ((match = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message))) {
    return hasuraError('validation-failed', `field '${match[1]}' not found in type: '${match[2]}'`, path);
  }
  if ((match = /^Field "(\w+)" is not defined by type "(\w+)"/.exec(error.message))) {
    return hasuraError('validation-failed', `field '${match[1]}' not found in type: '${match[2]}'`, path);
  }
  if ((match = /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/.exec(error.message))) {
    return hasuraError('validation-failed', `'${match[2]}' has no argument named '${match[1]}'`, path);
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

/** Hasura's parse error for an integer that does not fit its type; the number is written as Haskell shows it. */
export function outOfBounds(digits: string): string {
  return `The value ${scientific(digits)} lies outside the bounds or is not an integer. Maybe it is a float, or is there integer overflow?`;
}

/** An integer as Haskell's `Scientific` shows it: fixed up to 7 digits before the point, else `d.ddde<n>`. */
function scientific(digits: string): string {
  const negative = digits.startsWith('-');
  const significant = digits.replace(/^-/, '').replace(/^0+/, '') || '0';
  const trimmed = significant.replace(/0+$/, '') || '0';
  const exponent = significant.length;
  const text = exponent > 7 ? `${trimmed[0]}.${trimmed.slice(1) || '0'}e${exponent - 1}` : `${significant}.0`;
  return negative ? `-${text}` : text;
}

/**
 * Hasura-style path of a node inside the document: `$.selectionSet.<field>` per field (alias if any),
 * `.args.<name>` per argument and `.<name>` per input object field. Fragments are followed from their spreads.
 */
function pathTo(document: DocumentNode, target: ASTNode): string | undefined {
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
      if (directive.arguments?.some((arg) => arg === target)) return `${at}.${directive.name.value}`;
    }
    return undefined;
  };
  const search = (node: ASTNode | undefined, path: string): string | undefined => {
    if (!node) return undefined;
    if (node === target && node.kind !== Kind.FIELD) return path;
    switch (node.kind) {
      case Kind.OPERATION_DEFINITION:
      case Kind.FRAGMENT_DEFINITION:
        return searchAll(node.selectionSet.selections, path);
      case Kind.INLINE_FRAGMENT:
        return inDirectives(node, path) ?? searchAll(node.selectionSet.selections, path);
      case Kind.FIELD: {
        const atDirective = inDirectives(node, path);
        if (atDirective) return atDirective;
        const here = `${path}.selectionSet.${node.alias?.value ?? node.name.value}`;
        // A selection set is reported at its field (a subselection on a scalar).
        if (node === target || node.selectionSet === target) return here;
        for (const arg of node.arguments ?? []) {
          const found =
            arg === target ? `${here}.args.${arg.name.value}` : search(arg.value, `${here}.args.${arg.name.value}`);
          if (found) return found;
        }
        return node.selectionSet ? searchAll(node.selectionSet.selections, here) : undefined;
      }
      case Kind.FRAGMENT_SPREAD: {
        const atDirective = inDirectives(node, path);
        if (atDirective) return atDirective;
        if (visited.has(node.name.value)) return undefined;
        visited.add(node.name.value);
        return search(fragments.get(node.name.value), path);
      }
      case Kind.OBJECT:
        for (const field of node.fields) {
          const here = `${path}.${field.name.value}`;
          const found = field === target ? here : search(field.value, here);
          if (found) return found;
        }
        return undefined;
      case Kind.LIST:
        for (const [i, value] of node.values.entries()) {
          const found = search(value, `${path}[${i}]`);
          if (found) return found;
        }
        return undefined;
      default:
        return undefined;
    }
  };
  const searchAll = (nodes: readonly ASTNode[], path: string) => {
    for (const node of nodes) {
      const found = search(node, path);
      if (found) return found;
    }
    return undefined;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    visited.clear();
    const found = search(definition, '$');
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
