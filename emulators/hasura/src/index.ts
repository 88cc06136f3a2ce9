/**
 * Starts the local Hasura-compatible engine in this process: opens the database, applies the project's
 * migrations (and seeds, when configured), loads the metadata, reads the catalog, builds the engine and serves
 * it over HTTP and WebSocket. Used by `npm run emulator:hasura`, `npm run dev`, `npm run codegen`, tests and the bench.
 */
import type { AddressInfo } from 'node:net';
import { createJwtVerifier } from './auth/jwt.js';
import type { JwksOptions } from './auth/jwks.js';
import type { AuthSettings } from './auth/session.js';
import { readCatalog } from './catalog.js';
import type { HasuraConfig } from './config.js';
import { openDatabase } from './db.js';
import { createEngine } from './engine/index.js';
import { loadMetadata } from './metadata.js';
import { applyMigrations, applySeeds } from './migrations.js';
import { createHasuraServer } from './server.js';
import { attachSubscriptions, type SubscriptionServer } from './subscriptions/index.js';
import { DEFAULT_SUBSCRIPTION_CONFIG } from './subscriptions/config.js';
import type { Database, Engine } from './types.js';

export interface StartOptions {
  /** Port to listen on; 0 = an ephemeral port. Default: `config.port`. */
  port?: number;
  /** Interface to bind (default 127.0.0.1: a local stand-in has no business on other interfaces). */
  host?: string;
  log?: (message: string) => void;
  /** JWKS cache tuning (tests shorten the refetch interval). */
  jwks?: JwksOptions;
}

export interface RunningHasura {
  url: string;
  port: number;
  /** What start-up did, for the start-up log. */
  startup: {
    database: string;
    source: string;
    migrationsApplied: string[];
    seedsApplied: string[];
    jwksKeys: number | null;
  };
  db: Database;
  engine: Engine;
  /** The websocket side of `/v1/graphql` (`./subscriptions/`). */
  subscriptions: SubscriptionServer;
  close(): Promise<void>;
}

export async function startHasura(config: HasuraConfig, options: StartOptions = {}): Promise<RunningHasura> {
  const log = options.log ?? (() => undefined);
  const db = await openDatabase(config.database, { statementTimeoutMs: config.statementTimeoutMs, log });
  try {
    const metadata = await loadMetadata(config.metadataDir);
    const source = metadata.sources[0]?.name ?? 'default';
    const { applied: migrationsApplied } = await applyMigrations(db, config.migrationsDir, source);
    const seedsApplied = config.seedsDir ? (await applySeeds(db, config.seedsDir, source)).applied : [];
    const catalog = await readCatalog(db);
    const engine = createEngine({ db, catalog, metadata, stringifyNumericTypes: config.stringifyNumericTypes });
    for (const { type, name, reason } of engine.inconsistentObjects)
      log(`inconsistent metadata, left out: ${type} ${name}: ${reason}`);

    const auth: AuthSettings = { adminSecret: config.adminSecret, unauthorizedRole: config.unauthorizedRole };
    if (config.jwt) {
      const verifier = createJwtVerifier(config.jwt, { log, ...options.jwks });
      await verifier.jwks?.start();
      auth.jwt = { config: config.jwt, verifier };
    }

    const server = createHasuraServer({ engine, auth, cors: config.cors, log });
    const subscriptions = attachSubscriptions(server, {
      db,
      catalog,
      metadata,
      stringifyNumericTypes: config.stringifyNumericTypes,
      auth,
      config: config.subscriptions ?? DEFAULT_SUBSCRIPTION_CONFIG,
      cors: config.cors,
      log,
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? config.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${host}:${port}`,
      port,
      startup: {
        database: db.description,
        source,
        migrationsApplied,
        seedsApplied,
        jwksKeys: auth.jwt?.verifier.jwks ? auth.jwt.verifier.jwks.size : null,
      },
      db,
      engine,
      subscriptions,
      async close() {
        subscriptions.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
