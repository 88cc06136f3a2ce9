/**
 * The environment each process of the local stack needs (local Clerk, local Hasura, the app), wired together by
 * port. Pure: no I/O, nothing read from process.env. Used by `scripts/dev.ts`, Playwright and the bench.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { clerkJsUrl, LOCAL_FRONTEND_HOST, LOCAL_SECRET_KEY, publishableKeyFor } from '@emulators/clerk/local-instance';

export interface LocalStackPorts {
  app: number;
  clerk: number;
  hasura: number;
}

export interface LocalStackOptions {
  /** HASURA_GRAPHQL_DATABASE_URL for the local engine; omitted → embedded PGlite persisted in `.data/`. */
  hasuraDatabaseUrl?: string;
  /** Hasura CLI project directory holding metadata/, migrations/ and seeds/ (default `hasura`). */
  hasuraProjectDir?: string;
  /** The local engine's admin secret (the checkout's, `local-admin-secret.ts`); omitted → a random one. */
  hasuraAdminSecret?: string;
  /** `off` disables the app's Hasura token cache (HASURA_TOKEN_CACHE); default on. */
  tokenCache?: 'on' | 'off';
}

export interface LocalStackEnv {
  clerk: Record<string, string>;
  hasura: Record<string, string>;
  app: Record<string, string>;
}

/** The local Clerk instance's names come from its package, so the server and the app's env cannot drift apart. */
export const LOCAL_CLERK_FRONTEND_HOST = LOCAL_FRONTEND_HOST;
export const LOCAL_CLERK_SECRET_KEY = LOCAL_SECRET_KEY;
export const localPublishableKey = publishableKeyFor;

/**
 * The local Clerk signs its webhooks to the app with this: derived from the engine's admin secret (random per
 * checkout), so it is no published constant, yet every process of one stack computes the same value.
 */
export function localWebhookSigningSecret(adminSecret: string): string {
  return `whsec_${createHmac('sha256', adminSecret).update('local clerk webhook signing key').digest('base64')}`;
}

export function localStackEnv(
  ports: LocalStackPorts = { app: 3000, clerk: 4000, hasura: 8080 },
  options: LocalStackOptions = {},
): LocalStackEnv {
  for (const [name, port] of Object.entries(ports)) {
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new Error(`localStackEnv: port for "${name}" must be an integer in 1..65535, got ${String(port)}`);
    }
  }
  const clerkUrl = `http://127.0.0.1:${ports.clerk}`;
  const hasuraUrl = `http://127.0.0.1:${ports.hasura}`;
  const projectDir = (options.hasuraProjectDir ?? 'hasura').replace(/\/+$/, '');

  const adminSecret = options.hasuraAdminSecret ?? randomBytes(24).toString('base64url');
  const webhookSigningSecret = localWebhookSigningSecret(adminSecret);

  const clerk = {
    CLERK_EMULATOR_PORT: String(ports.clerk),
    // The only origins the local Clerk redirects to (its handshake carries the session).
    CLERK_EMULATOR_APP_ORIGINS: `http://127.0.0.1:${ports.app},http://localhost:${ports.app}`,
    CLERK_SECRET_KEY: LOCAL_CLERK_SECRET_KEY,
    // Clerk dashboard → Webhooks → endpoint: the app's receiver, every event.
    CLERK_EMULATOR_WEBHOOK_URL: `http://127.0.0.1:${ports.app}/webhooks/clerk`,
    CLERK_EMULATOR_WEBHOOK_SIGNING_SECRET: webhookSigningSecret,
  };

  const hasura: Record<string, string> = {
    HASURA_GRAPHQL_SERVER_PORT: String(ports.hasura),
    HASURA_GRAPHQL_ADMIN_SECRET: adminSecret,
    // Only the app's origin may read answers in a browser (the app itself calls Hasura from its server).
    HASURA_GRAPHQL_CORS_DOMAIN: `http://localhost:${ports.app}, http://127.0.0.1:${ports.app}`,
    HASURA_GRAPHQL_JWT_SECRET: JSON.stringify({ jwk_url: `${clerkUrl}/.well-known/jwks.json` }),
    HASURA_GRAPHQL_UNAUTHORIZED_ROLE: 'anonymous',
    HASURA_GRAPHQL_METADATA_DIR: `${projectDir}/metadata`,
    HASURA_GRAPHQL_MIGRATIONS_DIR: `${projectDir}/migrations`,
    HASURA_GRAPHQL_SEEDS_DIR: `${projectDir}/seeds`,
  };
  if (options.hasuraDatabaseUrl) hasura.HASURA_GRAPHQL_DATABASE_URL = options.hasuraDatabaseUrl;

  const app: Record<string, string> = {
    PORT: String(ports.app),
    CLERK_PUBLISHABLE_KEY: localPublishableKey(),
    CLERK_SECRET_KEY: LOCAL_CLERK_SECRET_KEY,
    CLERK_API_URL: clerkUrl,
    CLERK_PROXY_URL: clerkUrl,
    CLERK_JS: clerkJsUrl(clerkUrl),
    CLERK_TELEMETRY_DISABLED: '1',
    HASURA_GRAPHQL_ENDPOINT: `${hasuraUrl}/v1/graphql`,
    CLERK_WEBHOOK_SIGNING_SECRET: webhookSigningSecret,
    // Server only: the webhook writes users with it (role clerk_webhook).
    HASURA_GRAPHQL_ADMIN_SECRET: hasura.HASURA_GRAPHQL_ADMIN_SECRET,
  };
  if (options.tokenCache === 'off') app.HASURA_TOKEN_CACHE = 'off';

  return { clerk, hasura, app };
}
