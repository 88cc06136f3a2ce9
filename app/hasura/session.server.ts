/**
 * Everything a loader or action needs to talk to Hasura as the current visitor: Clerk's auth state (shared with
 * the root loader, see ~/clerk/request-auth.server), the `hasura` template token (through the token cache), and
 * typed query/mutation runners (~/hasura/request.server). When Hasura answers `invalid-jwt` (e.g. a token that
 * expired in flight), the request is retried once with a freshly fetched token.
 *
 * A visitor whose session Clerk no longer issues tokens for (ended, revoked, user deleted — while the session
 * cookie still verifies) is a signed-out visitor; a template Clerk does not have is a 502 naming it.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClerkClient } from '@clerk/remix/api.server';
import { decodeJwt } from 'jose';
import { withClerk } from '~/clerk/availability.server';
import { requestAuth } from '~/clerk/request-auth.server';
import { isActiveSession, templateTokenFailure } from '~/clerk/template-token-failure.server';
import { getEnv } from '~/env.server';
import { upstreamError } from '~/problem.server';
import { hasuraErrorResponse } from './errors.server';
import { requestHasura, type HasuraResult } from './request.server';
import { createTokenCache, type TokenCache } from './token-cache.server';

export interface HasuraSession {
  /** Clerk user id, or null when signed out or the session has ended (requests then run as Hasura's unauthorized role). */
  userId: string | null;
  /** The `https://hasura.io/jwt/claims` object of the token in use, or null when signed out. */
  hasuraClaims: Record<string, unknown> | null;
  /** Runs a query; GraphQL errors throw a 502 Response carrying Hasura's message. */
  query<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data>;
  /** Runs a mutation; GraphQL errors (permission, constraint) are returned for the model to explain. */
  mutate<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<HasuraResult<Data>>;
}

let tokenCache: TokenCache | undefined;
let clerkClient: ReturnType<typeof createClerkClient> | undefined;

function missingTemplate(template: string, reason: string): Response {
  return upstreamError(
    'Clerk',
    `Clerk could not issue a token from the JWT template "${template}" (${reason}).`,
    'Create it in the Clerk dashboard (JWT templates → New template → Hasura) or set HASURA_JWT_TEMPLATE; ' +
      'see hasura/README.md.',
  );
}

function clerkRefused(template: string, reason: string): Response {
  return upstreamError('Clerk', `Clerk refused to issue a token from the JWT template "${template}" (${reason}).`);
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

  async function run<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<HasuraResult<Data>> {
    const send = (withToken: string | null) =>
      requestHasura(endpoint, document, variables, withToken ? { authorization: `Bearer ${withToken}` } : {});
    const result = await send(token);
    if (!result.error?.hasCode('invalid-jwt') || !sessionId) return result;
    cache.invalidate(sessionId, template);
    token = await cache.get(sessionId, template, fetchTemplateToken);
    return send(token);
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
      const { data, error } = await run(document, variables);
      if (error) throw hasuraErrorResponse(error);
      return data;
    },
    mutate: run,
  };
}
