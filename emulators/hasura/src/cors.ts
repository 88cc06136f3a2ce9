/**
 * CORS as the real engine does it (HASURA_GRAPHQL_CORS_DOMAIN, HASURA_GRAPHQL_DISABLE_CORS): `*` (the default)
 * answers every origin; otherwise a comma-separated list of origins, each `http(s)://host[:port]` (matched
 * exactly) or `http(s)://*.host[:port]` (one extra leading label: `*.example.com` matches `a.example.com`, not
 * `example.com` nor `a.b.example.com`). An origin not in the list gets no CORS headers, so browsers refuse it
 * the response; the request itself is still served, as upstream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type CorsConfig =
  | { mode: 'all' }
  | { mode: 'disabled' }
  | { mode: 'origins'; exact: Set<string>; wildcards: Array<{ scheme: string; host: string; port: string }> };

const DOMAIN = /^(https?:\/\/)(\*\.)?([^\s:/*,]+)(?::(\d+))?$/;
const ALLOWED_METHODS = 'GET,POST,PUT,PATCH,DELETE,OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = '1728000';

/** The CORS policy, or a message saying what is wrong with the domain list. */
export function readCorsConfig(domains: string | undefined, disabled = false): CorsConfig | string {
  if (disabled) return { mode: 'disabled' };
  if (domains === undefined || domains.trim() === '*') return { mode: 'all' };
  const config: CorsConfig = { mode: 'origins', exact: new Set(), wildcards: [] };
  for (const domain of domains.split(',').map((part) => part.trim())) {
    const match = DOMAIN.exec(domain);
    if (!match) {
      return `invalid domain: '${domain}'. All domains should have scheme + (optional wildcard) host + (optional port)`;
    }
    const [, scheme, wildcard, host, port = ''] = match;
    if (wildcard) config.wildcards.push({ scheme, host, port });
    else config.exact.add(`${scheme}${host}${port ? `:${port}` : ''}`);
  }
  return config;
}

export function isAllowedOrigin(config: CorsConfig, origin: string): boolean {
  if (config.mode !== 'origins') return config.mode === 'all';
  if (config.exact.has(origin)) return true;
  // Upstream drops the origin's first label and compares the rest (scheme, host, port) with each wildcard.
  const match = /^(https?:\/\/)[^.]*\.([^:]+)(?::(\d+))?$/.exec(origin);
  if (!match) return false;
  const [, scheme, host, port = ''] = match;
  return config.wildcards.some((w) => w.scheme === scheme && w.host === host && w.port === port);
}

/** Sets the CORS headers for an allowed origin; answers true when the request was a preflight it has answered. */
export function applyCors(config: CorsConfig, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (config.mode !== 'disabled') res.setHeader('vary', 'Origin');
  if (!origin || !isAllowedOrigin(config, origin)) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-allow-methods', ALLOWED_METHODS);
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? '');
  res.setHeader('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
  res.writeHead(204).end();
  return true;
}
