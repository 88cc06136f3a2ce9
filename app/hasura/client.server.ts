/**
 * A urql Client for one server request. Signed in: it sends `Authorization: Bearer <hasura template token>`;
 * signed out: no Authorization header, so Hasura applies its unauthorized role (`anonymous`).
 */
import { Client, fetchExchange } from '@urql/core';

export function createHasuraClient(endpoint: string, token: string | null): Client {
  return new Client({
    url: endpoint,
    exchanges: [fetchExchange],
    // Hasura's /v1/graphql takes POST only; every server request wants fresh data.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  });
}
