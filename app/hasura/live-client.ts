/**
 * The browser's realtime link to Hasura: one graphql-ws socket (subprotocol `graphql-transport-ws`) carrying every
 * subscription, behind a urql client whose `subscriptionExchange` forwards to it. Browser only (no WebSocket during
 * server rendering).
 *
 * Clerk's template tokens are short-lived (60 s, 30 s at the minimum) and Hasura authenticates a socket once, at
 * `connection_init`, then drops it when that token's `exp` passes. So:
 * - `connectionParams` asks Clerk for a fresh template token (`skipCache: true`: clerk-js would otherwise hand out a
 *   cached one with as little as ~15 s left) on every (re)connect;
 * - shortly before the token expires the client closes the socket itself with 4403, which graphql-ws retries at
 *   once with a new token, and resubscribes: no gap, one reconnect per token lifetime;
 * - should Hasura drop it first (1006) or refuse a token (4403), it retries too, forever, with a backoff;
 *   reconnects stay inside graphql-ws, since urql ends a subscription for good once an error reaches it.
 */
import { Client, subscriptionExchange } from 'urql';
import { createClient, type Client as WsClient } from 'graphql-ws/client';

export type GetTemplateToken = (options: { skipCache: boolean }) => Promise<string | null>;

/** Seconds before the token's `exp` at which the socket is renewed. */
const RENEW_BEFORE_EXPIRY_S = 5;

/** `http(s)://host/v1/graphql` → `ws(s)://host/v1/graphql`: the same endpoint, upgraded. */
export function websocketUrl(httpEndpoint: string): string {
  const url = new URL(httpEndpoint);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** The token's `exp` in ms, read without verifying (the browser only decides when to renew). */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

export interface LiveHasura {
  urql: Client;
  ws: WsClient;
  dispose(): void;
}

export function createLiveHasuraClient(httpEndpoint: string, getToken: GetTemplateToken): LiveHasura {
  let token: string | null = null;
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  const ws = createClient({
    url: websocketUrl(httpEndpoint),
    lazy: true,
    async connectionParams() {
      token = await getToken({ skipCache: true });
      return token ? { headers: { Authorization: `Bearer ${token}` } } : {};
    },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    // The first retry at once (a renewal or an expiry drop), then backing off up to 30 s.
    retryWait: (retries) =>
      new Promise((resolve) =>
        setTimeout(resolve, retries === 0 ? 0 : Math.min(30_000, 1000 * 2 ** retries) * (0.5 + Math.random() / 2)),
      ),
    on: {
      connected(socket) {
        clearTimeout(renewTimer);
        const expiry = token ? tokenExpiry(token) : null;
        if (expiry === null) return;
        const wait = Math.max(0, expiry - RENEW_BEFORE_EXPIRY_S * 1000 - Date.now());
        renewTimer = setTimeout(() => {
          const open = socket as WebSocket;
          if (open.readyState === WebSocket.OPEN) open.close(4403, 'Token expiring');
        }, wait);
      },
      closed() {
        clearTimeout(renewTimer);
      },
    },
  });
  const urql = new Client({
    url: httpEndpoint,
    exchanges: [
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              return { unsubscribe: ws.subscribe(input, sink) };
            },
          };
        },
      }),
    ],
  });
  return {
    urql,
    ws,
    dispose() {
      clearTimeout(renewTimer);
      void ws.dispose();
    },
  };
}
