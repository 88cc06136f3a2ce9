/**
 * The local stack the end-to-end tests run against: its own ports (never the dev ports 3000/4000/8080), Hasura on
 * in-memory PGlite with the seeds, and the env of each server from `localStackEnv`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutAdminSecret } from '../../../scripts/local-admin-secret.js';
import { localStackEnv } from '../../../scripts/local-env.js';

// E2E_PORT_OFFSET moves all three (e.g. 10 → 3110/4110/8190) so two checkouts can run the suite at once.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
if (!Number.isInteger(offset) || offset < 0 || offset > 900)
  throw new Error('E2E_PORT_OFFSET must be an integer in 0..900');
export const E2E_PORTS = { app: 3100 + offset, clerk: 4100 + offset, hasura: 8180 + offset };
export const E2E_ENV = localStackEnv(E2E_PORTS, {
  hasuraDatabaseUrl: 'pglite://memory',
  hasuraAdminSecret: checkoutAdminSecret(),
});

/**
 * The e2e stack's local Clerk: the dev config with the `hasura` template's lifetime at Clerk's minimum, 30 s, so
 * the realtime test sees tokens expire under an open socket (`realtime.test.ts`). Dev keeps Clerk's default 60 s.
 */
export const E2E_TEMPLATE_LIFETIME_S = 30;
const clerkConfig = JSON.parse(
  readFileSync(new URL('../../../emulators/clerk/config.local.json', import.meta.url), 'utf8'),
) as {
  jwt_templates: Record<string, { lifetime?: number }>;
};
clerkConfig.jwt_templates.hasura!.lifetime = E2E_TEMPLATE_LIFETIME_S;
const clerkConfigPath = join(tmpdir(), `clerk-config-e2e-${offset}.json`);
writeFileSync(clerkConfigPath, JSON.stringify(clerkConfig, null, 2));
E2E_ENV.clerk.CLERK_EMULATOR_CONFIG = clerkConfigPath;

export const APP_URL = `http://127.0.0.1:${E2E_PORTS.app}`;

/** The users of `emulators/clerk/config.local.json`. */
export const USERS = {
  alice: { email: 'alice@example.com', password: 'local-dev-password', storageState: 'playwright/.auth/alice.json' },
  bob: { email: 'bob@example.com', password: 'local-dev-password', storageState: 'playwright/.auth/bob.json' },
} as const;
export type UserName = keyof typeof USERS;
