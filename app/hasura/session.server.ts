/**
 * Everything a loader or action needs to talk to Hasura as the current visitor: Clerk's auth state (shared with
 * the root loader, see ~/clerk/request-auth.server), the `hasura` template token (through the token cache), and
 * typed query/mutation runners on a per-request urql Client. When Hasura answers `invalid-jwt` (e.g. a token that
 * expired in flight), the request is retried once with a freshly fetched token.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AnyVariables, OperationResult } from '@urql/core';
import { decodeJwt } from 'jose';
import { withClerk } from '~/clerk/availability.server';
import { requestAuth } from '~/clerk/request-auth.server';
import { getEnv } from '~/env.server';
import { createHasuraClient } from './client.server';
import { classifyHasuraError, hasuraErrorResponse, type HasuraGraphQLError } from './errors.server';
import { createTokenCache, type TokenCache } from './token-cache.server';

export type MutationOutcome<Data> = { data: Data; error: null } | { data: null; error: HasuraGraphQLError };

export interface HasuraSession {
  /** Clerk user id, or null when signed out (requests then run as Hasura's unauthorized role). */
  userId: string | null;
  /** The `https://hasura.io/jwt/claims` object of the token in use, or null when signed out. */
  hasuraClaims: Record<string, unknown> | null;
  /** Runs a query; GraphQL errors throw a 502 Response carrying Hasura's message. */
  query<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data>;
  /** Runs a mutation; GraphQL errors (permission, constraint) are returned for the action to explain. */
  mutate<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<MutationOutcome<Data>>;
}

let tokenCache: TokenCache | undefined;

function missingTemplate(template: string, reason: string): Response {
  return json(
    {
      problem:
        `Clerk could not issue a token from the JWT template "${template}" (${reason}). Create it in the Clerk ` +
        'dashboard (JWT templates → New template → Hasura) or set HASURA_JWT_TEMPLATE; see hasura/README.md.',
    },
    { status: 502 },
  );
}

function sharedTokenCache(): TokenCache {
  tokenCache ??= createTokenCache({ enabled: getEnv().HASURA_TOKEN_CACHE === 'on' });
  return tokenCache;
}

export async function getHasuraSession(args: LoaderFunctionArgs): Promise<HasuraSession> {
  const env = getEnv();
  const endpoint = env.HASURA_GRAPHQL_ENDPOINT;
  const template = env.HASURA_JWT_TEMPLATE;
  const auth = await requestAuth(args);
  const { userId, sessionId } = auth;

  async function fetchTemplateToken(): Promise<string> {
    const token = await withClerk(() => auth.getToken({ template })).catch((error: unknown) => {
      if (error instanceof Response) throw error;
      // Clerk is up but refused, typically because the template does not exist on this instance.
      throw missingTemplate(template, error instanceof Error ? error.message : String(error));
    });
    if (!token) throw missingTemplate(template, 'no token returned');
    return token;
  }

  const cache = sharedTokenCache();
  let token: string | null = userId && sessionId ? await cache.get(sessionId, template, fetchTemplateToken) : null;

  async function run<Data, Variables extends AnyVariables>(
    kind: 'query' | 'mutation',
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<{ data: Data | undefined; error: HasuraGraphQLError | null }> {
    const send = (withToken: string | null): Promise<OperationResult<Data, Variables>> => {
      const client = createHasuraClient(endpoint, withToken);
      return client[kind](document, variables).toPromise();
    };
    let result = await send(token);
    let error = classifyHasuraError(result.error, endpoint);
    if (error?.hasCode('invalid-jwt') && sessionId) {
      cache.invalidate(sessionId, template);
      token = await cache.get(sessionId, template, fetchTemplateToken);
      result = await send(token);
      error = classifyHasuraError(result.error, endpoint);
    }
    return { data: result.data, error };
  }

  return {
    userId: userId ?? null,
    get hasuraClaims() {
      if (!token) return null;
      const claims = decodeJwt(token)['https://hasura.io/jwt/claims'];
      return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
    },
    async query(document, variables) {
      const { data, error } = await run('query', document, variables);
      if (error) throw hasuraErrorResponse(error);
      if (!data) throw new Error('Hasura returned no data and no error');
      return data;
    },
    async mutate(document, variables) {
      const { data, error } = await run('mutation', document, variables);
      if (error) return { data: null, error };
      if (!data) throw new Error('Hasura returned no data and no error');
      return { data, error: null };
    },
  };
}
