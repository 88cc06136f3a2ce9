/**
 * A urql Client for one server request. Signed in: it sends `Authorization: Bearer <hasura template token>`;
 * signed out: no Authorization header, so Hasura applies its unauthorized role (`anonymous`).
 * Requests share one keep-alive connection pool per process (see ./pooled-fetch.server).
 */
import { Client, fetchExchange } from '@urql/core';
import { pooledFetch } from './pooled-fetch.server';

export function createHasuraClient(endpoint: string, token: string | null): Client {
  return new Client({
    url: endpoint,
    exchanges: [fetchExchange],
    fetch: pooledFetch,
    // Hasura's /v1/graphql takes POST only; every server request wants fresh data.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  });
}
