/**
 * `npm run dev`: the whole stack on one command. Starts the local Clerk server (4000) and the local Hasura engine
 * (8080, embedded PGlite persisted in `.data/`, migrations and seeds applied once), waits until each is healthy,
 * then runs the Remix dev server (3000). A real Clerk or Hasura configured in the environment or `.env` wins and
 * its emulator is not started. Ctrl-C stops everything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { adminSecretPath, checkoutAdminSecret } from './local-admin-secret.js';
import {
  ROOT_DIR,
  appDevService,
  assertPortFree,
  localClerkService,
  localClerkUsers,
  localHasuraService,
  planStack,
  startService,
  stopAll,
  type RunningService,
} from './stack.js';

function readUserEnv(): Record<string, string | undefined> {
  const dotenvPath = `${ROOT_DIR}.env`;
  const fromFile = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
  return { ...fromFile, ...process.env }; // the shell wins over .env, both win over the local defaults
}

function portFrom(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`${name} must be a port number, got "${value}"`);
  return port;
}

function localUserLines(configPath: string | undefined): string[] {
  try {
    return localClerkUsers(configPath).map((user) => `  ${user.email} / ${user.password}`);
  } catch {
    return ['  (see the users in the local Clerk config)'];
  }
}

async function main() {
  const userEnv = readUserEnv();
  const ports = {
    app: portFrom(userEnv, 'PORT', 3000),
    clerk: portFrom(userEnv, 'CLERK_EMULATOR_PORT', 4000),
    hasura: portFrom(userEnv, 'HASURA_GRAPHQL_SERVER_PORT', 8080),
  };
  const plan = planStack(userEnv, ports, { hasuraAdminSecret: checkoutAdminSecret() });
  const running: RunningService[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopAll(running);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    // All ports first, so a busy one is reported before anything starts.
    if (plan.clerk) await assertPortFree(ports.clerk, 'Clerk', 'CLERK_EMULATOR_PORT');
    if (plan.hasura) await assertPortFree(ports.hasura, 'Hasura', 'HASURA_GRAPHQL_SERVER_PORT');
    await assertPortFree(ports.app, 'app', 'PORT');
    if (plan.clerk) running.push(await startService({ ...localClerkService(ports.clerk), env: plan.clerk }));
    else
      console.log('Clerk: using your own Clerk (CLERK_PUBLISHABLE_KEY is set); the local Clerk server is not started.');
    if (plan.hasura) running.push(await startService({ ...localHasuraService(ports.hasura), env: plan.hasura }));
    else console.log(`Hasura: using ${plan.app.HASURA_GRAPHQL_ENDPOINT}; the local engine is not started.`);
    // remix dev builds first, so give it longer than the emulators.
    const app = await startService({ ...appDevService(ports.app), env: plan.app }, { timeoutMs: 180_000 });
    running.push(app);

    const lines = [
      '',
      'Local stack ready:',
      `  app     ${app.url}`,
      plan.clerk ? `  Clerk   http://127.0.0.1:${ports.clerk}  (local)` : '  Clerk   your own instance',
      ...(plan.clerk ? [`  mailbox http://127.0.0.1:${ports.clerk}/mailbox  (the codes the local Clerk "sends")`] : []),
      plan.hasura
        ? `  Hasura  http://127.0.0.1:${ports.hasura}/v1/graphql  (local, admin secret ${plan.hasura.HASURA_GRAPHQL_ADMIN_SECRET ?? 'none'}` +
          `${userEnv.HASURA_GRAPHQL_ADMIN_SECRET ? '' : `, kept in ${adminSecretPath().replace(ROOT_DIR, '')}`})`
        : `  Hasura  ${plan.app.HASURA_GRAPHQL_ENDPOINT}`,
    ];
    if (plan.clerk) lines.push('Sign in as:', ...localUserLines(plan.clerk.CLERK_EMULATOR_CONFIG || undefined));
    lines.push('Ctrl-C stops everything.', '');
    console.log(lines.join('\n'));

    // One server dying (e.g. a crash) takes the whole stack down instead of leaving it half working.
    await Promise.race(
      running.map(
        (service) => new Promise<string>((resolve) => service.child.once('exit', () => resolve(service.name))),
      ),
    ).then(async (name) => {
      if (!stopping) {
        console.error(`${name} server stopped; stopping the rest of the stack.`);
        await shutdown(1);
      }
    });
  } catch (error) {
    console.error(`npm run dev: ${(error as Error).message}`);
    await shutdown(1);
  }
}

main().catch((error: Error) => {
  console.error(`npm run dev: ${error.message}`);
  process.exit(1);
});
