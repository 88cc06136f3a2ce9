/**
 * The local stack the end-to-end tests run against: its own ports (never the dev ports 3000/4000/8080), Hasura on
 * in-memory PGlite with the seeds, and the env of each server from `localStackEnv`.
 */
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
export const APP_URL = `http://127.0.0.1:${E2E_PORTS.app}`;

/** The users of `emulators/clerk/config.local.json`. */
export const USERS = {
  alice: { email: 'alice@example.com', password: 'local-dev-password', storageState: 'playwright/.auth/alice.json' },
  bob: { email: 'bob@example.com', password: 'local-dev-password', storageState: 'playwright/.auth/bob.json' },
} as const;
export type UserName = keyof typeof USERS;
