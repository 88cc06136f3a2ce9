/**
 * GraphQL over WebSocket on `/v1/graphql` (both of Hasura's subprotocols), served from the HTTP server's upgrade
 * event: queries and mutations once, live queries and streams refetched by the poller. Subscriptions run on an
 * engine of their own over the multiplexing database, so cohorts of the same shape share one statement per batch.
 */
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { AuthSettings } from '../auth/session.js';
import { isAllowedOrigin, type CorsConfig } from '../cors.js';
import { hasuraError } from '../engine/errors.js';
import { createEngine } from '../engine/index.js';
import type { Catalog, Database, Metadata } from '../types.js';
import type { SubscriptionConfig } from './config.js';
import { handleConnection, LEGACY, MODERN, type Protocol } from './connection.js';
import { multiplexer, multiplexingDatabase, type StatementCounter } from './multiplex.js';
import { Poller } from './poller.js';

export interface SubscriptionOptions {
  db: Database;
  catalog: Catalog;
  metadata: Metadata;
  stringifyNumericTypes: boolean;
  auth: AuthSettings;
  config: SubscriptionConfig;
  /** With a list of CORS domains, a browser socket from another origin is refused, as in Hasura. */
  cors?: CorsConfig;
  log?: (message: string) => void;
}

export interface SubscriptionServer {
  /** For the bench and tests: statements sent by websocket operations, open sockets, live cohorts. */
  stats(): { statements: number; sockets: number; cohorts: number };
  /** Closes every socket with 1012 (as Hasura on shutdown) and stops refetching. */
  close(): void;
}

/** Messages larger than this close the socket (1009), like the HTTP body limit. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export function attachSubscriptions(server: Server, options: SubscriptionOptions): SubscriptionServer {
  const log = options.log ?? (() => undefined);
  const counter: StatementCounter = { statements: 0 };
  const multiplex = multiplexer(options.db, () => options.config.liveBatchSize, counter);
  const engine = createEngine({
    db: multiplexingDatabase(options.db, multiplex, counter),
    catalog: options.catalog,
    metadata: options.metadata,
    stringifyNumericTypes: options.stringifyNumericTypes,
  });
  const poller = new Poller(
    engine,
    multiplex,
    { liveMs: options.config.liveRefetchMs, streamMs: options.config.streamRefetchMs },
    log,
  );
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Echo only a subprotocol the client offered (hasura issue 7367: browsers drop a socket that names another).
    handleProtocols: (offered) => (offered.has(MODERN) ? MODERN : offered.has(LEGACY) ? LEGACY : false),
  });
  const context = { engine, poller, auth: options.auth, config: options.config, log };

  server.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/v1/graphql') {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const origin = request.headers.origin;
    if (options.cors?.mode === 'origins' && origin !== undefined && !isAllowedOrigin(options.cors, origin)) {
      const body = JSON.stringify(
        hasuraError('access-denied', 'received origin header does not match configured CORS domains'),
      );
      socket.end(
        'HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-type: application/json\r\n' +
          `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      // No subprotocol, or one Hasura does not know: the legacy protocol, as in Hasura.
      const protocol: Protocol = ws.protocol === MODERN ? MODERN : LEGACY;
      handleConnection(ws, request, protocol, context);
    });
  });

  return {
    stats: () => ({ statements: counter.statements, sockets: wss.clients.size, cohorts: poller.cohortCount }),
    close() {
      poller.close();
      for (const client of wss.clients) {
        client.close(1012, 'Service Restart');
        // A client that never answers the close handshake does not hold the shutdown up.
        setTimeout(() => client.terminate(), 1000).unref();
      }
      wss.close();
    },
  };
}
