/**
 * The local Hasura-compatible engine: metadata + catalog → one GraphQL schema per role, and request execution that
 * compiles every root field to a single SQL statement returning JSON.
 */
import type { GraphQLSchema } from 'graphql';
import type { Catalog, Database, Engine, GraphQLRequest, GraphQLResponse, Metadata, Session } from '../types.js';
import { executeRequest } from './execute.js';
import { buildModel } from './model.js';
import { buildRoleSchema } from './schema/index.js';
import { TableTypes } from './schema/table-types.js';
import { HELPER_FUNCTIONS_SQL } from './sql/mutations.js';
import { buildNoPermissionSchema } from './schema/index.js';

export interface EngineOptions {
  db: Database;
  catalog: Catalog;
  metadata: Metadata;
  /** HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: bigint/numeric values as JSON strings. */
  stringifyNumericTypes?: boolean;
  /** false: every request goes through graphql-js `execute` (tests compare both paths). Default true. */
  plainQueryFastPath?: boolean;
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

  const answer = (request: GraphQLRequest, session: Session) => {
    const { schema, types } = forRole(session.role, session.backendOnly === true);
    return executeRequest(
      {
        db: options.db,
        schema: schema ?? (noPermissions ??= buildNoPermissionSchema()),
        types,
        stringifyNumeric: options.stringifyNumericTypes === true,
        plainQueryFastPath: options.plainQueryFastPath !== false,
        mutationHelpers,
      },
      request,
      session,
    );
  };

  return {
    inconsistentObjects: inconsistencies,
    schemaFor: (role) => forRole(role).schema,
    async execute(request, session) {
      const response = await answer(request, session);
      return typeof response === 'string' ? (JSON.parse(response) as GraphQLResponse) : response;
    },
    async executeText(request, session) {
      const response = await answer(request, session);
      return typeof response === 'string' ? response : JSON.stringify(response);
    },
  };
}
