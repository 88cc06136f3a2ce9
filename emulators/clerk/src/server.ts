import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { authorizeBackend, registerBackendRoutes } from './backend-api.js';
import { loadConfig } from './config.js';
import { errors } from './errors.js';
import { registerFrontendRoutes } from './frontend-api/index.js';
import { HANDSHAKE_PATH } from './frontend-api/handshake.js';
import { MAILBOX_PATH } from './frontend-api/mailbox.js';
import { MAX_PROFILE_IMAGE_UPLOAD_BYTES, PROFILE_IMAGE_PATH } from './frontend-api/profile-image.js';
import {
  corsHeaders,
  errorReply,
  MAX_BODY,
  mediaType,
  parseBody,
  parseCookies,
  preflightHeaders,
  readBody,
  Router,
  send,
  type RequestContext,
} from './http.js';
import type { Instance } from './instance.js';
import { disallowedRedirectParam, normalizeOrigin } from './redirects.js';
import { loadOrCreateInstanceKeys } from './keys.js';
import { clerkJsUrl, LOCAL_FRONTEND_HOST, LOCAL_SECRET_KEY, publishableKeyFor } from './local-instance.js';
import { Store } from './state.js';
import { Mailbox } from './mailbox.js';
import { TokenIssuer } from './tokens.js';
import { WebhookDeliveries, type WebhookEndpoint } from './webhooks/deliveries.js';
import { userEvent } from './webhooks/events.js';

export const DEFAULT_APP_ORIGINS = ['http://127.0.0.1:3000', 'http://localhost:3000'];
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
  /**
   * The application's origins, where redirects (the handshake's above all) may go; the config's
   * `allowed_redirect_origins` are added. Default: the dev app, `http://127.0.0.1:3000` and `http://localhost:3000`.
   */
  appOrigins?: string[];
  /** Session token lifetime; Clerk's is 60 s. Tests shorten it to exercise refresh and handshakes. */
  sessionTokenLifetimeSeconds?: number;
  /** Webhook endpoints besides the config's `webhook_endpoints`, and the retry schedule (ms between attempts). */
  webhooks?: { endpoints?: WebhookEndpoint[]; retryScheduleMs?: number[]; timeoutMs?: number };
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
  if (!secretKey.startsWith('sk_test_'))
    throw new Error(`The local Clerk secret key must start with sk_test_ (got "${secretKey.slice(0, 8)}…").`);
  const lifetime = options.sessionTokenLifetimeSeconds ?? 60;
  if (!Number.isInteger(lifetime) || lifetime < 1)
    throw new Error(`sessionTokenLifetimeSeconds must be a positive integer, got ${lifetime}`);
  const config = loadConfig(options.configPath ?? DEFAULT_CONFIG_PATH);
  const appOrigins = (options.appOrigins ?? DEFAULT_APP_ORIGINS).map((origin) => {
    try {
      return normalizeOrigin(origin);
    } catch (error) {
      throw new Error(`Invalid app origin for the local Clerk: ${(error as Error).message}`);
    }
  });
  const keys = await loadOrCreateInstanceKeys(options.dataDir ?? '.data/clerk');
  const store = new Store({
    lifetimeMs: config.session.lifetime_seconds * 1000,
    inactivityTimeoutMs:
      config.session.inactivity_timeout_seconds === null ? null : config.session.inactivity_timeout_seconds * 1000,
  });
  await store.seed(config.users);

  const instance: Instance = {
    config,
    keys,
    store,
    mailbox: new Mailbox(log),
    tokens: new TokenIssuer(keys, `https://${LOCAL_FRONTEND_HOST}`, lifetime),
    secretKey,
    publishableKey: publishableKeyFor(LOCAL_FRONTEND_HOST),
    frontendHost: LOCAL_FRONTEND_HOST,
    configuredRedirectOrigins: [...appOrigins, ...config.allowed_redirect_origins],
    redirectOrigins: new Set([...appOrigins, ...config.allowed_redirect_origins]),
    baseUrl: '',
    log,
  };
  // Webhooks (endpoints checked before anything listens): every user change once the server listens, and the users
  // seeded from the config as user.created, so a fresh database gets them. Payload avatar URLs need the base URL.
  const webhooks = new WebhookDeliveries({
    endpoints: [
      ...config.webhook_endpoints.map((endpoint) => ({
        url: endpoint.url,
        signingSecret: endpoint.signing_secret,
        events: endpoint.events,
      })),
      ...(options.webhooks?.endpoints ?? []),
    ],
    retryScheduleMs: options.webhooks?.retryScheduleMs,
    timeoutMs: options.webhooks?.timeoutMs,
    log,
  });
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
        rawBody: Buffer.alloc(0),
        contentType: mediaType(req),
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
      ctx.rawBody = await readBody(
        req,
        url.pathname === PROFILE_IMAGE_PATH ? MAX_PROFILE_IMAGE_UPLOAD_BYTES : MAX_BODY,
      );
      ctx.body = parseBody(ctx.rawBody, ctx.contentType);
      // Every Frontend API redirect target is checked here; the handshake checks its own with its own error.
      if (!backendMatch && url.pathname !== HANDSHAKE_PATH) {
        const refused = disallowedRedirectParam(url.searchParams, ctx.body, instance.redirectOrigins);
        if (refused) throw errors.redirectNotAllowed(refused.param, refused.reason);
      }
      const reply = await match.handler(ctx);
      // The mailbox holds sign-in codes: never readable by another origin.
      const cors = backendMatch || url.pathname.startsWith(MAILBOX_PATH) ? {} : corsHeaders(req);
      send(res, reply, cors);
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

  if (webhooks.enabled) {
    log(`webhooks to ${webhooks.endpointUrls.join(', ')}`);
    store.onUserChange((change, user) => webhooks.send(change, userEvent(change, user, url)));
    for (const user of store.users.values()) webhooks.send('user.created', userEvent('user.created', user, url));
  }

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
  log(
    `local Clerk listening on ${url} (${config.users.length} users, templates: ${Object.keys(config.jwt_templates).join(', ') || 'none'}; redirects allowed to ${[...instance.redirectOrigins].join(', ') || 'no origin'}); mailbox: ${url}/mailbox`,
  );

  return {
    url,
    port,
    env,
    close: () =>
      new Promise<void>((resolve, reject) => {
        webhooks.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
