/**
 * One websocket on `/v1/graphql`, in either of Hasura's subprotocols: `graphql-transport-ws` (the graphql-ws
 * library) or the legacy Apollo `graphql-ws` (subscriptions-transport-ws, also what Hasura speaks when no
 * subprotocol is offered). Authentication happens once, at `connection_init`, from `payload.headers` over the
 * upgrade request's own headers; a JWT session ends when the token expires: the socket is dropped without a close
 * frame, as Hasura does, and the client reconnects with a fresh token.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { resolveSession, type AuthSettings, type RequestHeaders } from '../auth/session.js';
import type { Engine, GraphQLRequest, HasuraError, Session } from '../types.js';
import type { SubscriptionConfig } from './config.js';
import { planOperation } from './operations.js';
import type { Poller } from './poller.js';

export const MODERN = 'graphql-transport-ws';
export const LEGACY = 'graphql-ws';
export type Protocol = typeof MODERN | typeof LEGACY;

/** setTimeout's limit (~24.8 days); a later expiry is re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ConnectionContext {
  engine: Engine;
  poller: Poller;
  auth: AuthSettings;
  config: SubscriptionConfig;
  log: (message: string) => void;
}

export function handleConnection(
  socket: WebSocket,
  request: IncomingMessage,
  protocol: Protocol,
  ctx: ConnectionContext,
): void {
  const modern = protocol === MODERN;
  const operations = new Map<string, () => void>();
  let session: Session | undefined;
  let initialising = false;
  let closed = false;
  const timers: NodeJS.Timeout[] = [];

  const send = (message: unknown) => {
    if (!closed && socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const sendText = (text: string) => {
    if (!closed && socket.readyState === socket.OPEN) socket.send(text);
  };
  const close = (code: number, reason: string) => {
    if (!closed && socket.readyState === socket.OPEN) socket.close(code, reason);
    shutdown();
  };
  const shutdown = () => {
    if (closed) return;
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    for (const stop of operations.values()) stop();
    operations.clear();
  };
  socket.on('close', shutdown);
  socket.on('error', shutdown);

  // Keep-alive from the start (it may arrive before connection_ack, as with Hasura).
  const keepAlive = setInterval(
    () => send(modern ? { type: 'ping', payload: { message: 'keepalive' } } : { type: 'ka' }),
    ctx.config.keepAliveMs,
  );
  timers.push(keepAlive);
  // graphql-transport-ws only, as in Hasura (its reason is plain text, not a server_error_msg object).
  if (modern) {
    timers.push(
      setTimeout(() => {
        if (!session && !initialising) close(4408, 'Connection initialisation timed out');
      }, ctx.config.connectionInitTimeoutMs),
    );
  }

  const expireAt = (at: number) => {
    const wait = at - Date.now();
    timers.push(
      setTimeout(
        () => {
          if (wait > MAX_TIMER_MS) return expireAt(at);
          // Hasura ends the connection with no message and no close frame (browsers see 1006).
          shutdown();
          socket.terminate();
        },
        Math.max(0, Math.min(wait, MAX_TIMER_MS)),
      ),
    );
  };

  const init = async (payload: unknown) => {
    if (session || initialising) {
      if (modern) close(4429, 'Too many initialisation requests');
      return;
    }
    initialising = true;
    const headers: RequestHeaders = { ...request.headers };
    // Cookies are never credentials on a socket (a foreign page could open one with the visitor's cookies).
    delete headers.cookie;
    const sent = isObject(payload) && isObject(payload.headers) ? payload.headers : {};
    for (const [name, value] of Object.entries(sent))
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    let result: Session | HasuraError;
    try {
      result = await resolveSession(headers, ctx.auth);
    } catch (error) {
      ctx.log(`websocket init failed: ${(error as Error).message}`);
      result = { message: 'internal error', extensions: { path: '$', code: 'unexpected' } };
    }
    initialising = false;
    if ('extensions' in result) {
      if (modern) close(4403, JSON.stringify({ server_error_msg: '4403: Forbidden' }));
      else {
        send({ type: 'connection_error', payload: result.message });
        close(4400, JSON.stringify({ server_error_msg: `4400: Connection initialization failed: ${result.message}` }));
      }
      return;
    }
    session = result;
    if (session.expiresAt !== undefined) expireAt(session.expiresAt);
    send({ type: 'connection_ack' });
    if (!modern) send({ type: 'ka' });
  };

  const refuse = (id: string, message: string) => {
    // graphql-transport-ws: an error naming the problem, then the socket closes (Hasura's flow).
    send({ type: 'error', id, payload: message });
    close(1000, JSON.stringify({ server_error_msg: `4400: ${message}` }));
  };

  const sendError = (id: string, errors: unknown[]) => {
    send(modern ? { type: 'error', id, payload: errors } : { type: 'error', id, payload: { errors } });
  };

  const start = async (id: unknown, payload: unknown) => {
    if (typeof id !== 'string' || !id) {
      if (modern) close(4400, 'Invalid message received');
      else send({ type: 'connection_error', payload: 'the operation id is missing' });
      return;
    }
    if (!session) {
      if (modern) refuse(id, 'cannot start as connection_init is not sent yet');
      else sendError(id, [error('start-failed', 'cannot start as connection_init is not sent yet')]);
      return;
    }
    if (operations.has(id)) {
      if (modern) refuse(id, `Subscriber for ${id} already exists`);
      else sendError(id, [error('start-failed', `an operation already exists with this id: ${id}`)]);
      return;
    }
    const request = asRequest(payload);
    if ('extensions' in request) {
      sendError(id, [request]);
      send({ type: 'complete', id });
      return;
    }
    const current = session;
    const planned = planOperation(ctx.engine.schemaFor(current.role), request);
    if (planned.kind === 'error') {
      sendError(id, [planned.error]);
      send({ type: 'complete', id });
      return;
    }
    if (planned.kind === 'once') {
      operations.set(id, () => undefined);
      const text = await ctx.engine.executeText(request, current);
      if (!operations.delete(id)) return; // stopped meanwhile
      if (isErrorsOnly(text)) sendError(id, (JSON.parse(text) as { errors: unknown[] }).errors);
      else sendText(resultMessage(id, text));
      send({ type: 'complete', id });
      return;
    }
    // Subscriptions: the first answer being an error ends the operation (a request error); later errors are results.
    let first = true;
    const push = (text: string) => {
      if (first && isErrorsOnly(text)) {
        operations.get(id)?.();
        operations.delete(id);
        sendError(id, (JSON.parse(text) as { errors: unknown[] }).errors);
        send({ type: 'complete', id });
        return;
      }
      first = false;
      sendText(resultMessage(id, text));
    };
    const stop =
      planned.kind === 'live'
        ? ctx.poller.addLive(planned.request, current, push)
        : ctx.poller.addStream(planned.stream, current, push);
    if (operations.has(id)) stop();
    else operations.set(id, stop);
  };

  const resultMessage = (id: string, text: string) =>
    `{"type":"${modern ? 'next' : 'data'}","id":${JSON.stringify(id)},"payload":${text}}`;

  const stopOperation = (id: unknown) => {
    if (typeof id !== 'string') return;
    operations.get(id)?.();
    operations.delete(id);
  };

  socket.on('message', (data, isBinary) => {
    let message: { type?: unknown; id?: unknown; payload?: unknown };
    try {
      if (isBinary) throw new Error('binary');
      message = JSON.parse(data.toString()) as typeof message;
      if (!isObject(message)) throw new Error('not an object');
    } catch {
      if (modern) close(4400, 'Invalid message received');
      else send({ type: 'connection_error', payload: 'parsing ClientMessage failed' });
      return;
    }
    switch (message.type) {
      case 'connection_init':
        void init(message.payload);
        return;
      case modern ? 'subscribe' : 'start':
        void start(message.id, message.payload).catch((caught: unknown) => {
          ctx.log(`websocket operation failed: ${(caught as Error).stack ?? String(caught)}`);
          if (typeof message.id === 'string') {
            sendError(message.id, [error('unexpected', 'internal error')]);
            send({ type: 'complete', id: message.id });
          }
        });
        return;
      case modern ? 'complete' : 'stop':
        stopOperation(message.id);
        return;
      case 'ping':
        if (modern) send(message.payload === undefined ? { type: 'pong' } : { type: 'pong', payload: message.payload });
        return;
      case 'pong':
        if (modern) return;
        break;
      case 'connection_terminate':
        if (!modern) {
          close(1000, 'Normal Closure');
          return;
        }
        break;
    }
    if (modern) close(4400, 'Invalid message received');
    else send({ type: 'connection_error', payload: 'parsing ClientMessage failed' });
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isErrorsOnly = (text: string) => text.startsWith('{"errors"');

const error = (code: string, message: string): HasuraError => ({ message, extensions: { path: '$', code } });

function asRequest(payload: unknown): GraphQLRequest | HasuraError {
  if (!isObject(payload)) return error('parse-failed', 'Error in $.payload: expected Object');
  const { query, variables, operationName } = payload;
  if (typeof query !== 'string') return error('parse-failed', 'Error in $.payload: key "query" not found');
  if (variables != null && !isObject(variables))
    return error('parse-failed', 'Error in $.payload.variables: expected HashMap');
  if (operationName != null && typeof operationName !== 'string')
    return error('parse-failed', 'Error in $.payload.operationName: expected Text');
  return {
    query,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    operationName: (operationName as string | null | undefined) ?? null,
  };
}
