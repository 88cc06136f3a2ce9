/**
 * A urql Client for one server request. Signed in: it sends `Authorization: Bearer <hasura template token>`;
 * signed out: no Authorization header, so Hasura applies its unauthorized role (`anonymous`).
 *
 * Requests go through undici with one keep-alive connection pool per process: under `remix-serve` the global
 * `fetch` is `@remix-run/web-fetch`, which opens (and closes) a new TCP connection for every GraphQL request.
 */
import { Client, fetchExchange } from '@urql/core';
import { Agent, fetch as undiciFetch } from 'undici';

const hasuraConnections = new Agent({ keepAliveTimeout: 30_000 });

const keepAliveFetch = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
  undiciFetch(input, { ...init, dispatcher: hasuraConnections })) as unknown as typeof fetch;

export function createHasuraClient(endpoint: string, token: string | null): Client {
  return new Client({
    url: endpoint,
    exchanges: [fetchExchange],
    fetch: keepAliveFetch,
    // Hasura's /v1/graphql takes POST only; every server request wants fresh data.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  });
}
