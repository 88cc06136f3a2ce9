/**
 * Live data in the browser for a signed-in user: `<LiveHasuraProvider>` keeps one realtime client
 * (`./live-client.ts`) per signed-in user — none for a signed-out visitor, a new one after sign-out or an account
 * switch — and `useLiveSubscription` reads a subscription's latest data from it. Nothing runs during server
 * rendering: the first paint is the loaders' data, the subscription takes over once hydrated.
 */
import { useAuth } from '@clerk/remix';
import { useRouteLoaderData } from '@remix-run/react';
import type { TypedDocumentNode } from 'urql';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { pipe, subscribe } from 'wonka';
import type { PublicEnv } from '~/env.server';
import { createLiveHasuraClient, type LiveHasura } from './live-client';

const LiveHasuraContext = createContext<LiveHasura | null>(null);

export function LiveHasuraProvider({ children }: { children: ReactNode }) {
  const { isSignedIn, userId, getToken } = useAuth();
  const root = useRouteLoaderData<{ publicEnv: PublicEnv }>('root');
  const endpoint = root?.publicEnv.HASURA_GRAPHQL_ENDPOINT;
  const template = root?.publicEnv.HASURA_JWT_TEMPLATE ?? 'hasura';
  // getToken's identity changes with the session; the client always asks the current one.
  const getTokenRef = useRef(getToken);
  useEffect(() => {
    getTokenRef.current = getToken;
  }, [getToken]);
  const [live, setLive] = useState<LiveHasura | null>(null);

  useEffect(() => {
    if (!isSignedIn || !userId || !endpoint) return undefined;
    const client = createLiveHasuraClient(endpoint, (options) => getTokenRef.current({ template, ...options }));
    setLive(client);
    return () => {
      client.dispose();
      setLive(null);
    };
  }, [isSignedIn, userId, endpoint, template]);

  return <LiveHasuraContext.Provider value={live}>{children}</LiveHasuraContext.Provider>;
}

/** The subscription's latest data; undefined before the first result, signed out, or during server rendering. */
export function useLiveSubscription<Data, Variables extends Record<string, unknown>>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Data | undefined {
  const live = useContext(LiveHasuraContext);
  const key = JSON.stringify(variables);
  // Results are kept with what they answer, so a new client, query or variables shows nothing stale.
  const [latest, setLatest] = useState<{ live: LiveHasura; query: unknown; key: string; data: Data }>();
  useEffect(() => {
    if (!live) return undefined;
    const { unsubscribe } = pipe(
      live.urql.subscription(query, JSON.parse(key) as Variables),
      subscribe((result) => {
        if (result.data) setLatest({ live, query, key, data: result.data });
      }),
    );
    return unsubscribe;
  }, [live, query, key]);
  return latest && latest.live === live && latest.query === query && latest.key === key ? latest.data : undefined;
}
