/**
 * The websocket and subscription settings, from the real engine's environment variables: keep-alive and
 * connection-init timeout (seconds), live-query and streaming refetch intervals (ms), the multiplexing batch size.
 */
export interface SubscriptionConfig {
  /** HASURA_GRAPHQL_WEBSOCKET_KEEPALIVE (s, default 5): `ka` / `ping` every so often. */
  keepAliveMs: number;
  /** HASURA_GRAPHQL_WEBSOCKET_CONNECTION_INIT_TIMEOUT (s, default 3): graphql-transport-ws only. */
  connectionInitTimeoutMs: number;
  /** HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_REFETCH_INTERVAL (ms, default 1000). */
  liveRefetchMs: number;
  /** HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_BATCH_SIZE (default 100): cohorts (and streams) per SQL statement. */
  liveBatchSize: number;
  /** HASURA_GRAPHQL_STREAMING_QUERIES_MULTIPLEXED_REFETCH_INTERVAL (ms, default 1000). */
  streamRefetchMs: number;
}

export const DEFAULT_SUBSCRIPTION_CONFIG: SubscriptionConfig = {
  keepAliveMs: 5000,
  connectionInitTimeoutMs: 3000,
  liveRefetchMs: 1000,
  liveBatchSize: 100,
  streamRefetchMs: 1000,
};

const SETTINGS: Array<[keyof SubscriptionConfig, string, number]> = [
  ['keepAliveMs', 'HASURA_GRAPHQL_WEBSOCKET_KEEPALIVE', 1000],
  ['connectionInitTimeoutMs', 'HASURA_GRAPHQL_WEBSOCKET_CONNECTION_INIT_TIMEOUT', 1000],
  ['liveRefetchMs', 'HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_REFETCH_INTERVAL', 1],
  ['liveBatchSize', 'HASURA_GRAPHQL_LIVE_QUERIES_MULTIPLEXED_BATCH_SIZE', 1],
  ['streamRefetchMs', 'HASURA_GRAPHQL_STREAMING_QUERIES_MULTIPLEXED_REFETCH_INTERVAL', 1],
];

/** The settings, or the list of problems (one per bad variable: each must be a positive integer). */
export function readSubscriptionConfig(env: Record<string, string | undefined>): SubscriptionConfig | string[] {
  const config = { ...DEFAULT_SUBSCRIPTION_CONFIG };
  const problems: string[] = [];
  for (const [key, name, unit] of SETTINGS) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    if (!/^\d+$/.test(text) || Number(text) < 1) problems.push(`${name}: must be a positive integer`);
    else config[key] = Number(text) * unit;
  }
  return problems.length ? problems : config;
}
