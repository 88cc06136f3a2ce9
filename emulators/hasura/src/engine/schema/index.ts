/**
 * Builds the GraphQL schema one role sees: `query_root`, `subscription_root` (`../../subscriptions/schema.ts`) and
 * `mutation_root` when the role may mutate anything. Null for a role without any permission.
 */
import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import type { Model } from '../metadata/model.js';
import { subscriptionFields } from '../../subscriptions/schema.js';
import { mutationFields } from './mutation-types.js';
import { TableTypes } from './table-types.js';

export function buildRoleSchema(
  model: Model,
  role: string,
  backendOnly = false,
): { schema: GraphQLSchema; types: TableTypes } | null {
  const types = new TableTypes(role, model, backendOnly);
  const tables = [...model.values()].sort((a, b) => (a.gqlName < b.gqlName ? -1 : 1));
  const queries: GraphQLFieldConfigMap<unknown, unknown> = {};
  const mutations: GraphQLFieldConfigMap<unknown, unknown> = {};
  const subscriptions: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const table of tables) {
    Object.assign(queries, types.queryFields(table));
    Object.assign(mutations, mutationFields(types, table));
    Object.assign(subscriptions, subscriptionFields(types, table));
  }
  const hasQueries = Object.keys(queries).length > 0;
  const hasMutations = Object.keys(mutations).length > 0;
  if (!hasQueries && !hasMutations) return null;
  const sorted = (fields: GraphQLFieldConfigMap<unknown, unknown>) =>
    Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'query_root', fields: hasQueries ? sorted(queries) : noQueries() }),
    mutation: hasMutations ? new GraphQLObjectType({ name: 'mutation_root', fields: sorted(mutations) }) : undefined,
    subscription: Object.keys(subscriptions).length
      ? new GraphQLObjectType({ name: 'subscription_root', fields: sorted(subscriptions) })
      : undefined,
  });
  return { schema, types };
}

/** What a role without permissions is validated against: every table field is then "not found in query_root". */
export function buildNoPermissionSchema(): GraphQLSchema {
  return new GraphQLSchema({ query: new GraphQLObjectType({ name: 'query_root', fields: noQueries() }) });
}

/** Hasura's placeholder when a role may not query anything: a schema needs at least one query field. */
function noQueries(): GraphQLFieldConfigMap<unknown, unknown> {
  return { no_queries_available: { type: new GraphQLNonNull(GraphQLString) } };
}
