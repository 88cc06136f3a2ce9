/**
 * Compiled query statements, remembered per role: a query sent again with the same variables by a session with the
 * same session variables compiles to the same SQL and parameters (the IR depends on nothing else), so the second
 * time skips the IR and SQL stages. Bounded in number (the oldest entry goes first) and in size (a request with large
 * variables is compiled every time).
 */
import type { OperationDefinitionNode } from 'graphql';
import type { Session } from '../../types.js';
import { operationId } from '../request/prepare.js';

/** A query ready to run: its one statement (if any) and the root fields' keys and constant texts. */
export interface QueryPlan {
  keys: string[];
  /** Per root field: its JSON text when constant (`__typename`), else filled from the statement's row. */
  constants: Array<string | undefined>;
  statement?: { sql: string; params: Array<string | null> };
  /** The root field each column of the statement's row answers. */
  columnOf: number[];
}

const MAX_PLANS = 200;
/** A key (and so the variables and parameters) beyond this is not kept: 200 near-10 MB bodies would stay in memory. */
const MAX_KEY_CHARS = 16 * 1024;

export class QueryPlans {
  private readonly plans = new Map<string, QueryPlan>();

  /** `variablesText`: the request's variables as JSON text; undefined: none to be remembered (no key). */
  key(operation: OperationDefinitionNode, variablesText: string | undefined, session: Session): string | undefined {
    if (variablesText === undefined) return undefined;
    return `${operationId(operation)}\0${variablesText}\0${JSON.stringify(session.variables)}`;
  }

  get(key: string | undefined): QueryPlan | undefined {
    return key === undefined ? undefined : this.plans.get(key);
  }

  set(key: string | undefined, plan: QueryPlan): void {
    if (key === undefined || key.length > MAX_KEY_CHARS) return;
    if (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, plan);
  }
}
