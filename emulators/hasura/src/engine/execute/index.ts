/**
 * The one executor, for queries, subscriptions answered once and mutations: a prepared operation + session → IR →
 * SQL → run → the response body as JSON text, spliced from Postgres' JSON text (never parsed and re-serialised).
 *
 * - A query: every select root field is one column of ONE prepared statement (`SELECT <f1>::text, <f2>::text, …`);
 *   `__typename` is a constant, `__schema` / `__type` come from graphql-js introspection.
 * - A mutation: root fields run in order inside one transaction (rolled back on any error), one statement per field
 *   (update_many: per update; nested inserts: per row, like Hasura).
 * A failing statement runs once; the admin gets it in `extensions.internal`.
 */
import { GraphQLError, type GraphQLObjectType } from 'graphql';
import type { CompiledQuery, Database, HasuraError, Queryable, Session } from '../../types.js';
import { EngineError, fromExecutionError, hasuraError, runFailure } from '../errors.js';
import { buildOperation } from '../ir/build.js';
import type { IRContext } from '../ir/context.js';
import type { OperationIR, RootField } from '../ir/types.js';
import type { Model, TableModel } from '../metadata/model.js';
import { ADMIN_ROLE, type TablePermissions } from '../metadata/role.js';
import type { PreparedOperation } from '../request/prepare.js';
import { CompileContext } from '../sql/context.js';
import { mutationStatements, selectExpression, type SelectField, type Statement } from '../sql/root.js';
import { ExecutionFailure } from './failure.js';
import { introspect } from './introspection.js';
import type { QueryPlan, QueryPlans } from './plans.js';
import { hasNestedInput, runNestedInsert } from './nested-insert.js';
import { rowText } from './result.js';

export interface ExecutionEnvironment {
  db: Database;
  model: Model;
  /** The session's role's permissions on a table. */
  permissions(table: TableModel): TablePermissions;
  stringifyNumeric: boolean;
  /** Resolves once the SQL helpers mutations rely on exist. */
  mutationHelpers: () => Promise<void>;
  /** The role's compiled queries. */
  plans: QueryPlans;
}

/** `{"errors":[…]}` as text. */
export const errorBody = (error: HasuraError) => JSON.stringify({ errors: [error] });

const dataBody = (keys: string[], texts: string[]) =>
  `{"data":{${keys.map((key, i) => `${JSON.stringify(key)}:${texts[i]}`).join(',')}}}`;

/**
 * Runs a prepared operation for `session` and answers the response body as JSON text. Never throws for a request's
 * problems: they are answered in Hasura's error envelope.
 */
export async function executeOperation(
  env: ExecutionEnvironment,
  prepared: PreparedOperation,
  session: Session,
): Promise<string> {
  const isQuery = prepared.operation.operation !== 'mutation';
  const planKey = isQuery ? env.plans.key(prepared.operation, prepared.variablesText, session) : undefined;
  const known = isQuery ? env.plans.get(planKey) : undefined;
  if (known) return runPlan(env, known, session);
  let ir: OperationIR;
  try {
    ir = buildIR(env, prepared, session);
  } catch (error) {
    return errorBody(requestFailure(error, session));
  }
  if (ir.kind === 'mutation') return runMutation(env, ir, session);
  return runQuery(env, prepared, ir, session, planKey);
}

function buildIR(env: ExecutionEnvironment, prepared: PreparedOperation, session: Session): OperationIR {
  const { schema, operation } = prepared;
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const ctx: IRContext = {
    model: env.model,
    permissions: env.permissions,
    session,
    variables: prepared.variables,
    rawVariables: prepared.rawVariables,
    fragments: prepared.fragments,
    stringifyNumeric: env.stringifyNumeric,
  };
  return buildOperation(ctx, operation.operation, root as GraphQLObjectType, [operation]);
}

/** An error found while building the IR, in Hasura's words. */
function requestFailure(error: unknown, session: Session): HasuraError {
  if (error instanceof EngineError) return hasuraError(error.code, error.message, error.path);
  if (error instanceof ExecutionFailure) return error.error;
  // graphql-js argument coercion (a value validation could not see): its wording is kept.
  if (error instanceof GraphQLError) return hasuraError('validation-failed', error.message, '$');
  return runFailure(error, '$', session.role === ADMIN_ROLE, undefined, 'building a request');
}

/** Compiles a query (or a subscription answered as a query) for `session`; a mutation is answered with an error. */
export function compileQuery(env: ExecutionEnvironment, prepared: PreparedOperation, session: Session): CompiledQuery {
  let ir: OperationIR;
  try {
    ir = buildIR(env, prepared, session);
  } catch (error) {
    return { text: errorBody(requestFailure(error, session)) };
  }
  if (ir.kind === 'mutation') return { text: errorBody(hasuraError('validation-failed', 'not a query')) };
  const plan = planQuery(prepared, ir, session);
  if ('text' in plan) return plan;
  const { statement } = plan;
  if (!statement) return { text: answerPlan(plan, undefined) };
  return {
    ...statement,
    answer: (row) => answerPlan(plan, row),
    failure: (error) => statementFailure(error, statement, session),
  };
}

