/**
 * What can go wrong talking to Hasura, as the app answers it:
 * - not reachable (connection refused, HTTP 5xx, an answer that is not GraphQL) → a 503 naming Hasura and how to
 *   start it;
 * - GraphQL errors (Hasura answers them with HTTP 200) → a `HasuraGraphQLError` with the codes and messages, which
 *   a model turns into an outcome (a mutation) or a 502 with Hasura's own words (a query).
 */
import { serviceUnavailable, upstreamError } from '~/problem.server';

export function hasuraUnavailable(endpoint: string, cause: string): Response {
  return serviceUnavailable(
    'Hasura',
    `Hasura is not reachable at ${endpoint} (${cause}).`,
    'Start the local stack with npm run dev (or just Hasura with npm run emulator:hasura), ' +
      'or check HASURA_GRAPHQL_ENDPOINT.',
  );
}

export class HasuraGraphQLError extends Error {
  constructor(readonly errors: { message: string; code?: string }[]) {
    super(
      `Hasura rejected the request: ${errors.map((e) => (e.code ? `${e.message} (${e.code})` : e.message)).join('; ')}`,
    );
    this.name = 'HasuraGraphQLError';
  }

  hasCode(code: string): boolean {
    return this.errors.some((e) => e.code === code);
  }
}

/** A query cannot recover from a GraphQL error: answer 502 with Hasura's own words (never secret). */
export function hasuraErrorResponse(error: HasuraGraphQLError): Response {
  return upstreamError('Hasura', error.message);
}
