/**
 * Turns urql results from Hasura into either data or a clear failure:
 * - network failure / connection refused / HTTP 5xx → a thrown 503 Response naming Hasura and how to start it;
 * - GraphQL errors (Hasura answers them with HTTP 200) → a `HasuraGraphQLError` with the codes and messages.
 */
import { json } from '@remix-run/node';
import type { CombinedError } from '@urql/core';
import type { ServiceUnavailable } from '~/service-unavailable';

export function serviceUnavailable(body: ServiceUnavailable): Response {
  return json(body, { status: 503, headers: { 'Cache-Control': 'no-store' } });
}

export function hasuraUnavailable(endpoint: string, cause: string): Response {
  return serviceUnavailable({
    service: 'Hasura',
    problem: `Hasura is not reachable at ${endpoint} (${cause}).`,
    remedy:
      'Start the local stack with npm run dev (or just Hasura with npm run emulator:hasura), ' +
      'or check HASURA_GRAPHQL_ENDPOINT.',
  });
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

/** Throws the 503 Response when the error is a transport failure; otherwise returns the GraphQL error, if any. */
export function classifyHasuraError(error: CombinedError | undefined, endpoint: string): HasuraGraphQLError | null {
  if (!error) return null;
  const status = error.response?.status as number | undefined;
  if (status !== undefined && status >= 500) throw hasuraUnavailable(endpoint, `HTTP ${status}`);
  if (error.networkError) throw hasuraUnavailable(endpoint, describeNetworkError(error.networkError));
  return new HasuraGraphQLError(
    error.graphQLErrors.map((e) => ({
      message: e.message,
      code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
    })),
  );
}

/** The short reason (ECONNREFUSED, …): Node's fetch keeps it in `cause.code`, Remix's fetch polyfill in `code`. */
function describeNetworkError(error: Error): string {
  const { code, cause } = error as Error & { code?: string; cause?: { code?: string; message?: string } };
  return cause?.code ?? code ?? cause?.message ?? error.message;
}

/** A loader cannot recover from a GraphQL error: answer 502 with Hasura's own words (never secret). */
export function hasuraErrorResponse(error: HasuraGraphQLError): Response {
  return json({ problem: error.message }, { status: 502, headers: { 'Cache-Control': 'no-store' } });
}
