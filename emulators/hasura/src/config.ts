/**
 * The engine's configuration, read from the same environment variables as the real engine (and the
 * `cli-migrations-v3` image), plus local extensions: HASURA_GRAPHQL_SEEDS_DIR, HASURA_GRAPHQL_STATEMENT_TIMEOUT
 * and the `pglite://` database URLs.
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { parseJwtSecret, type JwtConfig } from './auth/jwt-config.js';
import { readCorsConfig, type CorsConfig } from './cors.js';
import { readSubscriptionConfig, type SubscriptionConfig } from './subscriptions/config.js';

/** Where the embedded PGlite keeps its files when HASURA_GRAPHQL_DATABASE_URL is unset (relative to the cwd). */
export const DEFAULT_PGLITE_DIR = '.data/hasura/pglite';
/** Like a Postgres statement_timeout of 5 s: long enough for any sane request, short enough to stay responsive. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

/** Which database the engine serves. */
export type DatabaseLocation =
  /** Embedded PGlite persisted in `dir` (absolute), or in memory when `dir` is null. */
  { kind: 'pglite'; dir: string | null } | { kind: 'postgres'; url: string };

export interface HasuraConfig {
  database: DatabaseLocation;
  /** A statement running longer is cancelled (0 = never), like Postgres' statement_timeout. */
  statementTimeoutMs: number;
  cors: CorsConfig;
  adminSecret: string | undefined;
  jwt: JwtConfig | undefined;
  unauthorizedRole: string | undefined;
  port: number;
  metadataDir: string;
  migrationsDir: string;
  /** Local extension: apply `seeds/<source>/*.sql` once each at start-up. */
  seedsDir: string | undefined;
  stringifyNumericTypes: boolean;
  /** Websocket keep-alive and live-query/streaming refetch settings. */
  subscriptions: SubscriptionConfig;
}

const DATABASE_URL_FORMS =
  'must be postgres://…, postgresql://…, pglite://memory, pglite:///absolute/dir, pglite://relative/dir or unset (embedded PGlite in .data/hasura/pglite)';

/**
 * HASURA_GRAPHQL_DATABASE_URL → where the data lives. `pglite://` is a local extension: `pglite://memory` is an
 * in-memory database; otherwise everything after `pglite://` is a directory path, taken literally (no
 * percent-decoding): `pglite:///abs/dir` is absolute, `pglite://rel/dir` relative to the working directory.
 */
export function parseDatabaseUrl(url: string | undefined, cwd = process.cwd()): DatabaseLocation | undefined {
  if (!url) return { kind: 'pglite', dir: resolve(cwd, DEFAULT_PGLITE_DIR) };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (!url.startsWith('pglite://')) return undefined;
  const path = url.slice('pglite://'.length);
  if (path === 'memory') return { kind: 'pglite', dir: null };
  if (path === '' || path === '/' || /[\0]/.test(path)) return undefined;
  return { kind: 'pglite', dir: isAbsolute(path) ? resolve(path) : resolve(cwd, path) };
}

const nonEmpty = z.string().trim().min(1).optional();
const boolean = z
  .enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0'])
  .optional()
  .transform((value) => value !== undefined && ['true', 'TRUE', 'True', '1'].includes(value));

const envSchema = z.object({
  HASURA_GRAPHQL_DATABASE_URL: z
    .string()
    .optional()
    .refine((url) => parseDatabaseUrl(url) !== undefined, { message: DATABASE_URL_FORMS }),
  HASURA_GRAPHQL_ADMIN_SECRET: nonEmpty,
  HASURA_GRAPHQL_JWT_SECRET: nonEmpty,
  HASURA_GRAPHQL_UNAUTHORIZED_ROLE: nonEmpty,
  HASURA_GRAPHQL_SERVER_PORT: z
    .string()
    .regex(/^\d+$/, 'must be a port number')
    .transform(Number)
    .refine((port) => port >= 0 && port <= 65535, 'must be in 0..65535')
    .default('8080'),
  HASURA_GRAPHQL_METADATA_DIR: z.string().min(1).default('hasura/metadata'),
  HASURA_GRAPHQL_MIGRATIONS_DIR: z.string().min(1).default('hasura/migrations'),
  HASURA_GRAPHQL_SEEDS_DIR: nonEmpty,
  HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: boolean,
  HASURA_GRAPHQL_STATEMENT_TIMEOUT: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds (0 = no timeout)')
    .transform((seconds) => Math.round(Number(seconds) * 1000))
    .optional(),
  HASURA_GRAPHQL_CORS_DOMAIN: z.string().optional(),
  HASURA_GRAPHQL_DISABLE_CORS: boolean,
});

/** Reads and validates the configuration; throws one Error listing every problem. */
export function readConfig(env: Record<string, string | undefined> = process.env): HasuraConfig {
  // Empty strings count as unset, as in a shell `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const cors = readCorsConfig(
    present.HASURA_GRAPHQL_CORS_DOMAIN,
    parsed.success && parsed.data.HASURA_GRAPHQL_DISABLE_CORS,
  );
  if (typeof cors === 'string') problems.push(`HASURA_GRAPHQL_CORS_DOMAIN: ${cors}`);
  const subscriptions = readSubscriptionConfig(present);
  if (Array.isArray(subscriptions)) problems.push(...subscriptions);
  if (!parsed.success || typeof cors === 'string' || Array.isArray(subscriptions)) {
    throw new Error(`invalid Hasura configuration:\n  ${problems.join('\n  ')}`);
  }
  const vars = parsed.data;
  if (vars.HASURA_GRAPHQL_JWT_SECRET && !vars.HASURA_GRAPHQL_ADMIN_SECRET) {
    // The real engine refuses JWT mode on an unsecured endpoint.
    throw new Error(
      'invalid Hasura configuration:\n  HASURA_GRAPHQL_JWT_SECRET needs HASURA_GRAPHQL_ADMIN_SECRET to be set',
    );
  }
  if (vars.HASURA_GRAPHQL_UNAUTHORIZED_ROLE && !vars.HASURA_GRAPHQL_ADMIN_SECRET) {
    throw new Error(
      'invalid Hasura configuration:\n  HASURA_GRAPHQL_UNAUTHORIZED_ROLE needs HASURA_GRAPHQL_ADMIN_SECRET to be set',
    );
  }
  return {
    database: parseDatabaseUrl(vars.HASURA_GRAPHQL_DATABASE_URL)!,
    statementTimeoutMs: vars.HASURA_GRAPHQL_STATEMENT_TIMEOUT ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    cors,
    adminSecret: vars.HASURA_GRAPHQL_ADMIN_SECRET,
    jwt: vars.HASURA_GRAPHQL_JWT_SECRET ? parseJwtSecret(vars.HASURA_GRAPHQL_JWT_SECRET) : undefined,
    unauthorizedRole: vars.HASURA_GRAPHQL_UNAUTHORIZED_ROLE,
    port: vars.HASURA_GRAPHQL_SERVER_PORT,
    metadataDir: vars.HASURA_GRAPHQL_METADATA_DIR,
    migrationsDir: vars.HASURA_GRAPHQL_MIGRATIONS_DIR,
    seedsDir: vars.HASURA_GRAPHQL_SEEDS_DIR,
    stringifyNumericTypes: vars.HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES,
    subscriptions,
  };
}
