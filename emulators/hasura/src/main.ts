/**
 * `npm run emulator:hasura`: reads the real engine's environment variables, starts the local engine, says how
 * it is configured, and shuts down cleanly on SIGINT / SIGTERM.
 */
import { readConfig, type HasuraConfig } from './config.js';
import { startHasura } from './index.js';

const log = (message: string) => console.log(`[hasura] ${message}`);

function describeAuth(config: HasuraConfig): string[] {
  if (config.adminSecret === undefined) return [];
  const lines = ['auth: admin secret set (x-hasura-admin-secret)'];
  if (config.jwt) {
    const source = config.jwt.keySource;
    lines.push(
      source.kind === 'key' ? `auth: JWT with a ${source.type} key` : `auth: JWT with keys from ${source.url}`,
    );
  }
  lines.push(
    config.unauthorizedRole
      ? `auth: requests without credentials run as role "${config.unauthorizedRole}"`
      : 'auth: requests without credentials are refused',
  );
  return lines;
}

async function main(): Promise<void> {
  let config: HasuraConfig;
  try {
    config = readConfig();
  } catch (error) {
    console.error(`[hasura] ${(error as Error).message}`);
    process.exit(1);
  }
  const hasura = await startHasura(config, { log });
  const { startup } = hasura;
  log(`listening on ${hasura.url}/v1/graphql`);
  log(`database: ${startup.database} (source "${startup.source}")`);
  log(
    `migrations: ${startup.migrationsApplied.length ? `applied ${startup.migrationsApplied.join(', ')}` : 'none to apply'}` +
      (config.seedsDir
        ? `; seeds: ${startup.seedsApplied.length ? `applied ${startup.seedsApplied.join(', ')}` : 'none to apply'}`
        : ''),
  );
  for (const line of describeAuth(config)) log(line);
  if (startup.jwksKeys !== null) log(`auth: ${startup.jwksKeys} key(s) fetched from the JWKS at start-up`);
  if (config.adminSecret === undefined) {
    console.warn(
      [
        '',
        '[hasura] ############################################################',
        '[hasura] #  WARNING: HASURA_GRAPHQL_ADMIN_SECRET is not set.          #',
        '[hasura] #  EVERY REQUEST RUNS AS ADMIN: no permission is enforced.  #',
        '[hasura] #  Use this only for local development.                      #',
        '[hasura] ############################################################',
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    hasura.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`[hasura] shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`[hasura] failed to start: ${error.message}`);
  process.exit(1);
});
