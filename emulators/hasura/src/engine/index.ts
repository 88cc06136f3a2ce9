/**
 * The local Hasura-compatible engine: metadata + catalog → a model and one GraphQL schema per role; a request runs
 * through request (`request/`) → IR (`ir/`) → SQL (`sql/`) → one executor (`execute/`).
 */
import type { GraphQLSchema } from 'graphql';
import type { Catalog, Database, Engine, GraphQLResponse, Metadata, Session } from '../types.js';
import { compileQuery, errorBody, executeOperation, type ExecutionEnvironment } from './execute/index.js';
import { QueryPlans } from './execute/plans.js';
import { buildModel } from './metadata/model.js';
import { prepareRequest, type PreparedOperation } from './request/prepare.js';
import { buildNoPermissionSchema, buildRoleSchema } from './schema/index.js';
import { TableTypes } from './schema/table-types.js';
import { HELPER_FUNCTIONS_SQL } from './sql/mutations.js';

export type { PreparedOperation } from './request/prepare.js';

export interface EngineOptions {
  db: Database;
  catalog: Catalog;
  metadata: Metadata;
  /** HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: bigint/numeric values as JSON strings. */
  stringifyNumericTypes?: boolean;
}

interface RoleSchema {
  schema: GraphQLSchema | null;
  types: TableTypes;
}

export function createEngine(options: EngineOptions): Engine {
  const { model, inconsistencies } = buildModel(options.catalog, options.metadata);
  const roles = new Map<string, RoleSchema>();
  const forRole = (role: string, backendOnly = false): RoleSchema => {
    const key = backendOnly ? `${role}\0backend` : role;
    let entry = roles.get(key);
    if (!entry) {
      const built = buildRoleSchema(model, role, backendOnly);
      entry = { schema: built?.schema ?? null, types: built?.types ?? new TableTypes(role, model, backendOnly) };
      roles.set(key, entry);
    }
    return entry;
  };
  let noPermissions: GraphQLSchema | undefined;
  let helpers: Promise<void> | undefined;
  const mutationHelpers = () => {
    helpers ??= options.db.exec(HELPER_FUNCTIONS_SQL).catch((error) => {
      helpers = undefined;
      throw error;
    });
    return helpers;
  };
  const environments = new WeakMap<TableTypes, ExecutionEnvironment>();
  const environmentFor = (session: Session): ExecutionEnvironment => {
    const { types } = forRole(session.role, session.backendOnly === true);
    let env = environments.get(types);
    if (!env) {
      env = {
        db: options.db,
        model,
        permissions: (table) => types.permissions(table),
        stringifyNumeric: options.stringifyNumericTypes === true,
        mutationHelpers,
        plans: new QueryPlans(),
      };
      environments.set(types, env);
    }
    return env;
  };

  const prepare: Engine['prepare'] = (request, session) => {
    const { schema } = forRole(session.role, session.backendOnly === true);
    return prepareRequest(schema ?? (noPermissions ??= buildNoPermissionSchema()), request);
  };
  const executePrepared = (operation: PreparedOperation, session: Session) =>
    executeOperation(environmentFor(session), operation, session);
  const executeText: Engine['executeText'] = async (request, session) => {
    const prepared = prepare(request, session);
    return prepared.ok ? executePrepared(prepared.operation, session) : errorBody(prepared.error);
  };

  return {
    inconsistentObjects: inconsistencies,
    schemaFor: (role) => forRole(role).schema,
    prepare,
    executePrepared,
    executeText,
    compile(request, session) {
      const prepared = prepare(request, session);
      return prepared.ok
        ? compileQuery(environmentFor(session), prepared.operation, session)
        : { text: errorBody(prepared.error) };
    },
    async execute(request, session) {
      return JSON.parse(await executeText(request, session)) as GraphQLResponse;
    },
  };
}
