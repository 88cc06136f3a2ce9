/**
 * urql in the browser: the same typed documents, authenticated with the Clerk session's `hasura` template token
 * from `useAuth().getToken(...)`. @urql/exchange-auth adds the header, refreshes a token that is about to expire
 * before sending, and retries once with a fresh token when Hasura answers `invalid-jwt`.
 */
import { authExchange } from '@urql/exchange-auth';
import { Client, fetchExchange } from 'urql';

export type GetTemplateToken = (options?: { skipCache?: boolean }) => Promise<string | null>;

/** Seconds left before `exp`, read without verifying (the browser only decides when to refresh). */
function secondsToExpiry(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp - Date.now() / 1000 : Infinity;
  } catch {
    return 0;
  }
}

export function createBrowserHasuraClient(endpoint: string, getToken: GetTemplateToken): Client {
  return new Client({
    url: endpoint,
    preferGetMethod: false,
    requestPolicy: 'network-only',
    exchanges: [
      authExchange(async (utils) => {
        let token = await getToken();
        return {
          addAuthToOperation(operation) {
            return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
          },
          willAuthError() {
            return !token || secondsToExpiry(token) < 10;
          },
          didAuthError(error) {
            return error.graphQLErrors.some((e) => e.extensions?.code === 'invalid-jwt');
          },
          async refreshAuth() {
            token = await getToken({ skipCache: true });
          },
        };
      }),
      fetchExchange,
    ],
  });
}
