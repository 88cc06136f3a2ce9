/**
 * The urql Client the Clerk webhook writes with: Hasura's admin secret plus `x-hasura-role: clerk_webhook`, so the
 * request gets exactly that role's permissions (users, the delivery log, deleting a user's shelf entries). Server
 * only: the admin secret never leaves this process.
 */
import { Client } from '@urql/core';
import { hasuraExchange } from './hasura-exchange.server';

export const CLERK_WEBHOOK_ROLE = 'clerk_webhook';

export function createWebhookHasuraClient(endpoint: string, adminSecret: string): Client {
  return new Client({
    url: endpoint,
    exchanges: [
      hasuraExchange({
        token: null,
        headers: { 'x-hasura-admin-secret': adminSecret, 'x-hasura-role': CLERK_WEBHOOK_ROLE },
      }),
    ],
    requestPolicy: 'network-only',
  });
}
