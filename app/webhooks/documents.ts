/**
 * The GraphQL documents the Clerk webhook sends, as role `clerk_webhook` (admin secret + `x-hasura-role`, server
 * only). Typed by `app/webhooks/gql/` against `graphql/clerk-webhook.graphql` (`npm run codegen`). Each is ONE
 * request, so Hasura runs its root fields in one transaction: the delivery record first, whose primary key (the
 * svix-id) makes a second delivery of the same message fail before anything changes.
 */
import { graphql } from './gql';

/** user.created / user.updated: insert, or update only when this event is newer than the row (`updated_at`). */
export const SyncClerkUserMutation = graphql(`
  mutation SyncClerkUser(
    $delivery: clerk_webhook_deliveries_insert_input!
    $user: users_insert_input!
    $updatedAt: timestamptz!
  ) {
    insert_clerk_webhook_deliveries(objects: [$delivery]) {
      affected_rows
    }
    insert_users_one(
      object: $user
      on_conflict: {
        constraint: users_pkey
        update_columns: [display_name, image_url, updated_at]
        where: { updated_at: { _lt: $updatedAt } }
      }
    ) {
      id
    }
  }
`);

/** user.deleted: the user's shelf entries (and so their reviews) and row go, and the id is remembered as deleted. */
export const DeleteClerkUserMutation = graphql(`
  mutation DeleteClerkUser($delivery: clerk_webhook_deliveries_insert_input!, $userId: String!) {
    insert_clerk_webhook_deliveries(objects: [$delivery]) {
      affected_rows
    }
    insert_deleted_users(
      objects: [{ id: $userId }]
      on_conflict: { constraint: deleted_users_pkey, update_columns: [] }
    ) {
      affected_rows
    }
    delete_shelf_entries(where: { user_id: { _eq: $userId } }) {
      affected_rows
    }
    delete_users(where: { id: { _eq: $userId } }) {
      affected_rows
    }
  }
`);
