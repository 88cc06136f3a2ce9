/**
 * A urql Client for one server request. Signed in: it sends `Authorization: Bearer <hasura template token>`;
 * signed out: no Authorization header, so Hasura applies its unauthorized role (`anonymous`).
 * Operations go out through ./hasura-exchange.server (one keep-alive connection pool per process).
 */
import { Client } from '@urql/core';
import { hasuraExchange } from './hasura-exchange.server';

export function createHasuraClient(endpoint: string, token: string | null): Client {
  return new Client({
    url: endpoint,
    exchanges: [hasuraExchange({ token })],
    // Every server request wants fresh data (there is no cache exchange to answer from anyway).
    requestPolicy: 'network-only',
  });
}
