/** What the SQL compilers share while compiling one root field into one statement. */
import type { FragmentDefinitionNode } from 'graphql';
import type { Session } from '../../types.js';
import type { TableTypes } from '../schema/table-types.js';
import { Params } from './params.js';

export class CompileContext {
  readonly params = new Params();
  private aliases = 0;

  constructor(
    readonly types: TableTypes,
    readonly session: Session,
    /** Coerced variable values (graphql-js). */
    readonly variables: Record<string, unknown>,
    /** The request's variables as sent: their object keys keep the client's order. */
    readonly rawVariables: Record<string, unknown>,
    readonly fragments: Record<string, FragmentDefinitionNode>,
    readonly stringifyNumeric: boolean,
  ) {}

  /** A fresh table alias for this statement: `_0`, `_1`, … */
  alias(): string {
    return `"_${this.aliases++}"`;
  }
}