/** A query's plan: ONE statement for its select root fields, constants for the others; or its error as text. */
function planQuery(prepared: PreparedOperation, ir: OperationIR, session: Session): QueryPlan | { text: string } {
  const plan: QueryPlan = { keys: ir.fields.map((field) => field.key), constants: [], columnOf: [] };
  const ctx = new CompileContext();
  const columns: string[] = [];
  const introspection: Array<Extract<RootField, { kind: 'introspection' }>> = [];
  try {
    for (const [i, field] of ir.fields.entries()) {
      if (field.kind === 'constant') plan.constants[i] = JSON.stringify(field.value);
      else if (field.kind === 'introspection') introspection.push(field);
      else {
        // One context for the whole statement: parameters and aliases are numbered across all root fields.
        columns.push(`${selectExpression(ctx, field as SelectField)}::text`);
        plan.columnOf.push(i);
      }
    }
    if (introspection.length) {
      const answers = introspect(prepared, introspection);
      for (const [i, field] of ir.fields.entries())
        if (field.kind === 'introspection') plan.constants[i] = answers.get(field.key)!;
    }
  } catch (error) {
    return { text: errorBody(requestFailure(error, session)) };
  }
  if (columns.length) plan.statement = { sql: `SELECT ${columns.join(', ')}`, params: ctx.params.values };
  return plan;
}

/** The response body of a plan, its statement's one row (one JSON text column per select root field) spliced in. */
function answerPlan(plan: QueryPlan, row: Array<string | null> | undefined): string {
  const texts = plan.constants.slice();
  if (plan.statement) {
    if (!row) return errorBody(hasuraError('unexpected', 'database query error'));
    plan.columnOf.forEach((field, column) => (texts[field] = row[column] ?? 'null'));
  }
  return dataBody(plan.keys, texts as string[]);
}

const statementFailure = (error: unknown, statement: Statement, session: Session) =>
  errorBody(runFailure(error, '$', session.role === ADMIN_ROLE, statement, 'a query'));

async function runQuery(
  env: ExecutionEnvironment,
  prepared: PreparedOperation,
  ir: OperationIR,
  session: Session,
  planKey: string | undefined,
): Promise<string> {
  const plan = planQuery(prepared, ir, session);
  if ('text' in plan) return plan.text;
  // Introspection is answered by graphql-js each time; everything else is remembered for the next identical request.
  if (!ir.fields.some((field) => field.kind === 'introspection')) env.plans.set(planKey, plan);
  return runPlan(env, plan, session);
}

async function runPlan(env: ExecutionEnvironment, plan: QueryPlan, session: Session): Promise<string> {
  const { statement } = plan;
  if (!statement) return answerPlan(plan, undefined);
  let row: Array<string | null> | undefined;
  try {
    row = await env.db.preparedRow(statement.sql, statement.params);
  } catch (error) {
    return statementFailure(error, statement, session);
  }
  return answerPlan(plan, row);
}

async function runMutation(env: ExecutionEnvironment, ir: OperationIR, session: Session): Promise<string> {
  try {
    await env.mutationHelpers();
  } catch (error) {
    return errorBody(
      hasuraError('unexpected', `cannot prepare the database for mutations: ${(error as Error).message}`),
    );
  }
  try {
    return await env.db.transaction(async (tx) => {
      const texts: string[] = [];
      for (const field of ir.fields) texts.push(await runMutationField(tx, field, session));
      return dataBody(
        ir.fields.map((field) => field.key),
        texts,
      );
    });
  } catch (error) {
    if (error instanceof ExecutionFailure) return errorBody(error.error);
    return errorBody(fromExecutionError(error, '$'));
  }
}

/** One mutation root field's JSON text; a failure is thrown as `ExecutionFailure`, rolling the transaction back. */
async function runMutationField(queryable: Queryable, field: RootField, session: Session): Promise<string> {
  if (field.kind === 'constant') return JSON.stringify(field.value);
  if (field.kind !== 'insert' && field.kind !== 'update' && field.kind !== 'delete')
    throw new ExecutionFailure(hasuraError('unexpected', `unsupported root field '${field.key}'`));
  let last: Statement | undefined;
  const recording: Queryable = {
    query(sql, params) {
      last = { sql, params: (params ?? []) as Array<string | null> };
      return queryable.query(sql, params);
    },
  };
  try {
    if (field.kind === 'insert' && hasNestedInput(field)) return await runNestedInsert(recording, field);
    const texts: string[] = [];
    for (const statement of mutationStatements(field)) {
      if (typeof statement === 'string') texts.push(statement);
      else {
        const { rows } = await recording.query<{ result: string | null }>(statement.sql, statement.params);
        texts.push(rowText(rows));
      }
    }
    return field.kind === 'update' && field.many ? `[${texts.join(',')}]` : texts[0];
  } catch (error) {
    const path = field.kind === 'insert' ? `${field.path}.args.${field.output.single ? 'object' : 'objects'}` : '$';
    throw new ExecutionFailure(runFailure(error, path, session.role === ADMIN_ROLE, last, field.key));
  }
}
