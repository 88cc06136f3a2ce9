/**
 * The engine's configuration, read from the same environment variables as the real engine (and the
 * `cli-migrations-v3` image), plus one local extension: HASURA_GRAPHQL_SEEDS_DIR.
 */
import { z } from 'zod';
import { parseJwtSecret, type JwtConfig } from './auth/jwt-config.js';

/** Where the embedded PGlite keeps its files when HASURA_GRAPHQL_DATABASE_URL is unset. */
const DEFAULT_PGLITE_DIR = '.data/hasura/pglite';

export interface HasuraConfig {
  /** undefined → embedded PGlite persisted at `pgliteDir`; `pglite://memory`; `postgres://…`. */
  databaseUrl: string | undefined;
  pgliteDir: string;
  adminSecret: string | undefined;
  jwt: JwtConfig | undefined;
  unauthorizedRole: string | undefined;
  port: number;
  metadataDir: string;
  migrationsDir: string;
  /** Local extension: apply `seeds/<source>/*.sql` once each at start-up. */
  seedsDir: string | undefined;
  stringifyNumericTypes: boolean;
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
    .refine((url) => !url || url === 'pglite://memory' || /^postgres(ql)?:\/\//.test(url), {
      message: 'must be postgres://…, postgresql://…, pglite://memory or unset (embedded PGlite in .data/)',
    }),
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
});

/** Reads and validates the configuration; throws one Error listing every problem. */
export function readConfig(env: Record<string, string | undefined> = process.env): HasuraConfig {
  // Empty strings count as unset, as in a shell `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid Hasura configuration:\n  ${problems.join('\n  ')}`);
  }
  const vars = parsed.data;
  if (vars.HASURA_GRAPHQL_JWT_SECRET && !vars.HASURA_GRAPHQL_ADMIN_SECRET) {
    // The real engine refuses JWT mode on an unsecured endpoint.
    throw new Error('invalid Hasura configuration:\n  HASURA_GRAPHQL_JWT_SECRET needs HASURA_GRAPHQL_ADMIN_SECRET to be set');
  }
  if (vars.HASURA_GRAPHQL_UNAUTHORIZED_ROLE && !vars.HASURA_GRAPHQL_ADMIN_SECRET) {
    throw new Error(
      'invalid Hasura configuration:\n  HASURA_GRAPHQL_UNAUTHORIZED_ROLE needs HASURA_GRAPHQL_ADMIN_SECRET to be set',
    );
  }
  return {
    databaseUrl: vars.HASURA_GRAPHQL_DATABASE_URL || undefined,
    pgliteDir: DEFAULT_PGLITE_DIR,
    adminSecret: vars.HASURA_GRAPHQL_ADMIN_SECRET,
    jwt: vars.HASURA_GRAPHQL_JWT_SECRET ? parseJwtSecret(vars.HASURA_GRAPHQL_JWT_SECRET) : undefined,
    unauthorizedRole: vars.HASURA_GRAPHQL_UNAUTHORIZED_ROLE,
    port: vars.HASURA_GRAPHQL_SERVER_PORT,
    metadataDir: vars.HASURA_GRAPHQL_METADATA_DIR,
    migrationsDir: vars.HASURA_GRAPHQL_MIGRATIONS_DIR,
    seedsDir: vars.HASURA_GRAPHQL_SEEDS_DIR,
    stringifyNumericTypes: vars.HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES,
  };
}
