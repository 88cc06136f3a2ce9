/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SyncClerkUser(\n    $delivery: clerk_webhook_deliveries_insert_input!\n    $user: users_insert_input!\n    $updatedAt: timestamptz!\n  ) {\n    insert_clerk_webhook_deliveries(objects: [$delivery]) {\n      affected_rows\n    }\n    insert_users_one(\n      object: $user\n      on_conflict: {\n        constraint: users_pkey\n        update_columns: [display_name, image_url, updated_at]\n        where: { updated_at: { _lt: $updatedAt } }\n      }\n    ) {\n      id\n    }\n  }\n": typeof types.SyncClerkUserDocument,
    "\n  mutation DeleteClerkUser($delivery: clerk_webhook_deliveries_insert_input!, $userId: String!) {\n    insert_clerk_webhook_deliveries(objects: [$delivery]) {\n      affected_rows\n    }\n    insert_deleted_users(\n      objects: [{ id: $userId }]\n      on_conflict: { constraint: deleted_users_pkey, update_columns: [] }\n    ) {\n      affected_rows\n    }\n    delete_shelf_entries(where: { user_id: { _eq: $userId } }) {\n      affected_rows\n    }\n    delete_users(where: { id: { _eq: $userId } }) {\n      affected_rows\n    }\n  }\n": typeof types.DeleteClerkUserDocument,
};
const documents: Documents = {
    "\n  mutation SyncClerkUser(\n    $delivery: clerk_webhook_deliveries_insert_input!\n    $user: users_insert_input!\n    $updatedAt: timestamptz!\n  ) {\n    insert_clerk_webhook_deliveries(objects: [$delivery]) {\n      affected_rows\n    }\n    insert_users_one(\n      object: $user\n      on_conflict: {\n        constraint: users_pkey\n        update_columns: [display_name, image_url, updated_at]\n        where: { updated_at: { _lt: $updatedAt } }\n      }\n    ) {\n      id\n    }\n  }\n": types.SyncClerkUserDocument,
    "\n  mutation DeleteClerkUser($delivery: clerk_webhook_deliveries_insert_input!, $userId: String!) {\n    insert_clerk_webhook_deliveries(objects: [$delivery]) {\n      affected_rows\n    }\n    insert_deleted_users(\n      objects: [{ id: $userId }]\n      on_conflict: { constraint: deleted_users_pkey, update_columns: [] }\n    ) {\n      affected_rows\n    }\n    delete_shelf_entries(where: { user_id: { _eq: $userId } }) {\n      affected_rows\n    }\n    delete_users(where: { id: { _eq: $userId } }) {\n      affected_rows\n    }\n  }\n": types.DeleteClerkUserDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SyncClerkUser(\n    $delivery: clerk_webhook_deliveries_insert_input!\n    $user: users_insert_input!\n    $updatedAt: timestamptz!\n  ) {\n    insert_clerk_webhook_deliveries(objects: [$delivery]) {\n      affected_rows\n    }\n    insert_users_one(\n      object: $user\n      on_conflict: {\n        constraint: users_pkey\n        update_columns: [display_name, image_url, updated_at]\n        where: { updated_at: { _lt: $updatedAt } }\n      }\n    ) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SyncClerkUser(\n    $delivery: clerk_webhook_deliveries_insert_input!\n    $user: users_insert_input!\n    $updatedAt: timestamptz!\n  ) {\n    insert_clerk_webhook_deliveries(objects: [$delivery]) {\n      affected_rows\n    }\n    insert_users_one(\n      object: $user\n      on_conflict: {\n        constraint: users_pkey\n        update_columns: [display_name, image_url, updated_at]\n        where: { updated_at: { _lt: $updatedAt } }\n      }\n    ) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteClerkUser($delivery: clerk_webhook_deliveries_insert_input!, $userId: String!) {\n    insert_clerk_webhook_deliveries(objects: [$delivery]) {\n      affected_rows\n    }\n    insert_deleted_users(\n      objects: [{ id: $userId }]\n      on_conflict: { constraint: deleted_users_pkey, update_columns: [] }\n    ) {\n      affected_rows\n    }\n    delete_shelf_entries(where: { user_id: { _eq: $userId } }) {\n      affected_rows\n    }\n    delete_users(where: { id: { _eq: $userId } }) {\n      affected_rows\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteClerkUser($delivery: clerk_webhook_deliveries_insert_input!, $userId: String!) {\n    insert_clerk_webhook_deliveries(objects: [$delivery]) {\n      affected_rows\n    }\n    insert_deleted_users(\n      objects: [{ id: $userId }]\n      on_conflict: { constraint: deleted_users_pkey, update_columns: [] }\n    ) {\n      affected_rows\n    }\n    delete_shelf_entries(where: { user_id: { _eq: $userId } }) {\n      affected_rows\n    }\n    delete_users(where: { id: { _eq: $userId } }) {\n      affected_rows\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;