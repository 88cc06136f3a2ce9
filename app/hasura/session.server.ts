/**
 * Everything a loader or action needs to talk to Hasura as the current visitor: Clerk's auth state (shared with
 * the root loader, see ~/clerk/request-auth.server), the `hasura` template token (through the token cache), and
 * typed query/mutation runners on a per-request urql Client. When Hasura answers `invalid-jwt` (e.g. a token that
 * expired in flight), the request is retried once with a freshly fetched token.
 *
 * A visitor whose session Clerk no longer issues tokens for (ended, revoked, user deleted — while the session
 * cookie still verifies) is a signed-out visitor; a template Clerk does not have is a 502 naming it.
 */
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AnyVariables, OperationResult } from '@urql/core';
import { createClerkClient } from '@clerk/remix/api.server';
import { decodeJwt } from 'jose';
import { withClerk } from '~/clerk/availability.server';
import { requestAuth } from '~/clerk/request-auth.server';
import { isActiveSession, templateTokenFailure } from '~/clerk/template-token-failure.server';
import { getEnv } from '~/env.server';
import { createHasuraClient } from './client.server';
import { classifyHasuraError, hasuraErrorResponse, type HasuraGraphQLError } from './errors.server';
import { createTokenCache, type TokenCache } from './token-cache.server';

export type MutationOutcome<Data> = { data: Data; error: null } | { data: null; error: HasuraGraphQLError };

export interface HasuraSession {
  /** Clerk user id, or null when signed out or the session has ended (requests then run as Hasura's unauthorized role). */
  userId: string | null;
  /** The `https://hasura.io/jwt/claims` object of the token in use, or null when signed out. */
  hasuraClaims: Record<string, unknown> | null;
  /** Runs a query; GraphQL errors throw a 502 Response carrying Hasura's message. */
  query<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<Data>;
  /** Runs a mutation; GraphQL errors (permission, constraint) are returned for the action to explain. */
  mutate<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<MutationOutcome<Data>>;
}

let tokenCache: TokenCache | undefined;
let clerkClient: ReturnType<typeof createClerkClient> | undefined;

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

function clerkRefused(template: string, reason: string): Response {
  return json(
    { problem: `Clerk refused to issue a token from the JWT template "${template}" (${reason}).` },
    { status: 502 },
  );
}

/** Whether Clerk still has the session and it is active (asked only when a token request answered 404). */
function sessionIsActive(sessionId: string): Promise<boolean> {
  const env = getEnv();
  clerkClient ??= createClerkClient({ secretKey: env.CLERK_SECRET_KEY, apiUrl: env.CLERK_API_URL });
  const client = clerkClient;
  return isActiveSession(() => withClerk(() => client.sessions.getSession(sessionId)));
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

  /** The template token, or null when the session has ended (the visitor is then treated as signed out). */
  async function fetchTemplateToken(): Promise<string | null> {
    let token: string | null;
    try {
      token = await withClerk(() => auth.getToken({ template }));
    } catch (error) {
      if (error instanceof Response) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      switch (await templateTokenFailure(error, () => sessionIsActive(sessionId!))) {
        case 'session-ended':
          return null;
        case 'template-missing':
          throw missingTemplate(template, reason);
        default:
          throw clerkRefused(template, reason);
      }
    }
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
    // No token for a signed-in user means Clerk has ended the session: signed out from here on.
    userId: token ? userId : null,
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
