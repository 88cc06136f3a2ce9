import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { authorizeBackend, registerBackendRoutes } from './backend-api.js';
import { loadConfig } from './config.js';
import { errors } from './errors.js';
import { registerFrontendRoutes } from './frontend-api/index.js';
import { corsHeaders, errorReply, parseBody, parseCookies, preflightHeaders, Router, send, type RequestContext } from './http.js';
import type { Instance } from './instance.js';
import { loadOrCreateInstanceKeys } from './keys.js';
import { clerkJsUrl, LOCAL_FRONTEND_HOST, LOCAL_SECRET_KEY, publishableKeyFor } from './local-instance.js';
import { Store } from './state.js';
import { TokenIssuer } from './tokens.js';

export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../config.local.json', import.meta.url));

export interface StartClerkOptions {
  /** 0 = ephemeral; default 4000. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (a container sets 0.0.0.0 so other containers and the host reach it). */
  host?: string;
  /** Default `sk_test_local`. */
  secretKey?: string;
  /** Default: the bundled `emulators/clerk/config.local.json`. */
  configPath?: string;
  /** Where the instance key lives; default `.data/clerk`. */
  dataDir?: string;
  /** Session token lifetime; Clerk's is 60 s. Tests shorten it to exercise refresh and handshakes. */
  sessionTokenLifetimeSeconds?: number;
  log?: (line: string) => void;
}

export interface RunningClerk {
  url: string;
  port: number;
  /** The env block an app needs to use this server (the same lines main.ts prints). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startClerk(options: StartClerkOptions = {}): Promise<RunningClerk> {
  const log = options.log ?? ((line: string) => console.log(`[clerk] ${line}`));
  const secretKey = options.secretKey ?? LOCAL_SECRET_KEY;
  if (!secretKey.startsWith('sk_test_')) throw new Error(`The local Clerk secret key must start with sk_test_ (got "${secretKey.slice(0, 8)}…").`);
  const lifetime = options.sessionTokenLifetimeSeconds ?? 60;
  if (!Number.isInteger(lifetime) || lifetime < 1) throw new Error(`sessionTokenLifetimeSeconds must be a positive integer, got ${lifetime}`);
  const config = loadConfig(options.configPath ?? DEFAULT_CONFIG_PATH);
  const keys = await loadOrCreateInstanceKeys(options.dataDir ?? '.data/clerk');
  const store = new Store();
  await store.seed(config.users);

  const instance: Instance = {
    config,
    keys,
    store,
    tokens: new TokenIssuer(keys, `https://${LOCAL_FRONTEND_HOST}`, lifetime),
    secretKey,
    publishableKey: publishableKeyFor(LOCAL_FRONTEND_HOST),
    frontendHost: LOCAL_FRONTEND_HOST,
    baseUrl: '',
    log,
  };
  const backend = new Router();
  registerBackendRoutes(backend, instance);
  const frontend = new Router();
  registerFrontendRoutes(frontend, instance);

  /** Routes one request; every failure, whatever its cause, is answered as a Clerk error. */
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') return send(res, { status: 204 }, preflightHeaders(req));
    let label = `${req.method} ${req.url}`;
    try {
      const url = new URL(req.url ?? '/', instance.baseUrl);
      // clerk-js sends PATCH/DELETE as `POST …?_method=PATCH|DELETE`.
      const override = req.method === 'POST' ? url.searchParams.get('_method')?.toUpperCase() : undefined;
      const method = override ?? req.method ?? 'GET';
      label = `${method} ${url.pathname}`;
      const ctx: RequestContext = {
        url,
        params: {},
        body: {},
        headers: req.headers,
        origin: req.headers.origin ?? null,
        cookies: parseCookies(req.headers.cookie),
      };
      // Backend API routes are matched first and always need the secret key.
      const backendMatch = backend.match(method, url.pathname);
      const match = backendMatch ?? frontend.match(method, url.pathname);
      if (match === null || match === 'method') throw errors.routeNotFound(method, url.pathname);
      if (backendMatch) authorizeBackend(instance, ctx);
      ctx.params = match.params;
      ctx.body = await parseBody(req);
      const reply = await match.handler(ctx);
      send(res, reply, backendMatch ? {} : corsHeaders(req));
    } catch (error) {
      const reply = errorReply(error, log);
      log(`${label} → ${reply.status} ${(reply.body as { errors: Array<{ code: string }> }).errors[0].code}`);
      // After a body we stopped reading (413) the connection cannot be reused.
      const close: Record<string, string> = req.complete ? {} : { Connection: 'close' };
      if (res.headersSent) res.destroy();
      else send(res, reply, { ...corsHeaders(req), ...close });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  instance.baseUrl = url;

  const env: Record<string, string> = {
    CLERK_PUBLISHABLE_KEY: instance.publishableKey,
    CLERK_SECRET_KEY: secretKey,
    CLERK_API_URL: url,
    CLERK_PROXY_URL: url,
    CLERK_JS: clerkJsUrl(url),
    CLERK_JWT_KEY: keys.publicKeyPem.trim(),
    CLERK_TELEMETRY_DISABLED: '1',
    HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ jwk_url: `${url}/.well-known/jwks.json` }),
  };
  log(`local Clerk listening on ${url} (${config.users.length} users, templates: ${Object.keys(config.jwt_templates).join(', ') || 'none'})`);

  return {
    url,
    port,
    env,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
